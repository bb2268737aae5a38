#!/usr/bin/env node
// Writes the shell completion scripts to completions/ from their one source,
// src/commands/completion/scripts.ts (built to dist/): what `atlascli completion <shell>`
// prints is what is committed and packed. Run after a change there:
//
//   npm run completions            (builds, then writes completions/atlascli.{bash,zsh,fish})
//   node scripts/completions.js --check   exit 1 and name the files that differ
//
// test/e2e/completion.test.ts fails when the committed files drift from the source.
import { readFileSync, writeFileSync } from 'node:fs';

const { SHELLS, completionScript } = await import('../dist/commands/completion/scripts.js');
const check = process.argv.includes('--check');
const stale = [];
for (const shell of SHELLS) {
  const file = new URL(`../completions/atlascli.${shell}`, import.meta.url);
  const text = completionScript(shell);
  let committed;
  try {
    committed = readFileSync(file, 'utf8');
  } catch {
    committed = undefined;
  }
  if (committed === text) continue;
  if (check) stale.push(`completions/atlascli.${shell}`);
  else {
    writeFileSync(file, text);
    console.log(`wrote completions/atlascli.${shell}`);
  }
}
if (stale.length) {
  console.error(`out of date: ${stale.join(', ')} (run: npm run completions)`);
  process.exit(1);
}
