import { describe, expect, it } from 'vitest';
import { usage } from '../helpers/expect.js';
import { newestRequestVersion } from '../../src/spec/index.js';
import { formatIssues, validateRequestBody } from '../../src/spec/validate.js';
import { applyFlags, buildCreateBody, buildFlexBody, changedFields, deepEqual, parseClusterFlags, writable, type Json } from '../../src/commands/cluster/body.js';
import { advancedBody } from '../../src/commands/cluster/advanced.js';

const CREATE_VERSION = newestRequestVersion('createGroupCluster')!;
const UPDATE_VERSION = newestRequestVersion('updateGroupCluster')!;

function expectValid(op: string, version: string, body: unknown): void {
  const issues = validateRequestBody(op, version, body);
  expect(issues, formatIssues(issues)).toEqual([]);
}

/** What the simulator (like Atlas at 2024-08-05) serves for an M10 on AWS. */
function served(): Json {
  const hw = (nodeCount: number, disk = 10) => ({ diskIOPS: 3000, diskSizeGB: disk, ebsVolumeType: 'STANDARD', instanceSize: 'M10', nodeCount });
  return {
    advancedConfiguration: { minimumEnabledTlsProtocol: 'TLS1_2', tlsCipherConfigMode: 'DEFAULT', customOpensslCipherConfigTls12: [], customOpensslCipherConfigTls13: [] },
    backupEnabled: true,
    biConnector: { enabled: false, readPreference: 'secondary' },
    clusterType: 'REPLICASET',
    configServerType: 'EMBEDDED',
    connectionStrings: { standard: 'mongodb://h:27017', standardSrv: 'mongodb+srv://x.mongodb.net' },
    createDate: '2026-01-01T00:00:00Z',
    featureCompatibilityVersion: '8.0',
    groupId: 'b0123456789abcdef012345b',
    id: 'c0123456789abcdef012345c',
    links: [{ href: 'http://x', rel: 'self' }],
    mongoDBMajorVersion: '8.0',
    mongoDBVersion: '8.0.29',
    name: 'Cluster0',
    paused: false,
    replicationSpecs: [
      {
        id: 'd0123456789abcdef012345d',
        zoneId: 'e0123456789abcdef012345e',
        zoneName: 'Zone 1',
        regionConfigs: [
          {
            analyticsSpecs: hw(0),
            autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } },
            effectiveAnalyticsSpecs: hw(0),
            effectiveElectableSpecs: { ...hw(3), diskThroughput: 125 },
            effectiveReadOnlySpecs: hw(0),
            electableSpecs: hw(3),
            priority: 7,
            providerName: 'AWS',
            readOnlySpecs: hw(0),
            regionName: 'US_EAST_1',
          },
        ],
      },
    ],
    stateName: 'IDLE',
    tags: [{ key: 'env', value: 'dev' }],
  };
}

