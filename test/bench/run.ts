import { runImportBench } from './import.bench';
import { runMatcherBench } from './matcher.bench';
import { runPremisesBench } from './premises.bench';
import { runAuditBench } from './audit.bench';
import { runBoundsBench } from './bounds.bench';
import { runSanctionsImportBench } from './sanctions-import.bench';

// `npm run bench`: every benchmark in turn, each printing its own table. `npm run bench -- premises`
// (or `matcher`, `import`, `audit`, `sanctions`, `bounds`) runs one.
const BENCHES: Record<string, () => Promise<void>> = {
  matcher: runMatcherBench,
  premises: runPremisesBench,
  import: runImportBench,
  audit: runAuditBench,
  sanctions: runSanctionsImportBench,
  bounds: runBoundsBench,
};

async function main(): Promise<void> {
  const only = process.argv[2];
  for (const [name, bench] of Object.entries(BENCHES)) {
    if (!only || only === name) await bench();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
