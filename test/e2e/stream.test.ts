// `stream …`: Atlas Stream Processing. The simulator's rules are those of
// src/simulator/resources/streams.ts (spec: StreamsTenant, StreamsConnection with its
// writeOnly credentials, StreamsProcessor and StreamsProcessorWithStats, the 202/204/200
// answers of the operations; STREAM_TENANT_HAS_STREAM_PROCESSORS and
// STREAM_TENANT_NOT_FOUND_FOR_NAME as cited there; the other codes are guesses listed in
// src/simulator/README.md).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { STREAM_SEED } from '../../src/simulator/resources/streams.js';
import { expectRefusedBeforeSending, fileWriter, runCli } from '../helpers/cli.js';
import { complete } from '../helpers/complete.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const file = fileWriter('atlascli-stream-');
const streams = `/api/atlas/v2/groups/${SEED.projectId}/streams`;
const WS = STREAM_SEED.workspace;
const SP = STREAM_SEED.processor;
const V_WS = '2023-02-01';
const V_SP = '2024-05-30';
const PASSWORD = 'kafka-new-password-31337';

const sim = sharedSimulator({ port: 0, stepMs: 50, clock: 'manual' });

function expectNoSecrets(r: { stdout: string; stderr: string }, ...extra: string[]): void {
  for (const s of [STREAM_SEED.kafkaPassword, ...extra]) {
    expect(r.stdout).not.toContain(s);
    expect(r.stderr).not.toContain(s);
  }
}

describe('stream instance (workspaces)', () => {
  it('list -o json prints the workspaces as served; the table names the region and tier', async () => {
    const r = await runCli(['stream', 'instance', 'list', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, streams, V_WS));
    const t = await runCli(['streams', 'workspaces', 'ls'], { sim });
    expect(t.stdout).toBe(`NAME\tPROVIDER\tREGION\tTIER\tID\n${WS}\tAWS\tVIRGINIA_USA\tSP10\t${STREAM_SEED.workspaceId}\n`);
  });

  it('get -o json prints the workspace as served; an unknown one is exit 4 (STREAM_TENANT_NOT_FOUND_FOR_NAME)', async () => {
    const r = await runCli(['stream', 'instance', 'get', WS, '-o', 'json'], { sim });
    expect(r.json()).toEqual(await served(sim, `${streams}/${WS}`, V_WS));
    const missing = await runCli(['stream', 'instance', 'get', 'nope'], { sim });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/404 STREAM_TENANT_NOT_FOUND_FOR_NAME/);
  });

  it('create sends the provider, region and tier as the spec spells them, then prints the workspace as served', async () => {
    const before = sim.requests.length;
    const r = await runCli(['stream', 'instance', 'create', 'events-eu', '--provider', 'azure', '--region', 'WestEurope', '--tier', 'sp5', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => [q.method, q.path, q.body])).toEqual([
      ['POST', streams, { name: 'events-eu', dataProcessRegion: { cloudProvider: 'AZURE', region: 'westeurope' }, streamConfig: { tier: 'SP5' } }],
    ]);
    expect(r.json()).toEqual(await served(sim, `${streams}/events-eu`, V_WS));
    const dflt = await runCli(['stream', 'instance', 'create', 'events', '--region', 'virginia_usa'], { sim });
    expect(dflt.code).toBe(0);
    expect(dflt.stderr).toBe('created stream workspace events (AWS VIRGINIA_USA)\n');
    expect(apiRequests(sim, before).at(-1)!.body).toEqual({ name: 'events', dataProcessRegion: { cloudProvider: 'AWS', region: 'VIRGINIA_USA' } });
  });

  it.each([
    [['--region', 'eastus'], /--region eastus is a stream region of AZURE, not of AWS \(hint: add --provider AZURE\)/],
    [['--region', 'VIRGINA_USA'], /AWS has no stream region "VIRGINA_USA" \(hint: did you mean VIRGINIA_USA\?\)/],
    [['--provider', 'GCP', '--region', 'US_EAST_1'], /GCP has no stream region "US_EAST_1"/],
    [['--provider', 'ORACLE', '--region', 'x'], /invalid --provider "ORACLE"/],
    [['--region', 'OHIO_USA', '--tier', 'SP7'], /invalid --tier "SP7" \(hint: stream tiers: SP2, SP5, SP10, SP30, SP50\)/],
    [[], /^atlascli: --region is required \(hint: stream regions of AWS: SYDNEY_AUS, /],
  ])('create %j: exit 2, nothing sent', async (flags, message) => {
    await expectRefusedBeforeSending(sim, ['stream', 'instance', 'create', 'x', ...flags], message);
  });

  it('--dry-run prints the POST and sends nothing', async () => {
    const before = sim.requests.length;
    const d = await runCli(['stream', 'instance', 'create', 'x', '--region', 'OHIO_USA', '--dry-run', '-o', 'json'], { sim });
    expect(d.json()).toMatchObject({ dryRun: true, method: 'POST', body: { name: 'x', dataProcessRegion: { cloudProvider: 'AWS', region: 'OHIO_USA' } } });
    expect(sim.requests.length).toBe(before);
  });

  it('delete: refused without --force; a workspace with processors is refused by Atlas with a hint; an empty one goes', async () => {
    await expectRefusedBeforeSending(sim, ['stream', 'instance', 'delete', WS], /refusing to delete stream workspace sp-main without --force/);
    const busy = await runCli(['stream', 'instance', 'delete', WS, '--force'], { sim });
    expect(busy.code).toBe(1);
    expect(busy.stderr).toMatch(/400 STREAM_TENANT_HAS_STREAM_PROCESSORS.*\(hint: delete its processors first: `atlascli stream processor list sp-main`\)\n$/);
    await runCli(['stream', 'instance', 'create', 'tmp', '--region', 'OHIO_USA'], { sim });
    const r = await runCli(['stream', 'instance', 'delete', 'tmp', '--force', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ name: 'tmp', deleted: true });
    const gone = await runCli(['stream', 'instance', 'delete', 'tmp', '--force', '--if-exists'], { sim });
    expect(gone.code).toBe(0);
    expect(gone.stderr).toBe('stream workspace tmp does not exist: nothing to delete (--if-exists)\n');
  });
});

