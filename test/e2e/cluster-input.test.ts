// Bad input to `cluster …` is refused before any request: exit 2, one line on stderr,
// and the simulator sees nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const dir = tempDir('atlascli-cluster-input-');
const file = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

const cases: Array<[string, string[], RegExp]> = [
  ['a cluster name with an underscore', ['cluster', 'get', 'bad_name'], /invalid cluster name "bad_name"/],
  ['a cluster name of 65 characters', ['cluster', 'create', 'a'.repeat(65)], /invalid cluster name/],
  [
    'a free tier with a disk size (not configurable on M0, spec diskSizeGB)',
    ['cluster', 'create', 'c', '--tier', 'M0', '--disk-gb', '20'],
    /--disk-gb cannot be used with a free \(M0\) cluster/,
  ],
  ['a Flex tier with shards', ['cluster', 'create', 'c', '--tier', 'FLEX', '--type', 'SHARDED'], /--type SHARDED cannot be used with a Flex cluster/],
  ['an NVMe tier with a disk size', ['cluster', 'create', 'c', '--size', 'M40_NVME', '--disk-gb', '100'], /--disk-gb cannot be used with M40_NVME/],
  ['--size and --tier that disagree', ['cluster', 'create', 'c', '--size', 'M10', '--tier', 'M20'], /disagree/],
  ['a name ending with a hyphen (host names are built from it)', ['cluster', 'create', 'bad-'], /invalid cluster name "bad-"/],
  ['MongoDB 6.0, end of life', ['cluster', 'create', 'c', '--mongodb-version', '6.0'], /MongoDB 6\.0 has reached end of life/],
  ['a bad --tag', ['cluster', 'create', 'c', '--tag', 'env'], /invalid --tag "env"/],
  ['an unknown connection-string type', ['cluster', 'connection-string', 'c', '--type', 'ftp'], /invalid --type "ftp"/],
  ['an unknown size', ['cluster', 'create', 'c', '--size', 'M15'], /instance size M15 is not offered on AWS/],
  ['a size the cloud lacks', ['cluster', 'create', 'c', '--size', 'M700'], /M700 is not offered on AWS/],
  ['a malformed size', ['cluster', 'create', 'c', '--size', 'big'], /invalid instance size "big"/],
  ['an unknown cloud', ['cluster', 'create', 'c', '--provider', 'IBM'], /invalid --provider "IBM".*AWS, GCP, AZURE/],
  ['a region of another cloud', ['cluster', 'create', 'c', '--region', 'CENTRAL_US'], /invalid region "CENTRAL_US" for AWS.*--provider GCP/],
  ['an unknown region', ['cluster', 'create', 'c', '--provider', 'GCP', '--region', 'MOON_1'], /invalid region "MOON_1" for GCP/],
  // a new user's trial: a typo got only examples; one region check (cluster/validate.ts) suggests for every --region
  [
    'a region typo (did you mean)',
    ['cluster', 'create', 'c', '--region', 'US_EST_1'],
    /^atlascli: invalid region "US_EST_1" for AWS \(hint: did you mean US_EAST_1, US_WEST_1, US_EAST_2\?\)\n$/,
  ],
  [
    'a region typo on upgrade, the cloud unknown yet',
    ['cluster', 'upgrade', 'FreeCluster', '--tier', 'M20', '--region', 'US_EST_1'],
    /^atlascli: invalid region "US_EST_1" \(hint: did you mean US_EAST_1, US_WEST_1, US_EAST_2\?\)\n$/,
  ],
  [
    'a region typo on update',
    ['cluster', 'update', 'Cluster0', '--region', 'EU_WST_1'],
    /^atlascli: invalid region "EU_WST_1" \(hint: did you mean EU_WEST_1, EU_WEST_2, EU_WEST_3\?\)\n$/,
  ],
  ['a disk too small', ['cluster', 'create', 'c', '--disk-gb', '5'], /--disk-gb 5: give 10 to 4096 GB/],
  ['a disk too large', ['cluster', 'create', 'c', '--disk-gb', '5000'], /give 10 to 4096 GB/],
  ['a patch version', ['cluster', 'create', 'c', '--mongodb-version', '7.0.12'], /invalid --mongodb-version "7.0.12".*e\.g\. 7\.0/],
  ['an old version', ['cluster', 'create', 'c', '--mongodb-version', '4.4'], /MongoDB 4\.4 has reached end of life/],
  ['shards on a replica set', ['cluster', 'create', 'c', '--shards', '2'], /--shards needs --type SHARDED/],
  ['too many shards', ['cluster', 'create', 'c', '--type', 'SHARDED', '--size', 'M30', '--shards', '71'], /--shards 71: give 1 to 70/],
  ['a sharded M10', ['cluster', 'create', 'c', '--type', 'SHARDED'], /sharded cluster needs M30 or larger/],
  ['an unknown type', ['cluster', 'create', 'c', '--type', 'STANDALONE'], /invalid --type/],
  ['--wait-timeout without --wait', ['cluster', 'create', 'c', '--wait-timeout', '5'], /--wait-timeout needs --wait/],
  ['a zero --wait-timeout', ['cluster', 'watch', 'c', '--wait-timeout', '0'], /invalid --wait-timeout "0"/],
  ['update without a change', ['cluster', 'update', 'c'], /nothing to change/],
  ['update to a shared tier', ['cluster', 'update', 'c', '--size', 'M2'], /cannot move to FLEX with update/],
  ['an unknown TLS version', ['cluster', 'advanced', 'set', 'c', '--min-tls', 'TLS1_4'], /invalid --min-tls "TLS1_4".*TLS1_0, TLS1_1, TLS1_2, TLS1_3/],
  ['a non-boolean --no-table-scan', ['cluster', 'advanced', 'set', 'c', '--no-table-scan', 'maybe'], /invalid --no-table-scan "maybe": give true or false/],
  ['a non-boolean --javascript-enabled', ['cluster', 'advanced', 'set', 'c', '--javascript-enabled', 'nah'], /invalid --javascript-enabled/],
  ['a small oplog', ['cluster', 'advanced', 'set', 'c', '--oplog-size-mb', '10'], /at least 990 MB/],
  ['advanced set without a change', ['cluster', 'advanced', 'set', 'c'], /nothing to change/],
  ['delete without a terminal or --force', ['cluster', 'delete', 'Cluster0'], /refusing to delete cluster Cluster0 without --force/],
  ['failover without a terminal or --force', ['cluster', 'failover', 'Cluster0'], /refusing to test failover of cluster Cluster0 without --force/],
];

