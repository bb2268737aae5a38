// `atlascli cluster …` end to end: the built CLI against the simulator, which checks
// every body against the spec schema of the version sent.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir, type RunOptions } from '../helpers/cli.js';
import { apiRequests, served, servedAll, withTransitionsHeld } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const dir = tempDir('atlascli-cluster-');
/** Polls every 20 ms instead of backing off from 1 s. */
const FAST: RunOptions['env'] = { ATLASCLI_POLL_MS: '20' };
const run = (args: string[]) => runCli(args, { sim, env: FAST });
const clusters = () => `/api/atlas/v2/groups/${sim.credentials.projectId}/clusters`;
const since = () => sim.requests.length;
const sent = (from: number, method?: string) => apiRequests(sim, from).filter((r) => !method || r.method === method);

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

describe('cluster list and get', () => {
  it('list -o json prints every cluster as served (newest version), in one array', async () => {
    const from = since();
    const r = await run(['cluster', 'list', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(sent(from).map((q) => [q.operationId, q.version, q.query.itemsPerPage !== undefined])).toEqual([
      ['listGroupClusters', '2024-08-05', true],
      ['listGroupFlexClusters', '2024-11-13', true],
    ]);
    const docs = r.json();
    expect(docs).toEqual(await servedAll(sim, clusters(), '2024-08-05'));
    expect(docs.map((d: { name: string }) => d.name)).toEqual(expect.arrayContaining(['Cluster0', 'ShardedCluster', 'PausedCluster']));
  });

  it('list as a table: name, type, tier, provider/region, version, state, paused', async () => {
    const r = await run(['cluster', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^NAME\s+TYPE\s+TIER\s+PROVIDER\/REGION\s+MONGODB\s+STATE\s+PAUSED$/);
    expect(r.stdout).toMatch(/Cluster0\s+REPLICASET\s+M10\s+AWS US_EAST_1\s+8\.0\.\d+\s+IDLE\s+false/);
    expect(r.stdout).toMatch(/PausedCluster\s+REPLICASET\s+M10\s+GCP CENTRAL_US\s+7\.0\.\d+\s+IDLE\s+true/);
    expect(r.stdout).toMatch(/ShardedCluster\s+SHARDED\s+M30\s+AWS EU_WEST_1/);
  });

  it('list --limit caps the items', async () => {
    const r = await run(['cluster', 'list', '--limit', '1', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toHaveLength(1);
  });

  it('get -o json prints the document as served', async () => {
    const r = await run(['cluster', 'get', 'Cluster0', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${clusters()}/Cluster0`, '2024-08-05'));
  });

  it('get --format full shows every field', async () => {
    const r = await run(['cluster', 'get', 'Cluster0', '--format', 'full']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^FIELD\s+VALUE$/m);
    expect(r.stdout).toMatch(/^connectionStrings\.standardSrv\s+mongodb\+srv:/m);
    expect(r.stdout).toMatch(/^createDate\s+\d{4}-/m);
    expect(r.stdout).toMatch(/^replicationSpecs\s+\[/m);
  });

  it('a missing cluster exits 4 with CLUSTER_NOT_FOUND on one line', async () => {
    const r = await run(['cluster', 'get', 'nope']);
    expect(r.code).toBe(4);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/404 CLUSTER_NOT_FOUND/);
  });
});

describe('cluster create', () => {
  it('--dry-run prints the request and sends nothing', async () => {
    const from = since();
    const r = await run(['cluster', 'create', 'dry', '--dry-run', '-o', 'json']);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc.method).toBe('POST');
    expect(doc.headers['Content-Type']).toBe('application/vnd.atlas.2024-10-23+json');
    expect(doc.body.replicationSpecs[0].regionConfigs[0]).toEqual({
      providerName: 'AWS',
      regionName: 'US_EAST_1',
      priority: 7,
      electableSpecs: { instanceSize: 'M10', nodeCount: 3 },
    });
    expect(sim.requests.length).toBe(from);
  });

  it('with no flags an M10 replica set on AWS US_EAST_1; --wait returns once IDLE', async () => {
    const from = since();
    // CREATING until the wait has read it so
    const r = await withTransitionsHeld(
      sim,
      () => run(['cluster', 'create', 'made-default', '--wait', '-o', 'json']),
      (q) => q.method === 'GET' && q.path.endsWith('/clusters/made-default'),
    );
    expect(r.stderr).toMatch(/cluster made-default: CREATING/);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc.stateName).toBe('IDLE');
    expect(doc.name).toBe('made-default');
    const [post] = sent(from, 'POST');
    expect(post!.status).toBe(201);
    expect(post!.version).toBe('2024-10-23');
    expect(post!.body).toEqual({
      name: 'made-default',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
    });
    // it polled until IDLE
    const gets = sent(from, 'GET');
    expect(gets.length).toBeGreaterThanOrEqual(1);
    expect(doc).toEqual(await served(sim, `${clusters()}/made-default`, '2024-08-05'));
  });

  it('every flag, sharded on GCP', async () => {
    const from = since();
    const r = await run([
      'cluster',
      'create',
      'made-sharded',
      '--size',
      'M30',
      '--provider',
      'gcp',
      '--region',
      'WESTERN_EUROPE',
      '--mongodb-version',
      '7.0',
      '--disk-gb',
      '50',
      '--type',
      'SHARDED',
      '--shards',
      '3',
      '--backup',
      '-o',
      'json',
    ]);
    expect(r.stderr).not.toMatch(/atlascli:/);
    expect(r.code).toBe(0);
    const doc = r.json();
    expect(doc.stateName).toBe('CREATING');
    expect(doc.clusterType).toBe('SHARDED');
    expect(doc.replicationSpecs).toHaveLength(3);
    expect(doc.mongoDBMajorVersion).toBe('7.0');
    expect(doc.backupEnabled).toBe(true);
    expect(doc.replicationSpecs[1].regionConfigs[0].electableSpecs).toMatchObject({ instanceSize: 'M30', diskSizeGB: 50, nodeCount: 3 });
    expect(sent(from, 'POST')[0]!.status).toBe(201);
  });

  // Atlas answers 400 DUPLICATE_CLUSTER_NAME (error-code reference); "already exists" is exit 5
  // whatever the status (contract, Additions: Exit codes)
  it('an existing name exits 5 (400 DUPLICATE_CLUSTER_NAME, as Atlas answers)', async () => {
    const r = await run(['cluster', 'create', 'Cluster0']);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/400 DUPLICATE_CLUSTER_NAME/);
    expect(r.stderr).toMatch(/hint: pick another name, or update the existing cluster/);
  });

  it('--file from `cluster get -o json` clones a cluster under the new name', async () => {
    const got = await run(['cluster', 'get', 'ShardedCluster', '-o', 'json']);
    const p = join(dir, 'sharded.json');
    writeFileSync(p, got.stdout);
    const from = since();
    const r = await run(['cluster', 'create', 'clone-of-sharded', '--file', p, '-o', 'json']);
    expect(r.stderr).not.toMatch(/atlascli:/);
    expect(r.code).toBe(0);
    const [post] = sent(from, 'POST');
    expect(post!.status).toBe(201);
    const body = post!.body as Record<string, any>;
    expect(body.name).toBe('clone-of-sharded');
    for (const k of ['id', 'createDate', 'stateName', 'connectionStrings', 'links', 'mongoDBVersion', 'groupId']) expect(body).not.toHaveProperty(k);
    expect(body.replicationSpecs).toHaveLength(2);
    expect(body.replicationSpecs[0]).not.toHaveProperty('id');
    expect(r.json().replicationSpecs).toHaveLength(2);
  });
});

describe('cluster update', () => {
  it('--size sends exactly one PATCH with only the changed field', async () => {
    await run(['cluster', 'create', 'upd-size', '--wait']);
    const from = since();
    const r = await run(['cluster', 'update', 'upd-size', '--size', 'M20', '-o', 'json']);
    expect(r.code).toBe(0);
    const patches = sent(from, 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.status).toBe(200);
    expect(patches[0]!.version).toBe('2024-10-23');
    expect(Object.keys(patches[0]!.body as object)).toEqual(['replicationSpecs']);
    expect(r.json().replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize).toBe('M20');
    expect(r.json().stateName).toBe('UPDATING');
  });

  it('--mongodb-version and --no-backup are top-level changes; --wait returns once IDLE', async () => {
    await run(['cluster', 'create', 'upd-ver', '--mongodb-version', '7.0', '--backup', '--wait']);
    const from = since();
    const r = await run(['cluster', 'update', 'upd-ver', '--mongodb-version', '8.0', '--no-backup', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    const [patch] = sent(from, 'PATCH');
    expect(patch!.body).toEqual({ mongoDBMajorVersion: '8.0', backupEnabled: false });
    expect(r.json()).toMatchObject({ stateName: 'IDLE', mongoDBMajorVersion: '8.0', backupEnabled: false });
  });

  it('nothing changed: says so, exits 0, sends no PATCH', async () => {
    const from = since();
    const r = await run(['cluster', 'update', 'Cluster0', '--size', 'M10', '--backup']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/nothing to change/);
    expect(sent(from, 'PATCH')).toEqual([]);
  });

  it('get → edit → update --file round-trips: one PATCH with the edited fields, accepted', async () => {
    await run(['cluster', 'create', 'round-trip', '--wait']);
    const got = await run(['cluster', 'get', 'round-trip', '-o', 'json']);
    const doc = got.json();
    doc.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB = 40;
    doc.tags = [{ key: 'team', value: 'data' }];
    const p = join(dir, 'round-trip.json');
    writeFileSync(p, JSON.stringify(doc, null, 2));

    // unchanged file: nothing to send
    const same = join(dir, 'same.json');
    writeFileSync(same, got.stdout);
    let from = since();
    const noop = await run(['cluster', 'update', 'round-trip', '--file', same]);
    expect(noop.code).toBe(0);
    expect(sent(from, 'PATCH')).toEqual([]);

    from = since();
    const r = await run(['cluster', 'update', 'round-trip', '--file', p, '--wait', '-o', 'json']);
    expect(r.stderr).not.toMatch(/atlascli:/);
    expect(r.code).toBe(0);
    const patches = sent(from, 'PATCH');
    expect(patches).toHaveLength(1);
    expect(patches[0]!.status).toBe(200);
    expect(Object.keys(patches[0]!.body as object).sort()).toEqual(['replicationSpecs', 'tags']);
    const final = r.json();
    expect(final.stateName).toBe('IDLE');
    expect(final.tags).toEqual([{ key: 'team', value: 'data' }]);
    expect(final.replicationSpecs[0].regionConfigs[0].electableSpecs.diskSizeGB).toBe(40);
    // ids survive: the simulator matched the specs
    expect(final.replicationSpecs[0].id).toBe(doc.replicationSpecs[0].id);
  });

  it('--dry-run reads the cluster but sends no change', async () => {
    const from = since();
    const r = await run(['cluster', 'update', 'Cluster0', '--disk-gb', '20', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PATCH http:.*\/clusters\/Cluster0$/m);
    expect(r.stdout).toMatch(/"diskSizeGB": 20/);
    expect(sent(from).map((q) => q.method)).toEqual(['GET']);
  });

  it('a paused cluster: exit 5 and a hint to resume that names it', async () => {
    const r = await run(['cluster', 'update', 'PausedCluster', '--size', 'M20']);
    expect(r.code).toBe(5);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/CANNOT_UPDATE_PAUSED_CLUSTER/);
    expect(r.stderr).toMatch(/hint: cluster PausedCluster is paused: resume it first with `atlascli cluster resume PausedCluster`/);
  });
});

describe('cluster pause, resume, delete, failover, watch', () => {
  it('pause --wait and resume --wait PATCH `paused` and print the final state', async () => {
    await run(['cluster', 'create', 'pausing', '--wait']);
    let from = since();
    const p = await run(['cluster', 'pause', 'pausing', '--wait', '-o', 'json']);
    expect(p.code).toBe(0);
    expect(sent(from, 'PATCH').map((q) => q.body)).toEqual([{ paused: true }]);
    expect(p.json()).toMatchObject({ paused: true, stateName: 'IDLE' });

    // pausing a paused cluster sends nothing (Atlas would answer 409 CLUSTER_ALREADY_PAUSED)
    from = since();
    const again = await run(['cluster', 'pause', 'pausing']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/cluster pausing is paused already: nothing was sent/);
    expect(sent(from, 'PATCH')).toEqual([]);

    from = since();
    const r = await run(['cluster', 'resume', 'pausing', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(sent(from, 'PATCH').map((q) => q.body)).toEqual([{ paused: false }]);
    expect(r.json()).toMatchObject({ paused: false, stateName: 'IDLE' });

    // Atlas keeps a resumed cluster running for 60 minutes (Atlas docs: Pause, Resume, or Terminate a Cluster)
    // Atlas answers 400 CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER (Atlas API error-code list,
    // mongodb.com/docs/atlas/reference/api-errors), so exit 1
    const soon = await run(['cluster', 'pause', 'pausing']);
    expect(soon.code).toBe(1);
    expect(soon.stderr).toMatch(/400 CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER.*hint: Atlas keeps a resumed cluster running for at least 60 minutes/);
  });

  it('pause --dry-run sends nothing', async () => {
    const from = since();
    const r = await run(['cluster', 'pause', 'Cluster0', '--dry-run', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'PATCH', body: { paused: true } });
    expect(sim.requests.length).toBe(from);
  });

  it('delete --force --wait returns once the cluster is gone', async () => {
    await run(['cluster', 'create', 'doomed', '--wait']);
    const from = since();
    const r = await run(['cluster', 'delete', 'doomed', '--force', '--wait', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ name: 'doomed', deleted: true });
    const del = sent(from, 'DELETE');
    expect(del).toHaveLength(1);
    expect(del[0]!.status).toBe(202);
    expect(sent(from, 'GET').at(-1)!.status).toBe(404);
    const gone = await run(['cluster', 'get', 'doomed']);
    expect(gone.code).toBe(4);
  });

  it('delete --yes without --wait says it is deleting; --dry-run sends nothing', async () => {
    await run(['cluster', 'create', 'doomed-2', '--wait']);
    let from = since();
    const dry = await run(['cluster', 'delete', 'doomed-2', '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^DELETE http:.*\/clusters\/doomed-2$/m);
    expect(sim.requests.length).toBe(from);
    from = since();
    const r = await run(['cluster', 'delete', 'doomed-2', '-y']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/deleting cluster doomed-2/);
    expect(sent(from, 'DELETE')).toHaveLength(1);
  });

  it('failover --force restarts the primaries', async () => {
    const from = since();
    const r = await run(['cluster', 'failover', 'Cluster0', '--force']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/test failover of cluster Cluster0 started/);
    const posts = sent(from, 'POST');
    expect(posts.map((q) => [q.path, q.status])).toEqual([[`${clusters()}/Cluster0/restartPrimaries`, 200]]);
  });

  it('watch follows a cluster until IDLE, one stderr line per state, then prints it', async () => {
    await run(['cluster', 'create', 'watched']);
    const r = await run(['cluster', 'watch', 'watched', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json().stateName).toBe('IDLE');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('waiting for cluster watched to be IDLE');
    expect(lines.at(-1)).toMatch(/^cluster watched is IDLE \(total \d+s\)$/);
    expect(new Set(lines).size).toBe(lines.length); // a line per change, not per poll
  });

  it('watch of a missing cluster exits 4', async () => {
    const r = await run(['cluster', 'watch', 'nope']);
    expect(r.code).toBe(4);
  });
});

describe('cluster advanced', () => {
  it('get -o json prints the processArgs as served', async () => {
    const r = await run(['cluster', 'advanced', 'get', 'Cluster0', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${clusters()}/Cluster0/processArgs`, '2024-08-05'));
  });

  it('set maps the flags; --no-table-scan takes a value', async () => {
    await run(['cluster', 'create', 'tuned', '--wait']);
    let from = since();
    const r = await run([
      'cluster',
      'advanced',
      'set',
      'tuned',
      '--min-tls',
      'TLS1_3',
      '--no-table-scan',
      'true',
      '--javascript-enabled',
      'false',
      '--oplog-size-mb',
      '2048',
      '--sample-size-bi-connector',
      '500',
      '--sample-refresh-interval-bi-connector',
      '60',
      '-o',
      'json',
    ]);
    expect(r.code).toBe(0);
    const [patch] = sent(from, 'PATCH');
    expect(patch!.version).toBe('2024-08-05');
    expect(patch!.status).toBe(200);
    expect(patch!.body).toEqual({
      minimumEnabledTlsProtocol: 'TLS1_3',
      noTableScan: true,
      javascriptEnabled: false,
      oplogSizeMB: 2048,
      sampleSizeBIConnector: 500,
      sampleRefreshIntervalBIConnector: 60,
    });
    expect(r.json()).toMatchObject({ minimumEnabledTlsProtocol: 'TLS1_3', noTableScan: true, javascriptEnabled: false, oplogSizeMB: 2048 });

    await run(['cluster', 'watch', 'tuned']);
    from = since();
    const off = await run(['cluster', 'advanced', 'set', 'tuned', '--no-table-scan', 'false']);
    expect(off.code).toBe(0);
    expect(sent(from, 'PATCH')[0]!.body).toEqual({ noTableScan: false });
    expect(off.stdout).toMatch(/no-table-scan\s+false/);
  });

  it('set --dry-run sends nothing', async () => {
    const from = since();
    const r = await run(['cluster', 'advanced', 'set', 'Cluster0', '--min-tls', 'TLS1_2', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^PATCH http:.*\/clusters\/Cluster0\/processArgs$/m);
    expect(sim.requests.length).toBe(from);
  });
});

describe('--wait-timeout', () => {
  // a manual clock: the cluster stays CREATING until the bound is passed, whatever the machine's speed
  const slow = sharedSimulator({ port: 0, clock: 'manual' }, { reset: false });

  it('gives up with the last state and exit 1, leaving the cluster alone', async () => {
    const started = Date.now();
    const r = await runCli(['cluster', 'create', 'slow', '--wait', '--wait-timeout', '1'], { sim: slow, env: { ATLASCLI_POLL_MS: '100' } });
    expect(r.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/gave up waiting after 1 s: cluster slow is still CREATING/);
    expect(r.stderr).toMatch(/atlascli cluster watch slow/);
    expect(apiRequests(slow).filter((q) => q.method === 'DELETE')).toEqual([]);
  });
});
