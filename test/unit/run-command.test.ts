/**
 * What a command run by `whitelist exec` and `cluster connect` gets in its environment,
 * and the order of the steps around it (runBetween): src/commands/run-command.ts. The
 * end-to-end checks are in test/e2e/shared-runs.test.ts, whitelist.test.ts and
 * cluster-connect.test.ts.
 */
import { Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { commandEnv, groupAlive, isCredentialVariable, runBetween, type DoUndo } from '../../src/commands/run-command.js';
import { Cleanup } from '../../src/program/cleanup.js';
import { CliError, InterruptedError } from '../../src/errors.js';
import { SETTINGS } from '../../src/settings/definitions.js';

describe('commandEnv', () => {
  it('withholds every variable of the credential settings (keys, secrets, client ids) and keeps the rest', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', HOME: '/home/ci', MONGODB_URI: 'mongodb+srv://x', ATLAS_PROJECT_ID: 'p', ATLAS_BASE_URL: 'https://b', ATLASCLI_POLL_MS: '20' };
    const credentials = SETTINGS.filter((s) => ['publicKey', 'privateKey', 'clientId', 'clientSecret'].includes(s.key)).flatMap((s) => s.env);
    expect(credentials).toEqual([
      'ATLAS_PUBLIC_KEY',
      'MONGODB_ATLAS_PUBLIC_API_KEY',
      'ATLAS_PRIVATE_KEY',
      'MONGODB_ATLAS_PRIVATE_API_KEY',
      'ATLAS_CLIENT_ID',
      'MONGODB_ATLAS_CLIENT_ID',
      'ATLAS_CLIENT_SECRET',
      'MONGODB_ATLAS_CLIENT_SECRET',
    ]);
    for (const name of credentials) env[name] = `value-of-${name}`;
    const out = commandEnv(env);
    expect(out.env).toEqual({ PATH: '/bin', HOME: '/home/ci', MONGODB_URI: 'mongodb+srv://x', ATLAS_PROJECT_ID: 'p', ATLAS_BASE_URL: 'https://b', ATLASCLI_POLL_MS: '20' });
    expect(out.withheld.sort()).toEqual([...credentials].sort());
    // --pass-credentials: everything, unchanged
    expect(commandEnv(env, { passCredentials: true }).env).toEqual(env);
  });

  it('also withholds other tools’ Atlas credentials in ATLAS_* and MONGODB_ATLAS_* (Terraform’s keys, tokens, passwords)', () => {
    for (const name of ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_KEY', 'ATLAS_ACCESS_TOKEN', 'MONGODB_ATLAS_ACCESS_TOKEN', 'ATLAS_DB_PASSWORD']) {
      expect(isCredentialVariable(name), name).toBe(true);
    }
    for (const name of ['ATLAS_PROJECT_ID', 'ATLAS_ORG_ID', 'ATLAS_OUTPUT', 'ATLAS_PROFILE', 'MONGODB_ATLAS_OPS_MANAGER_URL', 'ATLASCLI_POLL_MS', 'MONGODB_URI', 'GITHUB_TOKEN']) {
      expect(isCredentialVariable(name), name).toBe(false);
    }
  });
});

/**
 * A run of runBetween with everything recorded in one list, in order: the steps of the
 * "do" and the "undo", and each line the command prints. `PID` in `script` prints its pid
 * (the command has started; its process group is known, and the undo records whether that
 * group still has a live process then).
 */
function harness(script: string, doStep: DoUndo['do'] = async () => undefined, undoStep: () => Promise<void> = async () => undefined) {
  const steps: string[] = [];
  const cleanup = new Cleanup();
  let pid: number | undefined;
  let started: () => void = () => undefined;
  const commandStarted = new Promise<void>((r) => (started = r));
  const stdout = new Writable({
    write(chunk: Buffer, _enc, cb) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) {
        const m = /^pid (\d+)$/.exec(line);
        if (m) {
          pid = Number(m[1]);
          started();
        }
        steps.push(m ? 'command started' : `command: ${line}`);
      }
      cb();
    },
  });
  const stderr = new Writable({ write: (_c, _e, cb) => cb() });
  const host = {
    io: { stdin: Readable.from([]), stdout, stderr, env: { PATH: process.env.PATH } },
    cleanup,
    term: { info: (text: string) => void steps.push(`info: ${text}`) },
  };
  const argv = [process.execPath, '-e', script.replace('PID', "console.log('pid ' + process.pid)")];
  const run = runBetween(host, argv, {
    do: async (r) => {
      steps.push('do');
      return doStep(r);
    },
    undo: async () => {
      steps.push(pid === undefined ? 'undo (no command)' : `undo (command group alive: ${groupAlive(pid)})`);
      await undoStep();
    },
  });
  return {
    steps,
    cleanup,
    commandStarted,
    run: run.then(
      () => 0,
      (err: unknown) => err,
    ),
  };
}

