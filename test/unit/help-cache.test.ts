// The help text cache (bin/help-cache.js), across runs of the real bin (each run a process
// of its own: the cache is what one run leaves to the next): a help printed from the cache
// is byte for byte the help the CLI renders, for every group and several widths; a
// rebuild (another build key) renders again; an error is never stored; a cache that cannot
// be read or written is silent.
import { spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as groups from '../../src/program/groups.js';
import { runCli, tempDir } from '../helpers/cli.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ENV = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'NODE_EXTRA_CA_CERTS' && k !== 'NODE_OPTIONS'));

/** Every group the program has (others are added beside these: they are found, not listed). */
const GROUP_NAMES = (Object.values(groups) as unknown[]).flatMap((g) =>
  typeof g === 'object' && g !== null && typeof (g as { name?: unknown }).name === 'string' ? [(g as { name: string }).name] : [],
);

/** A preload that makes stdout a terminal of TEST_COLUMNS columns, as a user's terminal is. */
function terminalPreload(): string {
  const file = join(tempDir('atlascli-hc-preload-'), 'terminal.cjs');
  writeFileSync(file, 'if (process.env.TEST_COLUMNS) { process.stdout.isTTY = true; process.stdout.columns = Number(process.env.TEST_COLUMNS); }\n');
  return file;
}
const PRELOAD = terminalPreload();

/** One run of the bin of the bundle in `root`, with its temporary folder (the caches) in `tmp`. */
function run(args: string[], tmp: string, columns?: number, root = ROOT) {
  const env = { ...ENV, TMPDIR: tmp, TMP: tmp, TEMP: tmp, ...(columns ? { TEST_COLUMNS: String(columns) } : {}) };
  return spawnSync(process.execPath, ['-r', PRELOAD, join(root, 'bin', 'atlascli.js'), ...args], { env, encoding: 'utf8' });
}

/** The stored helps under `tmp`. */
function helpFiles(tmp: string): string[] {
  const found: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (e.name.startsWith('help-')) found.push(join(d, e.name));
    }
  };
  walk(tmp);
  return found;
}

