/**
 * At home in a terminal: the built CLI on a real pseudo-terminal of 60 columns (util-linux
 * `script`), against the same commands piped. Tables fit the width with ids cut by an
 * ellipsis, piped output is never cut; an empty list says so on a terminal and prints
 * nothing piped; the spinner shows Atlas's state and the time spent; Ctrl-C during a wait
 * says what is still running and how to follow it, on a terminal and without one.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

/** Terminal control sequences (cursor moves, colours, synchronized output). */
const CSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
const hasScript = spawnSync('script', ['--version']).status === 0;
const COLUMNS = 60;

// a manual clock: a wait stays in CREATING (a snapshot queued) for the test, whatever the machine's speed
const sim = sharedSimulator({ port: 0, clock: 'manual' }, { reset: false });

function env(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ATLAS_|MONGODB_ATLAS_|CI$|NO_COLOR$)/.test(k)));
  return { ...base, ...simEnv(sim), XDG_CONFIG_HOME: tempDir(), TERM: 'xterm', ATLASCLI_POLL_MS: '100', ...extra };
}

interface PtyRun {
  child: ChildProcess;
  /** Everything the terminal showed so far. */
  output: () => string;
  /** Resolves once the output (control sequences left out) matches. */
  waitFor: (re: RegExp) => Promise<void>;
  done: Promise<number | null>;
}

/** The CLI on a pseudo-terminal of 60 columns; stdin of the child is the keyboard. */
function onTerminal(args: string[], extra: NodeJS.ProcessEnv = {}): PtyRun {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
  const child = spawn('script', ['-qec', `stty cols ${COLUMNS} rows 30; ${command}`, '/dev/null'], { env: env(extra) });
  let output = '';
  const waiters: Array<{ re: RegExp; resolve: () => void }> = [];
  child.stdout!.setEncoding('utf8').on('data', (d: string) => {
    output += d;
    for (const w of [...waiters]) {
      if (w.re.test(output.replace(CSI, ''))) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
  const done = new Promise<number | null>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    }),
  );
  return {
    child,
    output: () => output,
    waitFor: (re) => (re.test(output.replace(CSI, '')) ? Promise.resolve() : new Promise((resolve) => waiters.push({ re, resolve }))),
    done,
  };
}

/** The lines a terminal shows, control sequences left out. */
const screenLines = (output: string) =>
  output
    .replace(CSI, '')
    .split(/\r?\n/)
    .map((l) => l.replace(/\r/g, ''))
    .filter((l) => l !== '');

describe.skipIf(!hasScript)('tables on a terminal of 60 columns', () => {
  it('fit the width: identifiers stay whole, the other columns are cut with an ellipsis; piped, tab-separated, nothing is cut', async () => {
    const piped = await runCli(['process', 'list'], { sim });
    expect(piped.code).toBe(0);
    const full = piped.stdout.trimEnd().split('\n');
    expect(full[0]).toMatch(/^HOST:PORT\tCLUSTER\tTYPE\t/);
    const ids = full.slice(1).map((l) => l.split('\t')[0]!);
    expect(ids[0]).toMatch(/^atlas-[a-z0-9]+-shard-00-00\.[a-z0-9]+\.mongodb\.net:27017$/);
    expect(Math.max(...full.map((l) => l.length))).toBeGreaterThan(COLUMNS);

    const t = onTerminal(['process', 'list', '--no-color']);
    expect(await t.done).toBe(0);
    const lines = screenLines(t.output());
    // one line per row: nothing wrapped onto a second line
    expect(lines).toHaveLength(full.length);
    expect(lines[0]).toMatch(/^HOST:PORT\s+CLUSTER\s+TYPE/);
    // each host:port is shown whole (an identifier: people copy it), the columns after it gave way
    for (const [i, line] of lines.slice(1).entries()) {
      expect(line.split(/\s{2,}/)[0], line).toBe(ids[i]);
      expect(line).toContain('…');
    }
  });

  it('a table that fits is not cut', async () => {
    const piped = await runCli(['whitelist', 'list'], { sim });
    const t = onTerminal(['whitelist', 'list', '--no-color']);
    expect(await t.done).toBe(0);
    expect(t.output()).not.toContain('…');
    const cells = (l: string[]) => l.map((x) => x.split(/\t|\s{2,}/).filter(Boolean));
    expect(cells(screenLines(t.output()))).toEqual(cells(piped.stdout.trimEnd().split('\n')));
  });
});