describe('runBetween: the do, the command, the undo', () => {
  it('runs the undo once, after the command has ended, with what the do returned in its environment', async () => {
    const h = harness("PID; console.log('uri=' + process.env.MONGODB_URI)", async () => ({ MONGODB_URI: 'mongodb://u:p@h' }));
    expect(await h.run).toBe(0);
    expect(h.steps).toEqual(['do', 'command started', 'command: uri=mongodb://u:p@h', 'undo (command group alive: false)']);
    expect(h.cleanup.pending).toBe(0); // the interrupt hook is gone with the run
  });

  it('a command that fails: the undo runs once after it, and the run fails with its exit code', async () => {
    const h = harness('PID; process.exit(3)');
    const err = await h.run;
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(3);
    expect((err as CliError).message).toBe(`${process.execPath} exited with code 3`);
    expect(h.steps).toEqual(['do', 'command started', 'undo (command group alive: false)']);
    expect(h.cleanup.pending).toBe(0);
  });

  it('an interrupt while the command runs: its group gets the signal and has ended before the undo, which runs once', async () => {
    const h = harness("process.on('SIGTERM', () => process.exit(9)); PID; setInterval(() => undefined, 1000)");
    await h.commandStarted;
    await h.cleanup.interrupt('SIGTERM');
    const err = await h.run;
    // it got the run's SIGTERM (its handler's exit code) and had ended when the undo began
    expect((err as CliError).exitCode).toBe(9);
    expect((err as CliError).message).toBe(`${process.execPath} exited with code 9`);
    expect(h.steps).toEqual(['do', 'command started', 'undo (command group alive: false)']);
    expect(h.cleanup.pending).toBe(0);
  });

  it('an interrupt during the do: the undo starts at once, the command never starts, the run ends interrupted', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let sawInterrupt: boolean | undefined;
    const h = harness(
      "PID; console.log('ran')",
      async (r) => {
        await gate;
        sawInterrupt = r.interrupted;
      },
      async () => {
        release(); // the undo waits for what the do has in flight (as the commands' undos do)
      },
    );
    await h.cleanup.interrupt('SIGINT');
    const err = await h.run;
    expect(err).toBeInstanceOf(InterruptedError);
    expect(sawInterrupt).toBe(true);
    expect(h.steps).toEqual(['do', 'undo (no command)']);
  });

  it('a do that fails: the undo runs once, the command never starts, the run fails with the do’s error', async () => {
    const failure = new CliError('the entry did not become ACTIVE');
    const h = harness("PID; console.log('ran')", async () => {
      throw failure;
    });
    expect(await h.run).toBe(failure);
    expect(h.steps).toEqual(['do', 'undo (no command)']);
    expect(h.cleanup.pending).toBe(0);
  });

  it('an undo that fails is the run’s error when the command succeeded, and runs only once', async () => {
    const failure = new Error('DELETE failed');
    let undos = 0;
    const h = harness('PID', undefined, async () => {
      undos++;
      throw failure;
    });
    expect(await h.run).toBe(failure);
    expect(undos).toBe(1);
    expect(h.steps).toEqual(['do', 'command started', 'undo (command group alive: false)']);
  });

  it('a command that fails and an undo that fails: the run fails with the command’s exit code, the undo ran once', async () => {
    let undos = 0;
    const h = harness('PID; process.exit(3)', undefined, async () => {
      undos++;
      throw new Error('DELETE failed');
    });
    const err = await h.run;
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(3);
    expect(undos).toBe(1);
    expect(h.steps).toEqual(['do', 'command started', 'undo (command group alive: false)']);
    expect(h.cleanup.pending).toBe(0);
  });
});
