import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { README_END, README_START, renderRoleTable } from '../test/http/role-matrix';

// `npm run docs:roles`: writes the README's role table from the pinned matrix the role test checks
// the service against (test/http/role-matrix.ts), between its two markers.
const file = path.join(__dirname, '..', 'README.md');
const readme = readFileSync(file, 'utf8');
const start = readme.indexOf(README_START);
const end = readme.indexOf(README_END);
if (start < 0 || end < start) {
  console.error(`README.md lacks the markers:\n${README_START}\n${README_END}`);
  process.exit(1);
}
const next = `${readme.slice(0, start + README_START.length)}\n${renderRoleTable()}\n${readme.slice(end)}`;
if (next === readme) console.log('README.md role table is current.');
else {
  writeFileSync(file, next);
  console.log('README.md role table written.');
}
