import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';

// PGlite takes no lock on its data directory: a second process opening it (a CLI while the service
// runs, a second service by mistake) would write to the same files and corrupt them. So the embedded
// database is opened under a lock file of our own beside the directory, holding the owner's process
// id. A lock whose process is gone (a SIGKILLed service) is taken over.

export class DataDirInUseError extends Error {}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockPathOf(dataDir: string): string {
  const abs = path.resolve(dataDir);
  return path.join(path.dirname(abs), `.${path.basename(abs)}.lock`);
}

/** Takes the lock (or throws DataDirInUseError); returns the function that gives it back. */
export function lockDataDir(dataDir: string): () => void {
  const file = lockPathOf(dataDir);
  mkdirSync(path.dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(readFileSync(file, 'utf8').trim());
      // This very process counts too: a second handle on one directory is as harmful in one process.
      if (Number.isInteger(owner) && owner > 0 && alive(owner)) {
        throw new DataDirInUseError(
          `DATA_DIR ${dataDir} is in use by process ${owner}: stop it first (the embedded database allows one process)`,
        );
      }
      rmSync(file, { force: true }); // left by a process that is gone
    }
  }
  throw new DataDirInUseError(`DATA_DIR ${dataDir}: could not take its lock ${file}`);
}