describe('stream connection', () => {
  const kafka = {
    name: 'kafka-new',
    type: 'Kafka',
    bootstrapServers: 'b1.example.com:9092',
    authentication: { mechanism: 'PLAIN', username: 'app', password: PASSWORD },
    security: { protocol: 'SASL_SSL' },
  };

  it('list and get print the connections as served, without credentials (the spec marks them writeOnly)', async () => {
    const l = await runCli(['stream', 'connection', 'list', WS, '-o', 'json'], { sim });
    expect(l.json()).toEqual(await servedAll(sim, `${streams}/${WS}/connections`, V_WS));
    const g = await runCli(['stream', 'connection', 'get', WS, 'kafka-prod', '-o', 'json'], { sim });
    expect(g.json()).toEqual(await served(sim, `${streams}/${WS}/connections/kafka-prod`, V_WS));
    expect(g.json().authentication).toEqual({ mechanism: 'SCRAM-256', username: 'ingest' });
    const t = await runCli(['stream', 'connection', 'list', WS], { sim });
    expect(t.stdout.split('\n')).toContain('kafka-prod\tKafka\tREADY\tkafka-1.example.com:9092,kafka-2.example.com:9092');
    expectNoSecrets(l);
    expectNoSecrets(g);
  });

  it('create from a file: the password is sent, and never printed (answer, table, --dry-run, --debug)', async () => {
    const p = file('kafka.json', kafka);
    const before = sim.requests.length;
    const r = await runCli(['stream', 'connection', 'create', WS, '--file', p, '-o', 'json', '--debug'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => [q.method, q.path])).toEqual([['POST', `${streams}/${WS}/connections`]]);
    expect(sent[0]!.body).toEqual(kafka);
    expect(r.json()).toEqual(await served(sim, `${streams}/${WS}/connections/kafka-new`, V_WS));
    expectNoSecrets(r, PASSWORD);
    const dry = await runCli(['stream', 'connection', 'create', WS, '--file', p, '--dry-run'], { sim });
    expect(dry.stdout).toContain('"password": "********"');
    expectNoSecrets(dry, PASSWORD);
    const table = await runCli(['stream', 'connection', 'create', WS, '--file', file('k2.json', { ...kafka, name: 'kafka-2' })], { sim });
    expect(table.code).toBe(0);
    expect(table.stdout).toBe('NAME\tTYPE\tSTATE\tTARGET\nkafka-2\tKafka\tREADY\tb1.example.com:9092\n');
    expectNoSecrets(table, PASSWORD);
  });

  it('--file - reads the connection from stdin (the README example)', async () => {
    const doc = { name: 'orders', type: 'Cluster', clusterName: 'Cluster0', dbRoleToExecute: { role: 'atlasAdmin', type: 'BUILT_IN' } };
    const r = await runCli(['stream', 'connection', 'create', WS, '--file', '-', '-o', 'json'], { sim, stdin: JSON.stringify(doc) });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ ...doc, state: 'READY' });
  });

  it('a file the spec refuses, or without a name: exit 2 naming the JSON pointer, nothing sent', async () => {
    await expectRefusedBeforeSending(
      sim,
      ['stream', 'connection', 'create', WS, '--file', file('bad.json', { name: 'x', type: 'Carrier' })],
      /\/type: must be one of "Kafka", "Cluster"/,
    );
    await expectRefusedBeforeSending(
      sim,
      ['stream', 'connection', 'create', WS, '--file', file('bad2.json', { ...kafka, authentication: { ...kafka.authentication, passwrd: 'x' } })],
      /\/authentication\/passwrd: unknown attribute/,
    );
    await expectRefusedBeforeSending(sim, ['stream', 'connection', 'create', WS, '--file', file('noname.json', { type: 'Sample' })], /the connection needs a "name"/);
  });

  it('delete asks first, then deletes (202)', async () => {
    await expectRefusedBeforeSending(sim, ['stream', 'connection', 'delete', WS, 'kafka-prod'], /without --force/);
    const r = await runCli(['stream', 'connection', 'delete', WS, 'kafka-prod', '--force'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('deleted connection kafka-prod of stream workspace sp-main\n');
    expect((await runCli(['stream', 'connection', 'get', WS, 'kafka-prod'], { sim })).code).toBe(4);
  });
});

