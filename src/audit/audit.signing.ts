import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { canonicalJson } from './audit.hash';

// Ed25519 signatures over tree heads and checkpoints (node:crypto only). The key comes from
// AUDIT_SIGNING_KEY, or is generated once beside the data: a file in DATA_DIR for the embedded
// database, a row in the database for a PostgreSQL server (so every instance signs with the same
// key), only in memory for DATA_DIR=memory:// (the data dies with the process, and so does the key).
// A generated key lies beside what it protects: whoever can rewrite the database may read it. It
// still ties every published head to the log; for protection against the database's administrators,
// give the key from outside (AUDIT_SIGNING_KEY) and keep published heads outside too.

export const KEY_FILE = 'audit-signing-key.pem';

/** A PKCS#8 DER prefix: with 32 seed bytes appended it is an Ed25519 private key. */
const ED25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');

/**
 * Reads AUDIT_SIGNING_KEY: a PEM private key (as `openssl genpkey -algorithm ed25519` writes it;
 * "\n" escapes allowed, for one-line environment files) or the 32-byte seed as 64 hex characters.
 */
export function parseSigningKey(text: string): KeyObject {
  const trimmed = text.trim();
  let key: KeyObject;
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) {
    key = createPrivateKey({
      key: Buffer.concat([ED25519_PKCS8_PREFIX, Buffer.from(trimmed, 'hex')]),
      format: 'der',
      type: 'pkcs8',
    });
  } else {
    key = createPrivateKey(trimmed.replace(/\\n/g, '\n'));
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('is not an Ed25519 private key');
  return key;
}

export function generateSigningKeyPem(): string {
  return generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
}

/** keyId = hex(SHA-256(the public key's DER SubjectPublicKeyInfo)). */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256')
    .update(publicKey.export({ format: 'der', type: 'spki' }))
    .digest('hex');
}

export class AuditSigner {
  readonly keyId: string;
  readonly publicKeyPem: string;
  private readonly publicKey: KeyObject;

  constructor(private readonly privateKey: KeyObject) {
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyIdOf(this.publicKey);
    this.publicKeyPem = this.publicKey.export({ format: 'pem', type: 'spki' }).toString();
  }

  /** Hex signature over the UTF-8 bytes of `message`. */
  sign(message: string): string {
    return sign(null, Buffer.from(message, 'utf8'), this.privateKey).toString('hex');
  }

  verify(message: string, signature: string): boolean {
    return verifySignature(this.publicKey, message, signature);
  }
}

export function verifySignature(publicKey: KeyObject | string, message: string, signature: string): boolean {
  if (!/^[0-9a-f]{128}$/.test(signature)) return false;
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  return verify(null, Buffer.from(message, 'utf8'), key, Buffer.from(signature, 'hex'));
}

export interface TreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
}

/** What a tree head's signature covers: canonical JSON of ["fk-audit-tree-head", treeSize, rootHash, timestamp]. */
export function treeHeadMessage(h: TreeHead): string {
  return canonicalJson(['fk-audit-tree-head', h.treeSize, h.rootHash, h.timestamp]);
}

export interface CheckpointClaim {
  seq: number;
  chainHash: string;
  rootHash: string;
  frontier: string[];
  erased: number;
  method: 'full' | 'incremental';
  verifiedAt: string;
}

export function checkpointMessage(c: CheckpointClaim): string {
  return canonicalJson([
    'fk-audit-checkpoint',
    c.seq,
    c.chainHash,
    c.rootHash,
    c.frontier,
    c.erased,
    c.method,
    c.verifiedAt,
  ]);
}

/** The key file in an embedded database's DATA_DIR, created on first use (never overwritten). */
export function keyFromDataDir(dataDir: string): KeyObject {
  const file = path.join(dataDir, KEY_FILE);
  try {
    return parseSigningKey(readFileSync(file, 'utf8'));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, generateSigningKeyPem(), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return parseSigningKey(readFileSync(file, 'utf8'));
}
