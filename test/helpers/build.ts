/**
 * vitest's global setup, two jobs before the tests run:
 *
 * - Builds the CLI (`npm run build`) when the tests that start `bin/atlascli.js` would
 *   otherwise run an old one, and only then: when the bundle the bin loads
 *   (dist/bundle/cli.cjs, the entry bin/atlascli.js loads) is missing, or older than anything it is built from (src/,
 *   scripts/bundle.js and its shims, package.json, package-lock.json, tsconfig.json). So a
 *   fresh clone's `npm test` builds, a run after `npm run build` (CI) does not build
 *   again, and a run after a change in src/ does.
 * - Under `npm test` (and so in CI), typechecks src/ and test/ (`npm run typecheck`) while
 *   the tests run; type errors fail the run once the tests are done. A run of chosen files
 *   (`npx vitest run test/e2e/x.test.ts`) skips it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The bundle's entry, the file bin/atlascli.js loads. */
export const BUILT = join(ROOT, 'dist', 'bundle', 'cli.cjs');
const INPUTS = ['src', 'scripts/bundle.js', 'scripts/bundle-shims', 'package.json', 'package-lock.json', 'tsconfig.json'];
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

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

/** `npm run typecheck`, started now; resolves with its exit code and output. */
function typecheck(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(npm, ['run', 'typecheck', '--silent'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
    child.on('error', (err) => resolve({ code: null, output: String(err) }));
    child.on('close', (code) => resolve({ code, output }));
  });
}

export default function setup(): (() => Promise<void>) | undefined {
  const checking = process.env.npm_lifecycle_event === 'test' ? typecheck() : undefined;
  const why = staleBecause();
  if (why !== undefined) {
    process.stderr.write(`building the CLI first (${why}): npm run build\n`);
    const r = spawnSync(npm, ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
    if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status ?? r.signal}): the tests that run bin/atlascli.js need it`);
  }
  if (!checking) return undefined;
  return async () => {
    const { code, output } = await checking;
    if (code !== 0) {
      // an error thrown here is only logged: the exit code says it
      process.exitCode = 1;
      throw new Error(`npm run typecheck failed (exit ${code}):\n${output}`);
    }
    process.stderr.write('typecheck (src and test): no errors\n');
  };
}