describe('create body from flags', () => {
  it('defaults to an M10 replica set of 3 on AWS US_EAST_1, valid for the newest create version', () => {
    const body = buildCreateBody('c1', parseClusterFlags({}, 'defaults'));
    expect(body).toEqual({
      name: 'c1',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
    });
    expect(CREATE_VERSION).toBe('2024-10-23');
    expectValid('createGroupCluster', CREATE_VERSION, body);
  });

  it('takes every flag; a sharded cluster has one replicationSpec per shard', () => {
    const f = parseClusterFlags(
      { size: 'm30', provider: 'gcp', region: 'western-europe', mongodbVersion: '7.0', diskGb: '40', type: 'sharded', shards: '3', backup: true },
      'defaults',
    );
    const body = buildCreateBody('s1', f);
    expect(body.clusterType).toBe('SHARDED');
    expect(body.replicationSpecs).toHaveLength(3);
    expect(body.replicationSpecs[2].regionConfigs[0]).toEqual({
      providerName: 'GCP',
      regionName: 'WESTERN_EUROPE',
      priority: 7,
      electableSpecs: { instanceSize: 'M30', nodeCount: 3, diskSizeGB: 40 },
    });
    expect(body.mongoDBMajorVersion).toBe('7.0');
    expect(body.backupEnabled).toBe(true);
    expectValid('createGroupCluster', CREATE_VERSION, body);
  });

  it("a cloud without a region gets that cloud's default region", () => {
    const body = buildCreateBody('a', parseClusterFlags({ provider: 'AZURE' }, 'defaults'));
    expect(body.replicationSpecs[0].regionConfigs[0].regionName).toBe('US_EAST_2');
    expectValid('createGroupCluster', CREATE_VERSION, body);
  });

  it('refuses shards without SHARDED, sharded below M30, and a region of another cloud', () => {
    expect(usage(() => parseClusterFlags({ shards: '2' }, 'defaults')).message).toMatch(/--shards needs --type SHARDED/);
    expect(usage(() => parseClusterFlags({ shards: '2', type: 'REPLICASET' }, 'defaults')).message).toMatch(/--shards needs/);
    expect(usage(() => parseClusterFlags({ type: 'SHARDED' }, 'defaults')).message).toMatch(/M30 or larger/);
    expect(usage(() => parseClusterFlags({ region: 'CENTRAL_US' }, 'defaults')).message).toMatch(/invalid region "CENTRAL_US" for AWS/);
    expect(usage(() => parseClusterFlags({ size: 'M400' }, 'defaults')).message).toMatch(/not offered on AWS/);
    expect(usage(() => parseClusterFlags({ size: 'M400', provider: 'GCP', region: 'US_EAST_1' }, 'defaults')).message).toMatch(/for GCP/);
  });
});

describe('read-only fields', () => {
  it('drops what the schema marks read-only, at every depth, and effective* specs', () => {
    const w = writable(served());
    for (const k of ['id', 'createDate', 'stateName', 'connectionStrings', 'links', 'mongoDBVersion', 'groupId', 'featureCompatibilityVersion', 'configServerType']) {
      expect(w, k).not.toHaveProperty(k);
    }
    const spec = w.replicationSpecs[0];
    expect(spec).not.toHaveProperty('id');
    expect(spec).not.toHaveProperty('zoneId');
    expect(spec.zoneName).toBe('Zone 1');
    const rc = spec.regionConfigs[0];
    expect(Object.keys(rc).filter((k) => k.startsWith('effective'))).toEqual([]);
    // writable hardware specs stay, analytics and read-only nodes included
    expect(rc.analyticsSpecs).toEqual(served().replicationSpecs[0].regionConfigs[0].analyticsSpecs);
    expect(rc.readOnlySpecs.nodeCount).toBe(0);
    expect(w.tags).toEqual([{ key: 'env', value: 'dev' }]);
    expect(w.name).toBe('Cluster0');
  });

  it('spells enum values as the schema does (Atlas serves readPreference in lower case)', () => {
    expect(writable(served()).biConnector.readPreference).toBe('SECONDARY');
    const hand = writable({ replicationSpecs: [{ regionConfigs: [{ providerName: 'aws', regionName: 'us_east_1', electableSpecs: { instanceSize: 'm10' } }] }] });
    expect(hand.replicationSpecs[0].regionConfigs[0]).toEqual({ providerName: 'AWS', regionName: 'US_EAST_1', electableSpecs: { instanceSize: 'M10' } });
  });

  it('what remains of a served document is a valid update body, and a valid create body', () => {
    const w = writable(served());
    expectValid('updateGroupCluster', UPDATE_VERSION, w);
    expectValid('createGroupCluster', CREATE_VERSION, w);
  });

  it('the document as served is not (the test can fail)', () => {
    expect(validateRequestBody('updateGroupCluster', UPDATE_VERSION, served()).length).toBeGreaterThan(0);
  });

  it('keeps properties the schema does not know (Atlas says what it refuses), except effective* ones', () => {
    expect(writable({ somethingNew: 1, effectiveDatabaseEdition: 'ENTERPRISE' })).toEqual({ somethingNew: 1 });
  });
});

