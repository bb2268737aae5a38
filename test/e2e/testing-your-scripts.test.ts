// README "Testing your scripts", run as written: the script under test, the scenario and the
// CI job's `run:` steps are extracted from the README (the job's `npm install -g atlascli`
// step is replaced by an `atlascli` on PATH that runs this checkout's bin/atlascli.js), then
// the steps run one after the other in bash, as GitHub Actions runs them (bash -e -o pipefail).
// Spawned processes: the simulator runs in the background, as it does in CI.
import { spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BIN, tempDir } from '../helpers/cli.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The fenced blocks of one language in the README's "Testing your scripts" section. */
function blocks(lang: string): string[] {
  const start = README.indexOf('\n## Testing your scripts\n');
  const end = README.indexOf('\n## ', start + 5);
  const section = README.slice(start, end);
  return [...section.matchAll(new RegExp('```' + lang + '\\n([\\s\\S]*?)```', 'g'))].map((m) => m[1]!);
}

function bash(script: string, cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('README: Testing your scripts', () => {
  it('runs the CI job as written: the simulator from the scenario, the script, the assertions on the record', async () => {
    const [script] = blocks('sh');
    const [scenario] = blocks('json');
    const [job] = blocks('yaml');
    expect(script).toContain('atlascli user create');
    const dir = tempDir();
    mkdirSync(join(dir, 'scripts'));
    mkdirSync(join(dir, 'test'));
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'scripts/smoke-user.sh'), script!);
    chmodSync(join(dir, 'scripts/smoke-user.sh'), 0o755);
    writeFileSync(join(dir, 'test/atlas-scenario.json'), scenario!);
    writeFileSync(join(dir, 'bin/atlascli'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
    chmodSync(join(dir, 'bin/atlascli'), 0o755);
    const env: NodeJS.ProcessEnv = { PATH: `${join(dir, 'bin')}:${process.env.PATH}`, HOME: dir, XDG_CONFIG_HOME: join(dir, 'config') };

    const steps = (parse(job!) as { jobs: Record<string, { steps: Array<{ name?: string; run?: string; uses?: string }> }> }).jobs.scripts!.steps;
    const runs = steps.filter((s) => s.run !== undefined && !s.run.startsWith('npm install'));
    expect(runs.map((s) => s.name)).toEqual(['Start the Atlas API simulator', 'Run the script', 'Assert on what it sent', 'Stop the simulator']);
    const results = [];
    try {
      for (const step of runs.slice(0, -1)) {
        const r = await bash(step.run!, dir, env);
        results.push({ name: step.name, ...r });
        if (r.code !== 0) break;
      }
    } finally {
      if (existsSync(join(dir, 'simulator.pid'))) results.push({ name: 'stop', ...(await bash(runs.at(-1)!.run!, dir, env)) });
    }
    expect(results.map((r) => [r.name, r.code])).toEqual([
      ['Start the Atlas API simulator', 0],
      ['Run the script', 0],
      ['Assert on what it sent', 0],
      ['stop', 0],
    ]);
    // jq -e printed each assertion's value: all true
    expect(results[2]!.out.trim().split('\n')).toEqual(['true', 'true', 'true', 'true']);

    // the environment file: 0600, the scenario's credentials
    expect(statSync(join(dir, 'atlas.env')).mode & 0o777).toBe(0o600);
    const envText = readFileSync(join(dir, 'atlas.env'), 'utf8');
    expect(envText).toMatch(/^export ATLAS_PUBLIC_KEY=ci-public-key$/m);
    expect(envText).toMatch(/^export ATLAS_PROJECT_ID=[0-9a-f]{24}$/m);

    // the record, read here too: what the script sent, in order, answered
    const record = readFileSync(join(dir, 'atlas-requests.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const answered = record
      .filter((r) => r.status !== 401)
      .map((r) => `${r.method} ${r.path.replace(/[0-9a-f]{24}/, '{groupId}')} ${r.status}${r.errorCode ? ` ${r.errorCode}` : ''}`);
    expect(answered).toEqual([
      'GET /api/atlas/v2/groups/{groupId}/clusters/app 503 SERVICE_UNAVAILABLE',
      'GET /api/atlas/v2/groups/{groupId}/clusters/app 200',
      'POST /api/atlas/v2/groups/{groupId}/databaseUsers 201',
      'DELETE /api/atlas/v2/groups/{groupId}/databaseUsers/admin/ci-smoke 204',
    ]);
    const post = record.find((r) => r.method === 'POST' && r.status === 201);
    expect(post.body.password).toBe('********');
    expect(post.body.scopes).toEqual([{ name: 'app', type: 'CLUSTER' }]);
    expect(Object.keys(post).sort()).toEqual(['body', 'method', 'operationId', 'path', 'query', 'status', 'time']);
  }, 60_000);
});