describe('stream processor', () => {
  const solar = { name: 'solar2', pipeline: [{ $source: { connectionName: 'sample_stream_solar' } }, { $emit: { connectionName: 'kafka-prod', topic: 'solar' } }] };

  it('list shows each processor with its state and flow; get -o json prints it as served', async () => {
    const t = await runCli(['stream', 'processor', 'list', WS], { sim });
    expect(t.stdout).toBe(`NAME\tSTATE\tFLOW\tID\n${SP}\tSTOPPED\tsample_stream_solar → Cluster0\t${STREAM_SEED.processorId}\n`);
    const g = await runCli(['stream', 'processor', 'get', WS, SP, '-o', 'json'], { sim });
    expect(g.json()).toEqual(await served(sim, `${streams}/${WS}/processor/${SP}`, V_SP));
    const l = await runCli(['stream', 'processors', 'ls', WS, '-o', 'json'], { sim });
    expect(l.json()).toEqual(await servedAll(sim, `${streams}/${WS}/processors`, V_SP));
  });

  it('create → CREATED, start → STARTED, start again sends nothing, stop → STOPPED, stop again sends nothing', async () => {
    let before = sim.requests.length;
    const c = await runCli(['stream', 'processor', 'create', WS, '--file', file('solar.json', solar), '-o', 'json'], { sim });
    expect(c.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => [q.method, q.path])).toEqual([
      ['POST', `${streams}/${WS}/processor`],
      ['GET', `${streams}/${WS}/processor/solar2`],
    ]);
    expect(apiRequests(sim, before)[0]!.body).toEqual(solar);
    expect(c.json()).toMatchObject({ name: 'solar2', state: 'CREATED', pipeline: solar.pipeline });

    before = sim.requests.length;
    const s = await runCli(['stream', 'processor', 'start', WS, 'solar2', '-o', 'json'], { sim });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path}`)).toEqual([
      `GET ${streams}/${WS}/processor/solar2`,
      `POST ${streams}/${WS}/processor/solar2:start`,
      `GET ${streams}/${WS}/processor/solar2`,
    ]);
    expect(s.json().state).toBe('STARTED');

    before = sim.requests.length;
    const again = await runCli(['stream', 'processor', 'start', WS, 'solar2'], { sim });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe('stream processor solar2 is already started: nothing to do\n');
    expect(apiRequests(sim, before).map((q) => q.method)).toEqual(['GET']);

    const stop = await runCli(['stream', 'processor', 'stop', WS, 'solar2'], { sim });
    expect(stop.stderr).toBe('stream processor solar2 stopped (STOPPED)\n');
    expect(stop.stdout).toContain('solar2\tSTOPPED\tsample_stream_solar → kafka-prod');
    before = sim.requests.length;
    const stopAgain = await runCli(['stream', 'processor', 'stop', WS, 'solar2'], { sim });
    expect(stopAgain.stderr).toBe('stream processor solar2 is not running (STOPPED): nothing to do\n');
    expect(apiRequests(sim, before).map((q) => q.method)).toEqual(['GET']);
  });

  it('--dry-run start prints the POST and sends nothing', async () => {
    const before = sim.requests.length;
    const d = await runCli(['stream', 'processor', 'start', WS, SP, '--dry-run', '-o', 'json'], { sim });
    expect(d.json()).toMatchObject({ dryRun: true, method: 'POST' });
    expect(d.json().url).toMatch(/\/streams\/sp-main\/processor\/solarDemo:start$/);
    expect(sim.requests.length).toBe(before);
  });

  it('a pipeline naming a connection the workspace lacks is refused by the simulator (exit 1); a file without a pipeline: exit 2', async () => {
    const r = await runCli(['stream', 'processor', 'create', WS, '--file', file('p.json', { name: 'p', pipeline: [{ $source: { connectionName: 'nope' } }] })], { sim });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/400 STREAM_PROCESSOR_INVALID_PIPELINE/);
    await expectRefusedBeforeSending(sim, ['stream', 'processor', 'create', WS, '--file', file('np.json', { name: 'p' })], /the processor needs a "pipeline"/);
    await expectRefusedBeforeSending(sim, ['stream', 'processor', 'create', WS, '--file', file('x.json', { name: 'p', pipeline: [], colour: 1 })], /\/colour: unknown attribute/);
  });

  it('delete asks first, then deletes (a running one too); then the workspace can go', async () => {
    await runCli(['stream', 'processor', 'start', WS, SP], { sim });
    await expectRefusedBeforeSending(sim, ['stream', 'processor', 'delete', WS, SP], /without --force/);
    const r = await runCli(['stream', 'processor', 'delete', WS, SP, '--force', '-o', 'json'], { sim });
    expect(r.json()).toEqual({ name: SP, deleted: true });
    expect((await runCli(['stream', 'instance', 'delete', WS, '--force'], { sim })).code).toBe(0);
  });
});

describe('completion', () => {
  it("stream instance create completes the providers, the regions of the --provider typed (AWS by default) and the tiers, from the spec's enums", async () => {
    const words = async (...w: string[]) => (await complete(['stream', 'instance', 'create', 'x', ...w])).sort();
    expect(await words('--provider', '')).toEqual(['AWS', 'AZURE', 'GCP']);
    expect(await words('--provider', 'GCP', '--region', '')).toEqual(['EUROPE_WEST1', 'US_CENTRAL1', 'US_EAST4']);
    expect(await words('--region', 'VIR')).toEqual(['VIRGINIA_USA']);
    expect(await words('--tier', '')).toEqual(['SP10', 'SP2', 'SP30', 'SP5', 'SP50']);
  });
});
