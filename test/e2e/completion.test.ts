// Shell completion: the candidates `atlascli __complete` offers (from the command tree,
// the constants and spec index the commands check their input against, the config file
// and the API), and the shipped scripts driven in real bash, zsh and fish.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/program/cli.js';
import { candidates } from '../../src/commands/completion/run.js';
import { completionScript, SHELLS } from '../../src/commands/completion/scripts.js';
import { CLUSTER_ARGUMENT, HOST_ARGUMENT, PROCESS_ARGUMENT } from '../../src/commands/completion/values.js';
import { offeredRegions, offeredSizes, PROVIDERS } from '../../src/commands/cluster/validate.js';
import { LOG_TYPES } from '../../src/commands/logs/download.js';
import { GRANULARITIES, metricNames } from '../../src/commands/metrics/options.js';
import { ALERT_STATUSES } from '../../src/commands/alert/options.js';
import { DAYS } from '../../src/commands/maintenance/views.js';
import { DELIVERY_TYPES } from '../../src/commands/backup/options.js';
import { eventTypes } from '../../src/commands/event/options.js';
import { PROFILE_KEYS } from '../../src/settings/definitions.js';
import { SEED } from '../../src/simulator/index.js';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

/** A private, empty config folder: nothing from the machine's own atlascli config. */
const noConfig = tempDir('atlascli-complete-config-');
const baseEnv = (): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(ATLAS_|MONGODB_ATLAS_)/.test(k)) env[k] = v;
  return { ...env, XDG_CONFIG_HOME: noConfig };
};

function io(env: NodeJS.ProcessEnv) {
  return { stdout: new PassThrough(), stderr: new PassThrough(), stdin: new PassThrough(), env };
}

/**
 * The lines `atlascli __complete` would print for a command line typed after
 * `atlascli` (words split at spaces; a trailing space completes an empty word), run
 * in-process against the source.
 */
async function lines(line: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const e = { ...baseEnv(), ...env };
  return candidates(await buildProgram({ io: io(e), version: '0.0.0' }), line.split(' '), { io: io(e) });
}
/** The candidates without their descriptions. */
async function values(line: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  return (await lines(line, env)).map((l) => l.split('\t')[0]!);
}
const sorted = (xs: readonly string[]) => [...xs].sort();
const live = () => ({ ...simEnv(sim), ATLASCLI_COMPLETE_TIMEOUT_MS: '20000' });

