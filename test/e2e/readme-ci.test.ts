/**
 * The README's "In CI" section: the GitHub Actions job's script, extracted from the README
 * as it is, runs with bash against the bundled simulator it starts itself (issue 19, "Done
 * when"). `atlascli` is the built bin; `mongosh` is a stand-in that checks the connection
 * string it is given (the simulator serves the Admin API, not MongoDB).
 */
import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, tempDir } from '../helpers/cli.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The `run: |` script of the job's step that calls `atlascli setup`, dedented, from the YAML block of the "In CI" section. */
export function ciScript(readme: string): string {
  const section = /\n## In CI\n([^]*?)\n## /.exec(readme)?.[1];
  if (!section) throw new Error('README has no "## In CI" section');
  const yaml = /```yaml\n([^]*?)```/.exec(section)?.[1];
  if (!yaml) throw new Error('the "In CI" section has no yaml block');
  const lines = yaml.split('\n');
  const start = lines.findIndex((l, i) => /^\s+run: \|\s*$/.test(l) && lines.slice(i + 1).some((x) => x.includes('atlascli setup')));
  if (start < 0) throw new Error('no `run: |` step with atlascli setup');
  const indent = /^(\s*)/.exec(lines[start]!)![1]!.length;
  const body: string[] = [];
  for (const l of lines.slice(start + 1)) {
    if (l.trim() !== '' && /^(\s*)/.exec(l)![1]!.length <= indent) break;
    body.push(l);
  }
  const strip = Math.min(...body.filter((l) => l.trim()).map((l) => /^(\s*)/.exec(l)![1]!.length));
  return (
    body
      .map((l) => l.slice(strip))
      .join('\n')
      .trimEnd() + '\n'
  );
}

describe('README "In CI"', () => {
  it('the job is a complete GitHub Actions workflow: checkout, node, atlascli installed, the step runs bash', () => {
    const yaml = /\n## In CI\n[^]*?```yaml\n([^]*?)```/.exec(README)![1]!;
    expect(yaml).toMatch(/^jobs:\n {2}\w+:\n {4}runs-on: ubuntu-latest/m);
    expect(yaml).toMatch(/uses: actions\/checkout@v4/);
    expect(yaml).toMatch(/uses: actions\/setup-node@v4/);
    expect(yaml).toMatch(/run: npm install --global atlascli/);
    expect(yaml).toMatch(/shell: bash/);
    const script = ciScript(README);
    for (const c of ['atlascli simulator', 'atlascli setup', 'atlascli cluster connect', '--cascade --if-exists']) expect(script).toContain(c);
  });

  it('runs exactly that script: setup creates everything, connect runs mongosh with MONGODB_URI, the trap deletes the project', async () => {
    const script = ciScript(README);
    const work = tempDir('atlascli-ci-');
    const bin = tempDir('atlascli-ci-bin-');
    writeFileSync(join(bin, 'atlascli'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    // the stand-in: checks its argument is a connection string with a user and a password, records what it got (not the secret)
    writeFileSync(
      join(bin, 'mongosh'),
      `#!${process.execPath}\n` +
        `const uri = process.argv[2] || '';\n` +
        `const m = /^mongodb\\+srv:\\/\\/(atlascli-connect-[0-9a-z]+):([^@]+)@cluster0\\./.exec(uri);\n` +
        `require('fs').writeFileSync('mongosh.json', JSON.stringify({ user: m && m[1], hasPassword: !!(m && m[2]), sameAsEnv: uri === process.env.MONGODB_URI, args: process.argv.slice(3) }));\n` +
        `if (!m) { console.error('mongosh stand-in: not a connection string with credentials'); process.exit(1); }\n` +
        `console.log(1);\n`,
    );
    chmodSync(join(bin, 'atlascli'), 0o755);
    chmodSync(join(bin, 'mongosh'), 0o755);
    writeFileSync(join(work, 'ci.sh'), script);
    // what a runner has: PATH (with jq, sh, timeout, grep), GITHUB_RUN_ID and CI; no Atlas settings of this machine
    const env: Record<string, string> = {
      PATH: `${bin}:${process.env.PATH}`,
      HOME: work,
      XDG_CONFIG_HOME: join(work, '.config'),
      GITHUB_RUN_ID: '4242',
      CI: 'true',
      GITHUB_ACTIONS: 'true',
    };
    const child = spawn('bash', ['ci.sh'], { cwd: work, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    try {
      process.kill(-child.pid!, 'SIGKILL'); // whatever the script left (nothing, when its trap ran)
    } catch {
      // gone
    }
    expect(code, `${err}\n${readFileSyncSafe(join(work, 'sim.log'))}`).toBe(0);
    const setup = JSON.parse(readFileSync(join(work, 'setup.json'), 'utf8'));
    expect(setup).toEqual({
      project: { id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'ci-4242', created: true },
      cluster: { name: 'Cluster0', tier: 'M0', created: true },
      user: { username: 'app', created: true, password: expect.any(String) },
      accessList: [{ ipAddress: expect.any(String), created: true }],
      connectionString: expect.stringMatching(/^mongodb\+srv:\/\/cluster0\./),
    });
    expect(JSON.parse(readFileSync(join(work, 'mongosh.json'), 'utf8'))).toEqual({
      user: expect.stringMatching(/^atlascli-connect-/),
      hasPassword: true,
      sameAsEnv: true,
      args: ['--quiet', '--eval', 'db.runCommand({ ping: 1 }).ok'],
    });
    expect(out).toBe('1\n');
    expect(err).toMatch(/deleted the temporary database user atlascli-connect-/);
    expect(err).toMatch(/cluster Cluster0 is deleted/);
    expect(err).toMatch(/deleted project ci-4242 \([0-9a-f]{24}\)/);
    // the generated password never reached the log
    expect(err).not.toContain(setup.user.password);
  });
});

function readFileSyncSafe(p: string): string {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return '';
  }
}
