// Scenarios (src/simulator/scenario.ts, scenario.schema.json; contract: "The simulator as a
// test fixture"): the state a simulator starts from, programmatic and on the command line,
// and every kind of bad file refused with the JSON path, exit 2, before listening.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator, type RunningSimulator } from '../../src/simulator/index.js';
import { recordLine } from '../../src/simulator/record-file.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { client } from './helpers.js';

const base = () => ({
  credentials: { publicKey: 'ci-key', privateKey: 'ci-secret', clientId: 'mdb_sa_id_ci', clientSecret: 'mdb_sa_sk_ci' },
  orgs: [
    {
      name: 'Acme',
      projects: [
        {
          name: 'acme-ci',
          tags: { env: 'ci' },
          clusters: [
            {
              name: 'app',
              tier: 'M30',
              provider: 'GCP',
              region: 'WESTERN_EUROPE',
              tags: { env: 'prod' },
              backup: true,
              terminationProtection: true,
              mongoDBVersion: '7.0',
              createDate: '2025-03-01T10:00:00Z',
            },
            { name: 'idle', tier: 'M10', paused: true },
            { name: 'free', tier: 'M0' },
            { name: 'flex', tier: 'FLEX', region: 'EU_WEST_1' },
          ],
          databaseUsers: [{ username: 'reporting', roles: ['read@app', 'readAnyDatabase@admin'], scopes: ['cluster:app'] }],
          accessList: [{ cidrBlock: '10.0.0.0/16', comment: 'VPN' }, { cidrBlock: '2001:db8::/32' }, { ipAddress: '203.0.113.7' }],
        },
        { name: 'acme-empty' },
      ],
    },
    { name: 'Other' },
  ],
});

let sim: RunningSimulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe('startSimulator({ scenario })', () => {
  it('serves the scenario alone, with its credentials and generated ids, and again after a reset', async () => {
    sim = await startSimulator({ scenario: base() });
    expect(sim.credentials.publicKey).toBe('ci-key');
    expect(sim.credentials.orgId).toMatch(/^[0-9a-f]{24}$/);
    const r = await runCli(['cluster', 'list', '-o', 'json'], { sim });
    expect(r.stderr).toBe('');
    const byName = Object.fromEntries(r.json().map((c: any) => [c.name, c]));
    expect(Object.keys(byName).sort()).toEqual(['app', 'flex', 'free', 'idle']);
    const app = byName.app;
    expect(app).toMatchObject({
      stateName: 'IDLE',
      paused: false,
      backupEnabled: true,
      terminationProtectionEnabled: true,
      mongoDBMajorVersion: '7.0',
      createDate: '2025-03-01T10:00:00Z',
      tags: [{ key: 'env', value: 'prod' }],
      groupId: sim.credentials.projectId,
    });
    expect(app.replicationSpecs[0].regionConfigs[0]).toMatchObject({ providerName: 'GCP', regionName: 'WESTERN_EUROPE', electableSpecs: { instanceSize: 'M30' } });
    expect(byName.idle.paused).toBe(true);
    expect(byName.free.replicationSpecs[0].regionConfigs[0]).toMatchObject({ providerName: 'TENANT', backingProviderName: 'AWS', electableSpecs: { instanceSize: 'M0' } });
    expect(byName.flex.providerSettings).toMatchObject({ providerName: 'FLEX', regionName: 'EU_WEST_1' });

    const projects = (await runCli(['project', 'list', '-o', 'json'], { sim })).json();
    expect(projects.map((p: any) => p.name).sort()).toEqual(['acme-ci', 'acme-empty']);
    const users = (await runCli(['user', 'list', '-o', 'json'], { sim })).json();
    expect(users).toMatchObject([
      {
        username: 'reporting',
        databaseName: 'admin',
        roles: [
          { roleName: 'read', databaseName: 'app' },
          { roleName: 'readAnyDatabase', databaseName: 'admin' },
        ],
        scopes: [{ name: 'app', type: 'CLUSTER' }],
      },
    ]);
    const entries = (await runCli(['whitelist', 'list', '-o', 'json'], { sim })).json();
    expect(entries.map((e: any) => e.cidrBlock)).toEqual(['10.0.0.0/16', '2001:db8:0:0:0:0:0:0/32', '203.0.113.7/32']);

    // the seed's credentials are not accepted: the scenario's replace them
    const seedKey = await client(sim, 'simpublickey', 'sim-private-key-0000')('GET', '/api/atlas/v2/groups');
    expect(seedKey.status).toBe(401);

    const ids = Object.values(byName)
      .map((c: any) => c.id)
      .sort();
    await runCli(['cluster', 'delete', 'idle', '--force'], { sim });
    sim.reset();
    const again = (await runCli(['cluster', 'list', '-o', 'json'], { sim })).json();
    expect(again.map((c: any) => c.id).sort()).toEqual(ids);
  });

  it('starts with the scenario faults, and has them again after a reset', async () => {
    const s = { ...base(), faults: [{ method: 'GET', path: '/api/atlas/v2/groups', status: 500, errorCode: 'UNEXPECTED_ERROR', times: 1 }] };
    sim = await startSimulator({ scenario: s });
    const api = client(sim);
    expect((await api('GET', '/api/atlas/v2/groups')).status).toBe(500);
    expect((await api('GET', '/api/atlas/v2/groups')).status).toBe(200);
    sim.reset();
    expect((await api('GET', '/api/atlas/v2/groups')).status).toBe(500);
    expect(sim.requests.at(-1)).toMatchObject({ status: 500, errorCode: 'UNEXPECTED_ERROR' });
  });
});