describe('the scripts', () => {
  it.each(SHELLS)('completions/atlascli.%s is what the source generates, and what `completion` prints', async (shell) => {
    const committed = readFileSync(new URL(`../../completions/atlascli.${shell}`, import.meta.url), 'utf8');
    // run `npm run completions` when this fails: the committed script has drifted from scripts.ts
    expect(committed).toBe(completionScript(shell));
    const r = await runCli(['completion', shell]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(committed);
  });

  it('refuses an unknown shell with exit 2', async () => {
    expect((await runCli(['completion', 'csh'])).code).toBe(2);
  });

  it('scripts/completions.js --check passes on the committed files', () => {
    const r = spawnSync(process.execPath, [new URL('../../scripts/completions.js', import.meta.url).pathname, '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});

describe('commands and options from the command tree', () => {
  it('completes groups, subcommands and options, with descriptions', async () => {
    expect(await values('proj')).toEqual(['project']);
    expect(await values('pro')).toEqual(['process', 'project']);
    expect(await values('project settings ')).toEqual(['get', 'set']);
    expect(await values('project list --li')).toEqual(['--limit']);
    expect(await lines('cluster ge')).toEqual([expect.stringMatching(/^get\t\S/)]);
    const top = await values('');
    for (const group of [
      'cluster',
      'project',
      'org',
      'user',
      'whitelist',
      'logs',
      'metrics',
      'backup',
      'process',
      'alert',
      'event',
      'maintenance',
      'config',
      'api',
      'completion',
    ]) {
      expect(top).toContain(group);
    }
    // global options go with every command; hidden ones (--atlasgroup) are not offered
    expect(await values('cluster list --pro')).toEqual(['--profile', '--project']);
    expect(await values('--atl')).toEqual([]);
    // an argument already given: no subcommand names in its place
    expect(await values('completion ')).toEqual(['bash', 'fish', 'zsh']);
    expect(await values('completion bash ')).toEqual([]);
  });

  it('follows aliases to the command they name', async () => {
    expect(await values('processes ls --t')).toEqual(['--timeout', '--type']);
    expect(await values('whitelist rm --')).toContain('--force');
  });
});

describe('values of options that take a fixed set', () => {
  it('output formats and detail', async () => {
    expect(await values('org list -o ')).toEqual(['csv', 'json', 'jsonl', 'table', 'value']);
    expect(await values('org list -o js')).toEqual(['json', 'jsonl']);
    expect(await values('--output ')).toEqual(['csv', 'json', 'jsonl', 'table', 'value']);
    expect(await values('--format ')).toEqual(['full', 'short']);
    expect(await values('cluster list --output=j')).toEqual(['--output=json', '--output=jsonl']);
  });

  it('cluster tiers and regions of the provider typed (AWS when none is)', async () => {
    expect(await values('cluster create c --provider ')).toEqual(sorted(PROVIDERS));
    expect(await values('cluster create c --provider gc')).toEqual(['GCP']);
    for (const p of PROVIDERS) {
      const sizes = offeredSizes(p)!;
      const regions = offeredRegions(p)!;
      expect(sizes.length).toBeGreaterThan(5);
      expect(regions.length).toBeGreaterThan(5);
      expect(await values(`cluster create c --provider ${p} --tier `)).toEqual(sorted(['M0', 'FLEX', ...sizes]));
      expect(await values(`cluster update c --provider ${p.toLowerCase()} --analytics-size `)).toEqual(sorted(sizes));
      expect(await values(`cluster create c --provider=${p} --region `)).toEqual(sorted(regions));
    }
    expect(await values('cluster create c --region ')).toEqual(sorted(offeredRegions('AWS')!));
    expect(await values('cluster create c --size ')).toEqual(sorted(['M0', 'FLEX', ...offeredSizes('AWS')!]));
    expect(offeredRegions('GCP')).not.toEqual(offeredRegions('AWS'));
    expect(await values('cluster create c --provider AZURE --region=EUROPE_N')).toEqual(['--region=EUROPE_NORTH']);
    expect(await values('cluster create c --type ')).toEqual(['REPLICASET', 'SHARDED']);
    expect(await values('cluster create c --mongodb-version ')).toEqual(['7.0', '8.0', 'latest']);
    expect(await values('cluster connection-string c --type ')).toEqual(['private', 'private-endpoint', 'private-srv', 'srv', 'standard']);
    expect(await values('cluster advanced set c --min-tls ')).toEqual(['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3']);
    expect(await values('cluster advanced set c --javascript-enabled ')).toEqual(['false', 'true']);
    expect(await values('cluster advanced set c --no-table-scan ')).toEqual(['false', 'true']);
  });

  it('log types, severities, granularities, metrics, alert statuses, days, restore types, process types, event types', async () => {
    for (const cmd of ['logs download h', 'logs cluster c', 'logs show h']) expect(await values(`${cmd} --type `)).toEqual(sorted(LOG_TYPES));
    expect(await values('logs download h --type=mongos')).toEqual(['--type=mongos', '--type=mongos-audit-log']);
    expect(await values('logs show h --severity ')).toEqual(['D', 'E', 'F', 'I', 'W']);
    for (const cmd of ['metrics process h:1', 'metrics database h:1 db', 'metrics disk h:1 data', 'metrics cluster c']) {
      expect(await values(`${cmd} --granularity `)).toEqual(sorted(Object.keys(GRANULARITIES)));
      expect(await values(`${cmd} --period `)).toContain('PT24H');
    }
    const disk = metricNames('getGroupProcessDiskMeasurements');
    expect(disk).toContain('DISK_PARTITION_SPACE_PERCENT_USED');
    expect(await values('metrics disk h:1 data --metric ')).toEqual(sorted(disk));
    expect(await values('metrics process h:1 --metric ')).toEqual(sorted(metricNames('getGroupProcessMeasurements')));
    expect(await values('metrics database h:1 db --metric DATABASE_D')).toEqual(
      sorted(metricNames('getGroupProcessDatabaseMeasurements').filter((m) => m.startsWith('DATABASE_D'))),
    );
    expect(await values('metrics cluster c --metric CONN')).toEqual(sorted(metricNames('getGroupProcessMeasurements').filter((m) => m.startsWith('CONN'))));
    expect(await values('metrics cluster c --metric CONN')).toContain('CONNECTIONS');
    expect(await values('alert list --status ')).toEqual(sorted(ALERT_STATUSES));
    expect(await values('maintenance set --day ')).toEqual(sorted(DAYS));
    expect(await values('maintenance set --hour ')).toHaveLength(24);
    expect(await values('backup restore create c --type ')).toEqual(sorted(DELIVERY_TYPES));
    expect(await values('backup schedule set c --policy we')).toEqual(['weekly:']);
    expect(await values('process list --type ')).toEqual(['config', 'mongos', 'primary', 'secondary']);
    expect(await values('event list --type CLUSTER_CREATED')).toContain('CLUSTER_CREATED');
    // --type takes several: after one, the next word is another
    expect(await values('event list --type CLUSTER_CREATED CLUSTER_DELETED')).toContain('CLUSTER_DELETED');
    expect(await values('event list --type ')).toEqual(sorted(eventTypes('project')));
    expect(await values('--org x event list --type ')).toEqual(sorted(eventTypes('org')));
    expect(await values('user create u --aws-iam ')).toEqual(['ROLE', 'USER']);
    expect(await values('user create u --x509 ')).toEqual(['CUSTOMER', 'MANAGED']);
    expect(await values('user create u --role readW')).toEqual(['readWrite@', 'readWriteAnyDatabase@admin']);
    expect(await values('project settings set --data-explorer ')).toEqual(['false', 'true']);
    expect(await values('api list --tag cloud-b')).toEqual(['cloud-backups']);
  });

  it('file and folder options ask the shell for paths', async () => {
    expect(await lines('cluster create c --file ')).toEqual([':files']);
    expect(await lines('logs download h --out ')).toEqual([':files']);
    expect(await lines('logs cluster c --out-dir ')).toEqual([':dirs']);
    expect(await lines('api getGroupCluster --file ')).toEqual([':files']);
  });

  it('every option whose value is one of a fixed set has candidates', async () => {
    // a placeholder such as <bool>, <type>, <status> or a description listing the values
    // ("A, B or C") says the value is one of a set: completion must offer it
    const FIXED = new Set(['bool', 'type', 'status', 'day', 'log', 'level', 'cloud', 'tier', 'region', 'major', 'version', 'format', 'detail', 'EVENT_TYPE', '0-23']);
    const lists = /\b[\w-]+, [\w-]+(?:, [\w-]+)* or [\w-]+|\b[A-Z][A-Z_0-9]+ or [A-Z][A-Z_0-9]+\b/;
    const program = await buildProgram({ io: io(baseEnv()), version: '0.0.0' });
    const checked: string[] = [];
    const missing: string[] = [];
    const walk = async (cmd: Command, path: string[]): Promise<void> => {
      if (path[0] === 'api') return; // the api command's parameters: test/e2e/api.test.ts
      for (const o of cmd.options as Option[]) {
        if (!(o.required || o.optional) || o.hidden) continue;
        const ph = /<([^>.]+)/.exec(o.flags)?.[1] ?? '';
        if (!FIXED.has(ph) && !lists.test(o.description.replace(/\([^)]*\)/g, ''))) continue;
        const line = [...path, ...cmd.registeredArguments.map(() => 'x'), o.long!, ''].join(' ');
        checked.push(line);
        if (!(await values(line)).length) missing.push(line);
      }
      for (const sub of cmd.commands) await walk(sub, [...path, sub.name()]);
    };
    await walk(program, []);
    expect(missing).toEqual([]);
    expect(checked.length).toBeGreaterThan(40);
  });
});

describe('names from the config file and the settings', () => {
  function withProfiles(): string {
    const home = tempDir('atlascli-complete-profiles-');
    mkdirSync(join(home, 'atlascli'), { mode: 0o700 });
    const file = join(home, 'atlascli', 'config.json');
    writeFileSync(file, JSON.stringify({ activeProfile: 'work', profiles: { default: {}, work: { projectId: SEED.projectId }, 'ci.staging': {} } }));
    chmodSync(file, 0o600);
    return home;
  }

  it('profile names after --profile, config use and config delete', async () => {
    const env = { XDG_CONFIG_HOME: withProfiles() };
    expect(await values('--profile ', env)).toEqual(['ci.staging', 'default', 'work']);
    expect(await values('cluster list --profile w', env)).toEqual(['work']);
    expect(await values('config use ', env)).toEqual(['ci.staging', 'default', 'work']);
    expect(await values('config delete c', env)).toEqual(['ci.staging']);
    expect(await values('config use ')).toEqual([]);
  });

  it('config keys, in both spellings, after config set, get and unset', async () => {
    const keys = await values('config set ');
    for (const k of PROFILE_KEYS) expect(keys).toContain(k);
    expect(keys).toContain('project-id');
    expect(keys).toContain('private-key');
    expect(keys).not.toContain('profile');
    expect(await values('config get proj')).toEqual(['project-id', 'projectId']);
    expect(await values('config unset base')).toEqual(['base-url', 'baseUrl']);
    // the value of config set is free text
    expect(await values('config set output ')).toEqual([]);
  });

  it('an unreadable config file gives no candidates and prints nothing', async () => {
    const home = tempDir('atlascli-complete-bad-');
    mkdirSync(join(home, 'atlascli'));
    writeFileSync(join(home, 'atlascli', 'config.json'), '{ "profiles": ');
    chmodSync(join(home, 'atlascli', 'config.json'), 0o644);
    const r = await runCli(['__complete', 'config', 'use', ''], { configHome: home });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    const c = await runCli(['__complete', 'cluster', 'get', ''], { configHome: home, env: { ATLAS_BASE_URL: sim.url, ATLAS_PROJECT_ID: SEED.projectId } });
    expect([c.code, c.stdout, c.stderr]).toEqual([0, '', '']);
  });
});

describe('cluster names from the API', () => {
  it.each(CLUSTER_ARGUMENT)('after `%s`: the clusters of the project, dedicated and Flex', async (path) => {
    const from = sim.requests.length;
    expect(await values(`${path} `, live())).toEqual(['Cluster0', 'PausedCluster', 'ShardedCluster']);
    expect(sorted(apiRequests(sim, from).map((r) => `${r.method} ${r.operationId}`))).toEqual(['GET listGroupClusters', 'GET listGroupFlexClusters']);
  });

  it('of the project typed on the line, Flex clusters included; and after --cluster, --target-cluster, --scope cluster:', async () => {
    expect(await values(`--project ${SEED.stagingProjectId} cluster get `, live())).toEqual(['FlexCluster', 'FreeCluster']);
    expect(await values(`cluster pause -p ${SEED.stagingProjectId} Fl`, live())).toEqual(['FlexCluster']);
    expect(await values('process list --cluster S', live())).toEqual(['ShardedCluster']);
    expect(await values('event list --cluster ', live())).toEqual(['Cluster0', 'PausedCluster', 'ShardedCluster']);
    expect(await values('backup restore create Cluster0 --target-cluster P', live())).toEqual(['PausedCluster']);
    expect(await values('user create u --scope cl', live())).toEqual(['cluster:']);
    expect(await values('user create u --scope cluster:P', live())).toEqual(['cluster:PausedCluster']);
    expect(await values('user update u --scope=cluster:C', live())).toEqual(['--scope=cluster:Cluster0']);
  });

  it.each(PROCESS_ARGUMENT)('after `%s`: the processes of the project as host:port', async (path) => {
    const from = sim.requests.length;
    const got = await values(`${path} atlas-x7k2pq-shard-00-0`, live());
    expect(got).toEqual([
      'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017',
      'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017',
      'atlas-x7k2pq-shard-00-02.x7k2pq.mongodb.net:27017',
    ]);
    expect(apiRequests(sim, from).map((r) => `${r.method} ${r.operationId}`)).toEqual(['GET listGroupProcesses']);
  });

  it.each(HOST_ARGUMENT)('after `%s`: host names alone, each once', async (path) => {
    const got = await values(`${path} atlas-x7k2pq-shard-00-0`, live());
    expect(got).toEqual(['atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net', 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net', 'atlas-x7k2pq-shard-00-02.x7k2pq.mongodb.net']);
  });

  it('asks nothing where a new name goes, or without a project', async () => {
    const from = sim.requests.length;
    expect(await values('cluster create ', live())).toEqual([]);
    expect(await values('cluster get ', { ...live(), ATLAS_PROJECT_ID: undefined })).toEqual([]);
    expect(apiRequests(sim, from)).toEqual([]);
  });

  it('prints nothing when Atlas refuses (401), and nothing on stderr', async () => {
    const r = await runCli(['__complete', 'cluster', 'get', ''], { sim, env: { ATLAS_PRIVATE_KEY: 'wrong-private-key' } });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
  });

  describe('against a server that never answers', () => {
    let silent: Server;
    let url = '';
    beforeAll(async () => {
      silent = createServer((s) => s.on('data', () => undefined));
      await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(silent.address() as { port: number }).port}`;
    });
    afterAll(async () => {
      // connections held open would keep close() waiting
      await new Promise<void>((r) => {
        silent.close(() => r());
        (silent as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
      });
    });

    it('gives up on its own (no retries), prints nothing and exits 0', async () => {
      // the default bound (2 s); the run is killed after 15 s, which would fail the test
      const r = await runCli(['__complete', 'cluster', 'get', ''], { sim, env: { ATLAS_BASE_URL: url }, timeoutMs: 15_000 });
      expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    });
  });
});

// ---- the real shells ---------------------------------------------------------------

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const SCRIPT = (shell: string) => new URL(`../../completions/atlascli.${shell}`, import.meta.url).pathname;

/**
 * A folder with `atlascli` first on PATH: `__complete` runs the built CLI; any other
 * run only records its arguments (one a line) in `ran`, so a test can see the line a
 * shell completed and ran.
 */
function shellEnv(extra: Record<string, string | undefined> = {}) {
  const dir = tempDir('atlascli-shell-');
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'home'));
  const ran = join(dir, 'ran');
  writeFileSync(
    join(dir, 'bin', 'atlascli'),
    `#!/bin/sh\nif [ "$1" = __complete ]; then exec ${JSON.stringify(process.execPath)} ${JSON.stringify(BIN)} "$@"; fi\nprintf '%s\\n' "$@" '::' >> ${JSON.stringify(ran)}\n`,
  );
  chmodSync(join(dir, 'bin', 'atlascli'), 0o755);
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...baseEnv(), HOME: join(dir, 'home'), INPUTRC: '/dev/null', TERM: 'xterm', PATH: `${join(dir, 'bin')}:${process.env.PATH}`, ...extra })) {
    if (v !== undefined) env[k] = v;
  }
  /** Each run's arguments. */
  const runs = () =>
    readFileSync(ran, 'utf8')
      .split('::\n')
      .slice(0, -1)
      .map((r) => r.split('\n').filter(Boolean));
  return { dir, env, runs };
}

/**
 * Runs a shell without blocking this process: the simulator answering the cluster
 * names lives here, so a spawnSync would leave it unable to answer.
 */
function run(cmd: string, args: string[], opts: { env: Record<string, string>; cwd?: string; input?: string }): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: opts.env, cwd: opts.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
    child.stdin.end(opts.input ?? '');
  });
}

/**
 * Types `input` into an interactive shell on a pseudo-terminal (util-linux `script`),
 * TABs included, so the shell's own line editor completes; returns what atlascli was run with, run by run.
 */
async function typeInto(shellCommand: string, input: string, extra: Record<string, string | undefined> = {}, files: string[] = []): Promise<string[][]> {
  const s = shellEnv(extra);
  for (const f of files) writeFileSync(join(s.dir, f), '{}');
  const r = await run('script', ['-qfec', shellCommand, '/dev/null'], { cwd: s.dir, env: s.env, input });
  expect(r.status, r.stdout + r.stderr).toBe(0);
  return s.runs();
}

describe('bash', () => {
  /** COMPREPLY after calling the completion function with COMP_WORDS split as bash splits them (at = and : too). */
  async function reply(line: string, extra: Record<string, string | undefined> = {}): Promise<string[]> {
    const s = shellEnv(extra);
    const words = line.match(/[=:]+|[^\s=:]+|(?<=\s)$/g) ?? [];
    const quoted = words.map((w) => `'${w}'`).join(' ');
    const script = `source ${SCRIPT('bash')}
COMP_LINE=${JSON.stringify(line)}; COMP_POINT=\${#COMP_LINE}
COMP_WORDS=(${quoted}); COMP_CWORD=$(( \${#COMP_WORDS[@]} - 1 ))
_atlascli; printf '%s\\n' "\${COMPREPLY[@]}"`;
    const r = await run('bash', ['--norc', '--noprofile', '-c', script], { env: s.env });
    expect(r.stderr).toBe('');
    return r.stdout.split('\n').filter(Boolean);
  }

  it('offers subcommands, options and values, without descriptions', async () => {
    expect(await reply('atlascli project se')).toEqual(['settings']);
    expect(await reply('atlascli cluster ')).toEqual(expect.arrayContaining(['get', 'create', 'list', 'connection-string']));
    expect(await reply('atlascli cluster create c --provider GCP --region WESTERN_EU')).toEqual(['WESTERN_EUROPE']);
    expect(await reply('atlascli cluster create c --region WESTERN_EU')).toEqual([]);
    expect(await reply('atlascli alert list --status ')).toEqual(['CLOSED', 'OPEN', 'TRACKING']);
  });

  it('completes after = and : as bash splits the line there', async () => {
    // COMP_WORDS: … --type = mongos: readline replaces only what follows the =
    expect(await reply('atlascli logs download h --type=mongos')).toEqual(['mongos', 'mongos-audit-log']);
    expect(await reply('atlascli logs download h --type=')).toEqual(['mongodb', 'mongodb-audit-log', 'mongos', 'mongos-audit-log']);
    expect(await reply('atlascli user create u --scope cluster:', live())).toEqual(['Cluster0', 'PausedCluster', 'ShardedCluster']);
  });

  it.runIf(has('script'))('completes a whole line typed with TABs in an interactive bash', async () => {
    const ran = await typeInto(
      'bash --norc --noprofile -i',
      `source ${SCRIPT('bash')}\natlascli clu\tcre\tNew0 --provider gc\t--type=SHA\t--mongodb-version 8\t--file ./spec-f\t\nexit\n`,
      {},
      ['spec-file.json'],
    );
    expect(ran).toEqual([['cluster', 'create', 'New0', '--provider', 'GCP', '--type=SHARDED', '--mongodb-version', '8.0', '--file', './spec-file.json']]);
    const names = await typeInto(
      'bash --norc --noprofile -i',
      `source ${SCRIPT('bash')}\natlascli cluster pause Pa\t\natlascli user create u --scope cluster:Sh\t\nexit\n`,
      live(),
    );
    expect(names).toEqual([
      ['cluster', 'pause', 'PausedCluster'],
      ['user', 'create', 'u', '--scope', 'cluster:ShardedCluster'],
    ]);
  });
});

const zshTitle = has('zsh') ? 'zsh' : 'zsh (skipped: zsh is not installed; .ci/run installs it with apt-get when it can)';
describe.runIf(has('zsh'))(zshTitle, () => {
  it('offers candidates with their descriptions (compadd recorded)', async () => {
    const s = shellEnv();
    const script = `source ${SCRIPT('zsh')} 2>/dev/null
compdef() { : }
compadd() {
  local -a d; local a
  while (( $# )); do
    case $1 in -d) d=(\${(P)2}); shift 2 ;; -S) shift 2 ;; -a) shift; for a in \${(P)1}; do print -r -- "$a"; done; shift ;; *) shift ;; esac
  done
  for a in $d; do print -r -- "shown: $a"; done
}
words=(atlascli cluster co); CURRENT=3; _atlascli
words=(atlascli user create u --scope cl); CURRENT=6; _atlascli`;
    const r = await run('zsh', ['-f', '-c', script], { env: s.env });
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n').filter(Boolean)).toEqual([
      'connect',
      'connection-string',
      expect.stringMatching(/^shown: connect {2}-- \S/),
      expect.stringMatching(/^shown: connection-string {2}-- \S/),
      'cluster:',
      'shown: cluster:',
    ]);
  });

  it.runIf(has('script'))('completes a whole line typed with TABs in an interactive zsh', async () => {
    const ran = await typeInto(
      'zsh -f -i',
      `autoload -Uz compinit && compinit -u -D\nsource ${SCRIPT('zsh')}\natlascli clu\tcre\tNew0 --provider gc\t--type=SHA\t--mongodb-version 8\t--file ./spec-f\t\nexit\n`,
      {},
      ['spec-file.json'],
    );
    expect(ran).toEqual([['cluster', 'create', 'New0', '--provider', 'GCP', '--type=SHARDED', '--mongodb-version', '8.0', '--file', './spec-file.json']]);
    const names = await typeInto(
      'zsh -f -i',
      `autoload -Uz compinit && compinit -u -D\nsource ${SCRIPT('zsh')}\natlascli cluster pause Pa\t\natlascli user create u --scope cluster:Sh\t\nexit\n`,
      live(),
    );
    expect(names).toEqual([
      ['cluster', 'pause', 'PausedCluster'],
      ['user', 'create', 'u', '--scope', 'cluster:ShardedCluster'],
    ]);
  });
});

const fishTitle = has('fish') ? 'fish' : 'fish (skipped: fish is not installed; .ci/run installs it with apt-get when it can)';
describe.runIf(has('fish'))(fishTitle, () => {
  async function complete(...commandLines: string[]): Promise<string[][]> {
    const s = shellEnv(live());
    writeFileSync(join(s.dir, 'spec-file.json'), '{}');
    const script = [`source ${SCRIPT('fish')}`, ...commandLines.map((l) => `complete -C ${JSON.stringify(l)}; echo ---`)].join('\n');
    const r = await run('fish', ['--no-config', '-c', script], { cwd: s.dir, env: s.env });
    expect(r.stderr).toBe('');
    // fish orders candidates its own way
    return r.stdout
      .split('---\n')
      .slice(0, -1)
      .map((block) => sorted(block.split('\n').filter(Boolean)));
  }

  it('offers candidates with descriptions, values, names and files', async () => {
    expect(
      await complete(
        'atlascli cluster ge',
        'atlascli cluster create c --provider gc',
        'atlascli logs download h --type=mongodb-a',
        'atlascli cluster get P',
        'atlascli cluster create c --file spec-f',
        'atlascli config set proj',
      ),
    ).toEqual([[expect.stringMatching(/^get\t\S/)], ['GCP'], ['--type=mongodb-audit-log'], ['PausedCluster'], ['spec-file.json'], ['project-id', 'projectId']]);
  });
});
