import { statSync } from 'node:fs';
import { loadConfig } from '../config';
import { backupEmbedded, backupServer, restoreEmbedded, restoreServer } from './backup';

// `npm run backup -- FILE` and `npm run restore -- FILE`, for the database the configuration names
// (DATABASE_URL, else the embedded DATA_DIR). See README, "Backups".
async function main(): Promise<void> {
  const [command, file] = process.argv.slice(2);
  if ((command !== 'backup' && command !== 'restore') || !file) {
    console.error('usage: npm run backup -- FILE | npm run restore -- FILE');
    process.exit(2);
  }
  const config = loadConfig();
  if (command === 'backup') {
    if (config.DATABASE_URL) await backupServer(config.DATABASE_URL, file);
    else await backupEmbedded(config.DATA_DIR, file);
    console.log(`Backup written to ${file} (${statSync(file).size} bytes).`);
  } else {
    if (config.DATABASE_URL) await restoreServer(file, config.DATABASE_URL);
    else await restoreEmbedded(file, config.DATA_DIR);
    console.log(
      `Restored ${file} into ${config.DATABASE_URL ? 'the database of DATABASE_URL' : config.DATA_DIR}.`,
    );
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