describe.skipIf(!hasScript)('an empty list', () => {
  it('says so on a terminal, naming what was looked for and where', async () => {
    const t = onTerminal(['backup', 'snapshot', 'list', 'PausedCluster']);
    expect(await t.done).toBe(0);
    expect(screenLines(t.output())).toEqual([`no snapshots of cluster PausedCluster in project ${sim.credentials.projectId}`]);
    const clusters = onTerminal(['cluster', 'list', '--project', 'c0123456789abcdef012345c']);
    await clusters.done;
    expect(clusters.output()).not.toMatch(/NAME\s+TYPE/);
  });

  it('prints nothing piped, not even the header; [] with -o json', async () => {
    const piped = await runCli(['backup', 'snapshot', 'list', 'PausedCluster'], { sim });
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe('');
    expect(piped.stderr).toBe('');
    const json = await runCli(['backup', 'snapshot', 'list', 'PausedCluster', '-o', 'json'], { sim });
    expect(json.stdout).toBe('[]\n');
  });
});

describe.skipIf(!hasScript)('waiting', () => {
  it('the spinner shows the state Atlas reports and the time spent; Ctrl-C says what is left running and how to follow it', async () => {
    const created = await runCli(['cluster', 'create', 'pty-slow'], { sim });
    expect(created.code).toBe(0);
    const before = sim.requests.length;
    const t = onTerminal(['cluster', 'watch', 'pty-slow']);
    await t.waitFor(/cluster pty-slow: CREATING · 1s/);
    t.child.stdin!.write('\u0003');
    expect(await t.done).toBe(130);
    const out = t.output().replace(CSI, '');
    expect(out).toMatch(/waiting for cluster pty-slow to be IDLE · 0s/);
    expect(out).toMatch(/atlascli: interrupted/);
    expect(out).toMatch(/stopped waiting: cluster pty-slow is still CREATING in Atlas; follow it with: atlascli cluster watch pty-slow\r?\n/);
    // waiting only reads
    expect(apiRequests(sim, before).every((q) => q.method === 'GET')).toBe(true);
  });
});

describe('Ctrl-C during a wait without a terminal', () => {
  /** Starts the CLI piped, sends SIGINT once stderr matches `ready`, returns the exit code and stderr. */
  async function interrupt(args: string[], ready: RegExp): Promise<{ code: number | null; stderr: string }> {
    const child = spawn(process.execPath, [BIN, ...args], { env: env() });
    let stderr = '';
    let sent = false;
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
      if (!sent && ready.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 25_000);
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    clearTimeout(timer);
    return { code, stderr };
  }

  it('a cluster: exit 130, one line per state and no spinner, then what to run', async () => {
    expect((await runCli(['cluster', 'create', 'piped-slow'], { sim })).code).toBe(0);
    const r = await interrupt(['cluster', 'watch', 'piped-slow'], /cluster piped-slow: CREATING · \d+s\n/);
    expect(r.code).toBe(130);
    expect(r.stderr).not.toMatch(CSI);
    // the time spent is the machine's: a line per state (and per 30 s), never a spinner's redraw
    expect(
      r.stderr
        .trimEnd()
        .split('\n')
        .map((l) => l.replace(/ · \d+s$/, ' · Ns')),
    ).toEqual([
      'waiting for cluster piped-slow to be IDLE',
      'cluster piped-slow: CREATING · Ns',
      '',
      'atlascli: interrupted',
      'stopped waiting: cluster piped-slow is still CREATING in Atlas; follow it with: atlascli cluster watch piped-slow',
    ]);
  });

  it('a snapshot: names the command that follows the snapshot', async () => {
    const r = await interrupt(['backup', 'snapshot', 'create', 'Cluster0', '--wait'], /: (queued|inProgress) · \d+s\n/);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(
      /\nstopped waiting: snapshot ([0-9a-f]{24}) of cluster Cluster0 is still (queued|inProgress) in Atlas; follow it with: atlascli backup snapshot get Cluster0 \1\n$/,
    );
  });
});
