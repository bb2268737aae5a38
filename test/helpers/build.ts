/**
 * vitest's global setup: builds the CLI (`npm run build`) when the tests that start
 * `bin/atlascli.js` would otherwise run an old one, and only then: when the bundle the bin
 * loads (dist/bundle/cli.js) is missing, or older than anything it is built from (src/,
 * scripts/bundle.js and its shims, package.json, package-lock.json, tsconfig.json). So a
 * fresh clone's `npm test` builds, a run after `npm run build` (CI) does not build again,
 * and a run after a change in src/ does.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'dist', 'bundle', 'cli.js');
const INPUTS = ['src', 'scripts/bundle.js', 'scripts/bundle-shims', 'package.json', 'package-lock.json', 'tsconfig.json'];

/** The newest modification time (ms) of a file or of any file under a folder; 0 when absent. */
function newest(path: string): number {
  let stats;
  try {
    stats = statSync(path);
  } catch {
    return 0;
  }
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stats.mtimeMs);
}

/** Why the build is out of date, or undefined when it is not. */
export function staleBecause(): string | undefined {
  const built = newest(BUILT);
  if (built === 0) return `${BUILT} is missing`;
  const changed = INPUTS.find((input) => newest(join(ROOT, input)) > built);
  return changed === undefined ? undefined : `${changed} changed after the last build`;
}

export default function setup(): void {
  const why = staleBecause();
  if (why === undefined) return;
  process.stderr.write(`building the CLI first (${why}): npm run build\n`);
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal}): the tests that run bin/atlascli.js need it`);
}
