// The help examples of the core groups run as written against a fresh simulator: a user who
// pasted `atlascli alert ack 5efdb5dd5b306e51e2e9b05b --until 8h` from `alert --help` into a
// shell against `atlascli simulator` got exit 4, as the seed has no such alert (54 of the
// groups' examples exited 4 and 4 exited 5 before their ids and names became the seed's).
// Each command's examples run in the order its help prints them, as pasted into one shell:
// on a simulator reset before the command (what one example makes is there for the next:
// `ID=$(… sample-data load …)`, then `sample-data status Cluster0 "$ID"`), in a new folder
// (`--out-dir ./logs`, `> c.json`). Every example exits 0 unless it is listed in ALLOWED
// with the exit code and error it has and why.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exampleLines, words } from '../helpers/examples.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { stepPerPoll } from '../simulator/helpers.js';

const GROUPS = ['cluster', 'project', 'org', 'user', 'whitelist', 'logs', 'metrics', 'backup', 'alert', 'event', 'process', 'maintenance', 'performance'];

/** What the shell would put in for `$NAME` (the examples' variables). */
const VARS: Record<string, string> = {
  DB_PASSWORD: 'Str0ng-db-passw0rd',
  NEW: 'N3w-db-passw0rd',
  GITHUB_RUN_ID: '4242',
  CI_JOB_ID: '17',
  MONGODB_URI: 'mongodb+srv://x7k2pq.mongodb.net',
};

/**
 * The examples that do not exit 0 as written, keyed by the line as help prints it: the exit
 * code they have and the error they print (or `skip`: not run here), and why that is what a
 * user who pastes them sees.
 */
const ALLOWED: Record<string, { code: number; error: RegExp; why: string } | { code: 'skip'; why: string }> = {
  // a prompt: the example is for a person at a terminal; without one (as here) it refuses before deleting
  'atlascli cluster delete PausedCluster': {
    code: 2,
    error: /^atlascli: refusing to delete cluster PausedCluster without --force: no terminal to confirm on/,
    why: 'asks first: for a person at a terminal',
  },
  'atlascli project delete partner-app': {
    code: 2,
    error: /^atlascli: refusing to delete project partner-app \(b3123456789abcdef012345b\) without --force: no terminal/,
    why: 'asks first: for a person at a terminal',
  },
  'atlascli project users remove d1123456789abcdef012345d': {
    code: 2,
    error: /^atlascli: refusing to remove user d1123456789abcdef012345d from project b0123456789abcdef012345b without --force: no terminal/,
    why: 'asks first: for a person at a terminal',
  },
  // a file the user writes first
  'atlascli cluster create copy --file cluster.json --dry-run': {
    code: 2,
    error: /^atlascli: cannot read --file "cluster.json": no such file/,
    why: 'cluster.json is a file the user writes (or saves with `cluster get -o json`) first',
  },
  'atlascli alert config create --file cpu.json': {
    code: 2,
    error: /^atlascli: cannot read --file "cpu.json": no such file/,
    why: 'cpu.json is a file the user writes (or saves with `alert config get -o json`) first',
  },
  // the seed has no cluster with continuous cloud backup, and it does not grow for an example
  'atlascli backup restore create Cluster0 --type pointInTime --point-in-time 2026-11-01T10:00:00Z --target-cluster Cluster1': {
    code: 1,
    error: /400 INVALID_ATTRIBUTE: .*a pointInTime restore needs continuous cloud backup \(pitEnabled\) on cluster Cluster0/,
    why: "no seeded cluster has pitEnabled: Atlas's refusal, exit 1",
  },
  'atlascli backup restore create Cluster0 --type pointInTime --oplog-ts 1793527200 --oplog-inc 1 --target-cluster Cluster1 --wait': {
    code: 1,
    error: /400 INVALID_ATTRIBUTE: .*a pointInTime restore needs continuous cloud backup \(pitEnabled\) on cluster Cluster0/,
    why: "no seeded cluster has pitEnabled: Atlas's refusal, exit 1",
  },
  // commands that start a program (mongosh, a shell, npm) with access: not run here
  'atlascli cluster connect Cluster0': { code: 'skip', why: 'starts mongosh' },
  'atlascli cluster connect Cluster0 --role read@sales -- sh -c \'mongosh "$MONGODB_URI" --eval "db.runCommand({ping: 1})"\'': {
    code: 'skip',
    why: 'starts a shell that runs mongosh',
  },
  'atlascli cluster connect Cluster0 --ttl 30m -- npm run integration-tests': { code: 'skip', why: 'starts npm' },
  'atlascli whitelist exec --current-ip -- ./migrate.sh': { code: 'skip', why: "starts the user's script" },
  'atlascli whitelist exec --current-ip -- mongosh "$MONGODB_URI" --eval "db.runCommand({ping: 1})"': { code: 'skip', why: 'starts mongosh' },
  'atlascli whitelist exec --ttl 30m --comment "CI job $CI_JOB_ID" -- npm run migrate': { code: 'skip', why: 'starts npm' },
};