describe('--record', () => {
  it('writes one JSON line per request as answered, request bodies masked by the spec (password is write-only)', async () => {
    const file = join(tempDir(), 'rec.jsonl');
    sim = await startSimulator({ scenario: base(), record: file });
    const before = readFileSync(file, 'utf8');
    expect(before).toBe('');
    const r = await runCli(['user', 'create', 'bob', '--role', 'read@app', '--password-stdin', '-o', 'json'], { sim, stdin: 'S3cret-Passw0rd-xyz\n' });
    expect(r.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('S3cret-Passw0rd-xyz');
    const lines = text
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.method, l.status, l.errorCode])).toEqual([
      ['POST', 401, 'UNAUTHORIZED'],
      ['POST', 201, undefined],
    ]);
    expect(lines[1]).toEqual({
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      method: 'POST',
      path: `/api/atlas/v2/groups/${sim.credentials.projectId}/databaseUsers`,
      query: {},
      status: 201,
      operationId: 'createGroupDatabaseUser',
      body: expect.objectContaining({ username: 'bob', password: '********' }),
    });
    // the same line as the in-memory record gives
    expect(recordLine(sim.requests.at(-1)!)).toBe(JSON.stringify(lines[1]));
  });
});

describe('a bad scenario: exit 2 naming the JSON path, nothing listens', () => {
  const cases: Array<[string, (s: any) => void, RegExp]> = [
    ['an unknown key', (s) => (s.orgs[0].projects[0].clusters[0].size = 'M10'), /\$\.orgs\[0\]\.projects\[0\]\.clusters\[0\]\.size: unknown key "size"/],
    ['an unknown top-level key', (s) => (s.clusters = []), /\$\.clusters: unknown key "clusters"/],
    [
      'a duplicate cluster name',
      (s) => s.orgs[0].projects[0].clusters.push({ name: 'APP', tier: 'M10' }),
      /\$\.orgs\[0\]\.projects\[0\]\.clusters\[4\]\.name: duplicate cluster name "APP"/,
    ],
    ['an invalid tier', (s) => (s.orgs[0].projects[0].clusters[1].tier = 'M7'), /\$\.orgs\[0\]\.projects\[0\]\.clusters\[1\]\.tier: M7 is not offered on AWS/],
    ['a tier that is no tier', (s) => (s.orgs[0].projects[0].clusters[1].tier = 'large'), /\$\.orgs\[0\]\.projects\[0\]\.clusters\[1\]\.tier: must match pattern/],
    [
      'a region of another cloud',
      (s) => (s.orgs[0].projects[0].clusters[0].region = 'US_EAST_1'),
      /\$\.orgs\[0\]\.projects\[0\]\.clusters\[0\]\.region: "US_EAST_1" is not a region of GCP/,
    ],
    ['a region nobody has', (s) => (s.orgs[0].projects[0].clusters[3].region = 'MARS_1'), /\$\.orgs\[0\]\.projects\[0\]\.clusters\[3\]\.region: "MARS_1" is not a region of AWS/],
    [
      'a CIDR with host bits',
      (s) => (s.orgs[0].projects[0].accessList[0].cidrBlock = '10.0.0.1/16'),
      /\$\.orgs\[0\]\.projects\[0\]\.accessList\[0\]\.cidrBlock: "10\.0\.0\.1\/16" is not a valid CIDR block/,
    ],
    ['a malformed address', (s) => (s.orgs[0].projects[0].accessList[2].ipAddress = '300.1.1.1'), /accessList\[2\]\.ipAddress: "300\.1\.1\.1" is not a valid IP address/],
    [
      'both cidrBlock and ipAddress',
      (s) => (s.orgs[0].projects[0].accessList[0].ipAddress = '10.0.0.1'),
      /\$\.orgs\[0\]\.projects\[0\]\.accessList\[0\]: give exactly one of cidrBlock and ipAddress/,
    ],
    ['a fault with an unknown field', (s) => (s.faults = [{ status: 503, retry: 2 }]), /\$\.faults\[0\]\.retry: unknown key "retry"/],
    ['a fault that does nothing', (s) => (s.faults = [{ path: '/api' }]), /\$\.faults\[0\]: a fault needs status/],
    ['an unknown role', (s) => (s.orgs[0].projects[0].databaseUsers[0].roles = ['superuser@admin']), /databaseUsers\[0\]\.roles\[0\]: unknown role "superuser"/],
    ['a scope on a missing cluster', (s) => (s.orgs[0].projects[0].databaseUsers[0].scopes = ['cluster:nope']), /databaseUsers\[0\]\.scopes\[0\]: no cluster "nope"/],
    ['no orgs', (s) => delete s.orgs, /\$: missing "orgs"/],
  ];
  it.each(cases)('%s', async (_what, change, message) => {
    const s = base();
    change(s);
    await expect(startSimulator({ scenario: s })).rejects.toThrow(message);
    const file = join(tempDir(), 'scenario.json');
    writeFileSync(file, JSON.stringify(s));
    const r = await runCli(['simulator', '--port', '0', '--scenario', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain(`invalid scenario ${file}: $`);
  });

  it('a file that is not JSON, or missing', async () => {
    const file = join(tempDir(), 'scenario.json');
    writeFileSync(file, '{"orgs": [');
    const r = await runCli(['simulator', '--port', '0', '--scenario', file]);
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toContain(`invalid scenario ${file}: $: not valid JSON`);
    const missing = await runCli(['simulator', '--port', '0', '--scenario', join(tempDir(), 'nope.json')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --scenario .*nope\.json: ENOENT/);
  });

  it('--print-schema prints the schema shipped with the package, which a good scenario passes', async () => {
    const r = await runCli(['simulator', '--print-schema']);
    expect(r.code).toBe(0);
    const schema = r.json();
    expect(schema.title).toBe('atlascli simulator scenario');
    expect(schema).toEqual(JSON.parse(readFileSync(new URL('../../src/simulator/scenario.schema.json', import.meta.url), 'utf8')));
    expect(Object.keys(schema.properties).sort()).toEqual(['$schema', 'credentials', 'faults', 'orgs']);
  });
});

describe('the clock endpoint: a bad advance is 400 naming the field, time does not move', () => {
  it.each([['PT10X'], ['10 minutes'], ['-PT1M']])('%s', async (advance) => {
    sim = await startSimulator({ clock: 'manual' });
    const before = sim.clock.now();
    const res = await fetch(`${sim.url}/__simulator/clock`, { method: 'POST', body: JSON.stringify({ advance }) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/"advance"/);
    expect(sim.clock.now()).toBe(before);
  });
});