describe('the help text cache', () => {
  it('knows the groups', () => {
    expect(GROUP_NAMES).toContain('cluster');
    expect(GROUP_NAMES.length).toBeGreaterThan(5);
  });

  it('prints, for every group and several widths, byte for byte the help the CLI renders', async () => {
    const tmp = tempDir('atlascli-hc-');
    const cases: Array<[string[], number | undefined]> = [
      [['--help'], undefined],
      [['-h'], 50],
      [['--help'], 132],
      ...GROUP_NAMES.map((g, i): [string[], number | undefined] => [[g, '--help'], [undefined, 60, 100, 40][i % 4]]),
      [['help', 'cluster'], 70],
      [['cluster', '-h'], undefined],
    ];
    for (const [args, columns] of cases) {
      const before = helpFiles(tmp).length;
      // the first run renders (commander wraps its rows to the process's own terminal, so
      // the help of a width is the one a process of that width renders) and stores
      const first = run(args, tmp, columns);
      const stored = helpFiles(tmp).length;
      expect(stored).toBe(before + 1);
      const second = run(args, tmp, columns);
      expect({ args, columns, second: second.stdout }).toEqual({ args, columns, second: first.stdout });
      expect([first.status, second.status, first.stderr, second.stderr]).toEqual([0, 0, '', '']);
      // the second run added nothing: it printed the stored help
      expect(helpFiles(tmp).length).toBe(stored);
      // piped, the help is the one the CLI renders in-process
      if (!columns) expect(first.stdout).toBe((await runCli(args)).stdout);
    }
    // one stored help per invocation and width
    expect(helpFiles(tmp).length).toBe(new Set(cases.map(([a, c]) => `${a.join(' ')} ${c ?? 'pipe'}`)).size);
    // the width is in the key: a narrow terminal's help is not the piped one
    expect(run(['-h'], tmp, 50).stdout).not.toBe(run(['-h'], tmp).stdout);
  });

  it('the second run prints what is stored, and only for the same build, words and width', () => {
    const tmp = tempDir('atlascli-hc-');
    run(['cluster', '--help'], tmp);
    const [file] = helpFiles(tmp);
    const text = readFileSync(file!, 'utf8');
    writeFileSync(file!, text.replace(/Usage: /, 'Usage (stored): '));
    expect(run(['cluster', '--help'], tmp).stdout).toMatch(/^Usage \(stored\): /);
    // another width or other words are rendered
    expect(run(['cluster', '--help'], tmp, 90).stdout).toMatch(/^Usage: /);
    expect(run(['project', '--help'], tmp).stdout).toMatch(/^Usage: /);
    // a file whose key is not this invocation's is not used
    writeFileSync(file!, text.replace(/^[^\n]*\n/, 'other key\n').replace(/Usage: /, 'Usage (stored): '));
    expect(run(['cluster', '--help'], tmp).stdout).toMatch(/^Usage: /);
  });

  it('a rebuild renders again and removes the helps of the earlier build', () => {
    const tmp = tempDir('atlascli-hc-');
    const copy = tempDir('atlascli-hc-copy-');
    for (const d of ['bin', 'dist/bundle']) cpSync(join(ROOT, d), join(copy, d), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(copy, 'package.json'));
    const rendered = run(['cluster', '--help'], tmp, undefined, copy).stdout;
    const [file] = helpFiles(tmp);
    writeFileSync(file!, readFileSync(file!, 'utf8').replace(/Usage: /, 'Usage (stored): '));
    expect(run(['cluster', '--help'], tmp, undefined, copy).stdout).toMatch(/^Usage \(stored\): /);
    // a rebuild: scripts/bundle.js writes another build key
    writeFileSync(join(copy, 'dist', 'bundle', 'build-key'), 'ffffffffffffffffffffffffffffffff\n');
    expect(run(['cluster', '--help'], tmp, undefined, copy).stdout).toBe(rendered);
    expect(helpFiles(tmp).map((f) => f.replace(/.*\//, ''))).toEqual([expect.stringMatching(/^help-f{32}-[0-9a-f]{8}\.txt$/)]);
  });

  it('an error is rendered every time and never stored; nor is anything not purely help', () => {
    const tmp = tempDir('atlascli-hc-');
    for (const args of [['help', 'nosuch'], ['cluster', 'list', '--help'], ['cluster', '--help', '-o', 'json'], ['help']]) {
      run(args, tmp);
      run(args, tmp);
    }
    const second = run(['help', 'nosuch'], tmp);
    expect(second.status).toBe(2);
    expect(second.stderr).toMatch(/no help on "nosuch"/);
    expect(helpFiles(tmp)).toEqual([]);
  });

  it('a stored help that cannot be read nor written is silent: the help is rendered', async () => {
    const rendered = (await runCli(['cluster', '--help'])).stdout;
    const tmp = tempDir('atlascli-hc-');
    run(['cluster', '--help'], tmp);
    const [file] = helpFiles(tmp);
    // a folder where the file was: reading it fails, and so does renaming the new one onto it
    rmSync(file!);
    mkdirSync(file!);
    for (let i = 0; i < 2; i++) expect(run(['cluster', '--help'], tmp)).toMatchObject({ stdout: rendered, stderr: '', status: 0 });
    expect(statSync(file!).isDirectory()).toBe(true);
    expect(readdirSync(join(file!, '..')).filter((f) => f.startsWith('help-') && f !== file!.replace(/.*\//, ''))).toEqual([]);
  });

  it.skipIf(!existsSync('/dev/full'))('a stored help that cannot be written to stdout is reported as a rendered one is: one line, exit 1', () => {
    const tmp = tempDir('atlascli-hc-');
    const toFull = () => {
      const fd = openSync('/dev/full', 'w');
      try {
        const env = { ...ENV, TMPDIR: tmp, TMP: tmp, TEMP: tmp };
        return spawnSync(process.execPath, [join(ROOT, 'bin', 'atlascli.js'), 'cluster', '--help'], { env, encoding: 'utf8', stdio: ['ignore', fd, 'pipe'] });
      } finally {
        closeSync(fd);
      }
    };
    const rendered = toFull();
    expect(helpFiles(tmp)).toEqual([]);
    run(['cluster', '--help'], tmp);
    expect(helpFiles(tmp)).toHaveLength(1);
    const stored = toFull();
    expect([stored.status, stored.stderr]).toEqual([1, 'atlascli: cannot write the output to stdout: ENOSPC (no space left on the device)\n']);
    expect([rendered.status, rendered.stderr]).toEqual([stored.status, stored.stderr]);
  });

  it('a cache folder that cannot be made is silent: the help is rendered', async () => {
    const rendered = (await runCli(['--help'])).stdout;
    const tmp = join(tempDir('atlascli-hc-'), 'no-such-folder');
    expect(run(['--help'], tmp)).toMatchObject({ stdout: rendered, stderr: '', status: 0 });
    expect(run(['--help'], tmp)).toMatchObject({ stdout: rendered, stderr: '', status: 0 });
  });
});