/** Splits `text` at the occurrences of `sep` outside quotes. */
function splitUnquoted(text: string, sep: string): string[] {
  const parts: string[] = [];
  let quote: string | undefined;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = undefined;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (text.startsWith(sep, i)) {
      parts.push(text.slice(start, i).trim());
      start = i + sep.length;
      i += sep.length - 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

// a manual clock where every change takes 1 s of it: the waits move it 250 ms a poll
const sim = sharedSimulator({ port: 0, clock: 'manual', stepMs: 1000 });
/** The examples that wait on Atlas (`--wait`, `watch`, a snapshot download's restore job): the clock moves while they poll. */
const WAITS = /--wait\b|\swatch\s|snapshot download/;
const home = process.cwd();

interface Outcome {
  code: number | null;
  /** the first `atlascli: ` line on stderr */
  error: string;
}

/**
 * Runs an example line in `dir` as a shell would, with `vars` its variables (kept from one
 * example of a command to the next, as in one shell): each `&&` part in turn, stopping at
 * the first that fails; in a pipeline the atlascli runs get what `printf`/`echo` or the run
 * before them print on stdin, and the programs that read atlascli's output (jq, cut, tar…)
 * are not run; `> file` is written; `NAME=$(atlascli …)` sets NAME, `cmd "$(atlascli …)"`
 * runs only the atlascli part; a part without atlascli (`$EDITOR cpu.json`) is skipped.
 * Returns the last atlascli run's exit code and error (code null when no atlascli ran).
 */
async function runExample(line: string, dir: string, vars: Record<string, string>): Promise<Outcome> {
  // an example in which no atlascli ran has not shown anything: it is not a pass
  let outcome: Outcome = { code: null, error: 'no atlascli command in the example' };
  for (const part of splitUnquoted(line, ' && ')) {
    const assign = /^(\w+)=\$\((atlascli .*)\)$/.exec(part);
    const inner = /\$\((atlascli [^)]*)\)/.exec(part);
    const pipeline = assign?.[2] ?? inner?.[1] ?? part;
    let stdin: string | undefined;
    for (const piece of splitUnquoted(pipeline, ' | ')) {
      const [cmd, out] = splitUnquoted(piece, ' > ');
      const w = words(cmd!).map((word) => word.replace(/\$(\w+)/g, (m, name: string) => vars[name] ?? m));
      if (w[0] === 'printf' || w[0] === 'echo') {
        stdin = w.at(-1);
        continue;
      }
      if (w[0] !== 'atlascli') {
        stdin = undefined;
        continue;
      }
      const r = await runCli(w.slice(1), { sim, env: { ATLASCLI_POLL_MS: '5', PWD: dir }, ...(stdin !== undefined ? { stdin } : {}) });
      if (out) writeFileSync(join(dir, out), r.stdoutBytes);
      if (assign) vars[assign[1]!] = r.stdout.trim();
      stdin = r.stdout;
      outcome = { code: r.code, error: r.stderr.split('\n').find((l) => l.startsWith('atlascli: ')) ?? '' };
      if (r.code !== 0) return outcome;
    }
  }
  return outcome;
}

/** The examples of each command, in the order its help prints them. */
const EXAMPLES = new Map<string, string[]>();
for (const { path, line } of await exampleLines(GROUPS)) EXAMPLES.set(path, [...(EXAMPLES.get(path) ?? []), line]);

describe('help examples of the core groups against a fresh simulator', () => {
  it('are all here, and the allowlist names only examples help prints', () => {
    const lines = [...EXAMPLES.values()].flat();
    expect(lines.length).toBeGreaterThan(250);
    expect(Object.keys(ALLOWED).filter((l) => !lines.includes(l))).toEqual([]);
  });

  afterEach(() => process.chdir(home));

  it.each([...EXAMPLES])('atlascli %s: its examples, in order, exit 0 (or as allowed)', async (_path, examples) => {
    // sharedSimulator resets the simulator before each test: a fresh seed for every command
    const dir = tempDir('atlascli-examples-');
    process.chdir(dir);
    const vars = { ...VARS };
    const got: Array<{ line: string; code: number | null | 'skip'; error?: string }> = [];
    const want: typeof got = [];
    for (const line of examples) {
      const allowed = ALLOWED[line];
      want.push({ line, code: allowed?.code ?? 0 });
      if (allowed?.code === 'skip') {
        got.push({ line, code: 'skip' });
        continue;
      }
      const stop = WAITS.test(line) ? stepPerPoll(sim, 250) : undefined;
      const r = await runExample(line, dir, vars).finally(() => stop?.());
      if (allowed && r.code === allowed.code) expect(r.error, line).toMatch(allowed.error);
      // the error shows in the diff only when the code is not the one wanted
      got.push({ line, code: r.code, ...(r.code === (allowed?.code ?? 0) ? {} : { error: r.error }) });
    }
    expect(got).toEqual(want);
  });
});
