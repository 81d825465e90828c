import { parseArgs } from 'node:util';
import { loadConfig } from '../config';
import { openDatabase } from '../db/connection';
import { migrateToLatest } from '../db/migrator';
import { systemClock } from '../clock';
import { createUser } from './users.service';
import { ROLES, type Role } from './users.table';

// `npm run user:create -- --name "Anna Andersson" --role case_officer` prints the new user's token.
// With the embedded database, stop the service first (one process owns DATA_DIR) or use POST /api/users.
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' } } });
  if (!values.name?.trim() || !ROLES.includes(values.role as Role)) {
    throw new Error(`usage: user:create --name NAME --role ${ROLES.join('|')}`);
  }
  const config = loadConfig();
  const handle = await openDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.DATA_DIR });
  try {
    await migrateToLatest(handle.db);
    const user = await createUser(handle.db, systemClock, 'cli', {
      name: values.name.trim(),
      role: values.role as Role,
    });
    console.log(`Created ${user.role} "${user.name}" (${user.id}).`);
    console.log(`Token (shown once, store it safely): ${user.token}`);
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
});