describe('cluster: bad input exits 2 before any request', () => {
  it.each(cases)('%s', async (_what, args, message) => {
    const before = sim.requests.length;
    const r = await runCli(args, { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(message);
    expect(sim.requests.slice(before)).toEqual([]);
  });

  it('malformed --file JSON: the line and column of the error', async () => {
    const p = file('broken.json', '{\n  "name": "c",\n  "clusterType": "REPLICASET",,\n}\n');
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'create', 'c', '--file', p], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/invalid JSON in --file ".*broken\.json" at line 3, column 31/);
    expect(sim.requests.length).toBe(before);
  });

  it('a --file that is not an object, and one that is missing', async () => {
    const before = sim.requests.length;
    const arr = await runCli(['cluster', 'update', 'c', '--file', file('arr.json', '[{"name":"c"}]')], { sim });
    expect(arr.code).toBe(2);
    expect(arr.stderr).toMatch(/must hold a JSON object \(a cluster document\), not an array/);
    const missing = await runCli(['cluster', 'create', 'c', '--file', join(dir, 'nope.json')], { sim });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read --file ".*nope\.json": no such file/);
    expect(sim.requests.length).toBe(before);
  });

  it('update --file naming another cluster is refused (no rename)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['cluster', 'update', 'c', '--file', file('other.json', '{"name":"other"}')], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/for cluster "other", not "c"/);
    expect(sim.requests.length).toBe(before);
  });

  it('with -o json the error is a JSON document on stderr', async () => {
    const r = await runCli(['cluster', 'create', 'c', '--size', 'M15', '-o', 'json'], { sim });
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stderr)).toEqual({ error: { status: 0, errorCode: 'INVALID_INPUT', detail: 'instance size M15 is not offered on AWS' } });
  });
});

// Every body the CLI sends is checked against the spec's request schema before it is sent
// (src/atlas/client.ts checkRequestBody): a --file document with a wrong type or an unknown
// attribute is refused with exit 2 naming its JSON pointer, as Atlas would refuse it with 400,
// and nothing reaches the server — whatever command built the body.
describe('a --file body the spec refuses', () => {
  const cases: Array<[string, string[], Record<string, unknown>, RegExp]> = [
    [
      'cluster create: a node count that is not an integer',
      ['cluster', 'create', 'typed'],
      {
        clusterType: 'REPLICASET',
        replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 'three' } }] }],
      },
      /the request body does not match the createGroupCluster request of the API \(version [\d-]+\): \/replicationSpecs\/0\/regionConfigs\/0\/electableSpecs\/nodeCount: must be integer/,
    ],
    [
      'cluster update: an unknown attribute',
      ['cluster', 'update', 'Cluster0'],
      { name: 'Cluster0', colour: 'blue' },
      /updateGroupCluster request of the API .*\/colour: unknown attribute/,
    ],
  ];
  for (const [what, args, doc, message] of cases) {
    it(what, async () => {
      const file = join(tempDir(), 'cluster.json');
      writeFileSync(file, JSON.stringify(doc));
      const before = sim.requests.length;
      const r = await runCli([...args, '--file', file], { sim });
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(message);
      // nothing that changes anything was sent (cluster update reads the cluster first)
      expect(sim.requests.slice(before).filter((q) => q.method !== 'GET')).toEqual([]);
    });
  }
});
