import { runPremisesBench } from './premises.bench';

// `npm run bench`: every benchmark, one after the other; each prints its own table.
async function main(): Promise<void> {
  const only = process.argv[2];
  if (!only || only === 'premises') await runPremisesBench();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