describe('update: flags on the current document, and only what changed', () => {
  const current = () => writable(served());

  it('--size changes electable and read-only specs in every region; only replicationSpecs is sent', () => {
    const desired = applyFlags(current(), parseClusterFlags({ size: 'M20' }, 'document'));
    const body = changedFields(current(), desired);
    expect(Object.keys(body)).toEqual(['replicationSpecs']);
    const rc = body.replicationSpecs[0].regionConfigs[0];
    expect(rc.electableSpecs.instanceSize).toBe('M20');
    expect(rc.readOnlySpecs.instanceSize).toBe('M20');
    expectValid('updateGroupCluster', UPDATE_VERSION, body);
  });

  it('--disk-gb sets every hardware spec; --mongodb-version and --backup are top-level', () => {
    // current() runs 8.0: Atlas never downgrades, so the version given is the one it has plus nothing, and 'latest' changes the release system
    const desired = applyFlags({ ...current(), mongoDBMajorVersion: '7.0' }, parseClusterFlags({ diskGb: '40', mongodbVersion: '8', backup: false }, 'document'));
    const body = changedFields(current(), desired);
    expect(Object.keys(body).sort()).toEqual(['backupEnabled', 'replicationSpecs']);
    expect(desired.mongoDBMajorVersion).toBe('8.0');
    const rc = body.replicationSpecs[0].regionConfigs[0];
    expect([rc.electableSpecs.diskSizeGB, rc.readOnlySpecs.diskSizeGB, rc.analyticsSpecs.diskSizeGB]).toEqual([40, 40, 40]);
    expectValid('updateGroupCluster', UPDATE_VERSION, body);
  });

  it('nothing changed → an empty body', () => {
    expect(changedFields(current(), applyFlags(current(), parseClusterFlags({ size: 'M10', backup: true }, 'document')))).toEqual({});
    expect(changedFields(current(), writable(served()))).toEqual({});
  });

  it('an edited get document sends only the edited top-level fields', () => {
    const edited = served();
    edited.tags.push({ key: 'team', value: 'data' });
    edited.stateName = 'UPDATING'; // read-only: ignored
    const body = changedFields(current(), writable(edited));
    expect(body).toEqual({
      tags: [
        { key: 'env', value: 'dev' },
        { key: 'team', value: 'data' },
      ],
    });
  });

  it("--provider moves a single-region cluster and drops the old cloud's hardware fields", () => {
    const desired = applyFlags(current(), parseClusterFlags({ provider: 'GCP', region: 'CENTRAL_US' }, 'document'));
    const rc = desired.replicationSpecs[0].regionConfigs[0];
    expect(rc.providerName).toBe('GCP');
    expect(rc.regionName).toBe('CENTRAL_US');
    expect(rc.electableSpecs).not.toHaveProperty('ebsVolumeType');
    expect(rc.electableSpecs).not.toHaveProperty('diskIOPS');
    expectValid('updateGroupCluster', UPDATE_VERSION, changedFields(current(), desired));
    expect(usage(() => applyFlags(current(), parseClusterFlags({ provider: 'GCP' }, 'document'))).message).toMatch(/not a GCP region/);
  });

  it("size checked against the cluster's cloud; shards need a sharded cluster of M30+", () => {
    expect(usage(() => applyFlags(current(), parseClusterFlags({ size: 'M400' }, 'document'))).message).toMatch(/not offered on AWS/);
    expect(usage(() => applyFlags(current(), parseClusterFlags({ shards: '2' }, 'document'))).message).toMatch(/needs a sharded cluster/);
    expect(usage(() => applyFlags(current(), parseClusterFlags({ type: 'SHARDED' }, 'document'))).message).toMatch(/M30 or larger/);
    // Atlas's rule: a replica set becomes a sharded cluster of one shard first, then gets more
    expect(usage(() => applyFlags(current(), parseClusterFlags({ type: 'SHARDED', size: 'M30', shards: '3' }, 'document'))).message).toMatch(/one shard first/);
    const one = applyFlags(current(), parseClusterFlags({ type: 'SHARDED', size: 'M30' }, 'document'));
    expect(one.replicationSpecs).toHaveLength(1);
    const sharded = applyFlags(one, parseClusterFlags({ shards: '3' }, 'document'));
    expect(sharded.replicationSpecs).toHaveLength(3);
    expectValid('updateGroupCluster', UPDATE_VERSION, changedFields(current(), sharded));
    const shrunk = applyFlags(sharded, parseClusterFlags({ shards: '1' }, 'document'));
    expect(shrunk.replicationSpecs).toHaveLength(1);
    expect(usage(() => applyFlags(sharded, parseClusterFlags({ type: 'REPLICASET' }, 'document'))).message).toMatch(/cannot become a replica set/);
  });

  it('does not modify its input', () => {
    const c = current();
    applyFlags(c, parseClusterFlags({ size: 'M30', diskGb: '50' }, 'document'));
    expect(c).toEqual(current());
  });

  it('deepEqual ignores key order', () => {
    expect(deepEqual({ a: 1, b: [1, { c: 2, d: 3 }] }, { b: [1, { d: 3, c: 2 }], a: 1 })).toBe(true);
    expect(deepEqual([1, 2], [2, 1])).toBe(false);
  });
});

