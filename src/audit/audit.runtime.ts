import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/database';
import type { DatabaseKind } from '../db/connection';
import type { Clock } from '../clock';
import { registerPublicKey, storedSigningKey } from './audit.tree.repository';
import { AuditSigner, generateSigningKeyPem, keyFromDataDir, parseSigningKey } from './audit.signing';
import { VerificationRunner } from './audit.jobs';

/** What the audit area needs beyond the database: its signing key and the background job runner. */
export interface AuditRuntime {
  signer: AuditSigner;
  verifications: VerificationRunner;
}

/**
 * The signing key: AUDIT_SIGNING_KEY; otherwise generated once beside the data — a row in a server
 * database, a file in DATA_DIR, or (DATA_DIR=memory://) a key that lives as long as the process and
 * its data. Its public half is registered, so heads it signs can be checked later, also after a
 * change of key.
 */
export async function startAudit(opts: {
  db: Kysely<Database>;
  kind: DatabaseKind;
  signingKey: string | undefined;
  dataDir: string;
  clock: Clock;
  logger?: Logger;
}): Promise<AuditRuntime> {
  const { db, clock } = opts;
  const key = opts.signingKey
    ? parseSigningKey(opts.signingKey)
    : opts.kind === 'postgres'
      ? parseSigningKey(await storedSigningKey(db, generateSigningKeyPem, clock.now()))
      : opts.dataDir.startsWith('memory://')
        ? parseSigningKey(generateSigningKeyPem())
        : keyFromDataDir(opts.dataDir);
  const signer = new AuditSigner(key);
  await registerPublicKey(db, signer.keyId, signer.publicKeyPem, clock.now());
  const verifications = new VerificationRunner({ db, clock, signer, logger: opts.logger });
  return { signer, verifications };
}
