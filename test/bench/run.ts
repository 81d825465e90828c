// Entry point of `npm run bench`: one call per benchmark, run in turn.
import { runMatcherBench } from './matcher.bench';

async function main(): Promise<void> {
  await runMatcherBench();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