describe('advanced set body', () => {
  it('maps each flag onto the processArgs field, valid for the newest version', () => {
    const body = advancedBody({
      minTls: 'tls1.2',
      javascriptEnabled: 'false',
      noTableScan: 'true',
      oplogSizeMb: '2048',
      sampleSizeBiConnector: '100',
      sampleRefreshIntervalBiConnector: '300',
    });
    expect(body).toEqual({
      minimumEnabledTlsProtocol: 'TLS1_2',
      javascriptEnabled: false,
      noTableScan: true,
      oplogSizeMB: 2048,
      sampleSizeBIConnector: 100,
      sampleRefreshIntervalBIConnector: 300,
    });
    const v = newestRequestVersion('updateGroupClusterProcessArgs')!;
    expect(v).toBe('2024-08-05');
    expectValid('updateGroupClusterProcessArgs', v, body);
  });
  it('refuses bad values and an empty change', () => {
    usage(() => advancedBody({}));
    usage(() => advancedBody({ noTableScan: 'maybe' }));
    usage(() => advancedBody({ minTls: 'TLS2' }));
    usage(() => advancedBody({ sampleSizeBiConnector: '-1' }));
  });
});

describe('Atlas rules for tiers, versions, tags (issue #7)', () => {
  const current = () => writable(served());
  it('M0 is a TENANT region on the backing cloud, without node count or disk (spec TenantRegionConfig20240805)', () => {
    const body = buildCreateBody('free', parseClusterFlags({ tier: 'm0', provider: 'gcp' }, 'defaults'));
    expect(body.replicationSpecs[0].regionConfigs[0]).toEqual({
      providerName: 'TENANT',
      backingProviderName: 'GCP',
      regionName: 'CENTRAL_US',
      priority: 7,
      electableSpecs: { instanceSize: 'M0' },
    });
    expectValid('createGroupCluster', newestRequestVersion('createGroupCluster')!, body);
  });
  it('M0 and Flex refuse disk, shards, backup and version; NVMe refuses --disk-gb', () => {
    expect(usage(() => parseClusterFlags({ tier: 'M0', diskGb: '20' }, 'defaults')).message).toMatch(/--disk-gb cannot be used with a free \(M0\) cluster/);
    expect(usage(() => parseClusterFlags({ tier: 'FLEX', mongodbVersion: '8.0' }, 'defaults')).message).toMatch(/with a Flex cluster/);
    expect(usage(() => parseClusterFlags({ size: 'M40_NVME', diskGb: '100' }, 'defaults')).message).toMatch(/--disk-gb cannot be used with M40_NVME/);
    expect(usage(() => parseClusterFlags({ size: 'M10', tier: 'M20' }, 'defaults')).message).toMatch(/disagree/);
  });
  it('M2 and M5 make a Flex cluster (retired January 2026); the Flex body is FlexClusterDescriptionCreate20241113', () => {
    const f = parseClusterFlags({ tier: 'M5', region: 'US_EAST_1', tag: ['env=dev'], terminationProtection: true }, 'defaults');
    expect([f.size, f.retired]).toEqual(['FLEX', 'M5']);
    expect(buildFlexBody('flexy', f)).toEqual({
      name: 'flexy',
      providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' },
      tags: [{ key: 'env', value: 'dev' }],
      terminationProtectionEnabled: true,
    });
  });
  it('moving to an NVMe tier drops the disk fields; --size scales analytics too unless --analytics-size', () => {
    const base = current();
    const nvme = applyFlags(base, parseClusterFlags({ size: 'M40_NVME' }, 'document'));
    const rc = nvme.replicationSpecs[0].regionConfigs[0];
    expect(rc.electableSpecs).not.toHaveProperty('diskSizeGB');
    expect(rc.electableSpecs).not.toHaveProperty('diskIOPS');
    const both = applyFlags(base, parseClusterFlags({ size: 'M30' }, 'document')).replicationSpecs[0].regionConfigs[0];
    expect([both.electableSpecs.instanceSize, both.readOnlySpecs.instanceSize, both.analyticsSpecs.instanceSize]).toEqual(['M30', 'M30', 'M30']);
    const apart = applyFlags(base, parseClusterFlags({ size: 'M30', analyticsSize: 'M40' }, 'document')).replicationSpecs[0].regionConfigs[0];
    expect([apart.electableSpecs.instanceSize, apart.analyticsSpecs.instanceSize]).toEqual(['M30', 'M40']);
  });
  it('versions: one major up at a time, no downgrade; latest is CONTINUOUS', () => {
    const on7 = { ...current(), mongoDBMajorVersion: '7.0' };
    expect(usage(() => applyFlags({ ...current(), mongoDBMajorVersion: '8.0' }, parseClusterFlags({ mongodbVersion: '7.0' }, 'document'))).message).toMatch(/does not downgrade/);
    expect(applyFlags(on7, parseClusterFlags({ mongodbVersion: '8' }, 'document')).mongoDBMajorVersion).toBe('8.0');
    const latest = applyFlags(on7, parseClusterFlags({ mongodbVersion: 'latest' }, 'document'));
    expect(latest.versionReleaseSystem).toBe('CONTINUOUS');
    expect(latest).not.toHaveProperty('mongoDBMajorVersion');
    const b = buildCreateBody('c', parseClusterFlags({ mongodbVersion: 'latest' }, 'defaults'));
    expect(b.versionReleaseSystem).toBe('CONTINUOUS');
    expect(b).not.toHaveProperty('mongoDBMajorVersion');
  });
  it('--tag sets the given keys and keeps the others; --termination-protection', () => {
    const d = applyFlags(
      {
        ...current(),
        tags: [
          { key: 'env', value: 'dev' },
          { key: 'team', value: 'a' },
        ],
      },
      parseClusterFlags({ tag: ['env=prod'], terminationProtection: true }, 'document'),
    );
    expect(d.tags).toEqual([
      { key: 'env', value: 'prod' },
      { key: 'team', value: 'a' },
    ]);
    expect(d.terminationProtectionEnabled).toBe(true);
    expect(usage(() => parseClusterFlags({ tag: ['novalue'] }, 'document')).message).toMatch(/invalid --tag/);
  });
});
