// Cluster documents: built from create bodies of any API version, stored in the
// 2024-08-05 shape (one replicationSpec per shard, hardware specs per region with
// diskSizeGB), and rendered back in the shape of the version a client asked for.
import { randomBytes } from 'node:crypto';
import type { ClusterRecord, Json, SimulatorState } from '../state.js';

export const FULL_VERSIONS: Record<string, string> = {
  '6.0': '6.0.26',
  '7.0': '7.0.40',
  '8.0': '8.0.29',
};
export const DEFAULT_MAJOR = '8.0';
/** What `versionReleaseSystem: CONTINUOUS` runs: the latest release, ahead of the LTS majors. */
export const LATEST_RELEASE = { major: '8.2', full: '8.2.1' };
/** Majors Atlas creates clusters with today (6.0 reached end of life). */
export const OFFERED_MAJORS = ['7.0', '8.0'];

export function isTenant(doc: Json): boolean {
  return (doc.replicationSpecs ?? []).some((s: Json) => (s.regionConfigs ?? []).some((rc: Json) => rc.providerName === 'TENANT'));
}

export function isNvme(doc: Json): boolean {
  return (doc.replicationSpecs ?? []).some((s: Json) => (s.regionConfigs ?? []).some((rc: Json) => /_NVME/.test(String(rc.electableSpecs?.instanceSize ?? ''))));
}

const DEFAULT_DISK_GB: Record<string, number> = {
  M0: 0.5,
  M2: 2,
  M5: 5,
  M10: 10,
  M20: 20,
  M30: 40,
  M40: 80,
  M50: 160,
  M60: 320,
  M80: 750,
  M140: 1000,
  M200: 1500,
  M300: 2000,
};

export function defaultDiskGB(size: string): number {
  return DEFAULT_DISK_GB[size] ?? 10;
}

export function fullVersion(major: string): string {
  if (major === LATEST_RELEASE.major) return LATEST_RELEASE.full;
  return FULL_VERSIONS[major] ?? `${major}.0`;
}

export function randomDomain(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(6);
  let s = '';
  for (const b of bytes) s += alphabet[b % alphabet.length];
  return `${s}.mongodb.net`;
}

export function defaultProcessArgs(): Json {
  return {
    changeStreamOptionsPreAndPostImagesExpireAfterSeconds: null,
    chunkMigrationConcurrency: null,
    customOpensslCipherConfigTls12: [],
    customOpensslCipherConfigTls13: [],
    defaultMaxTimeMS: null,
    defaultReadConcern: null,
    defaultWriteConcern: 'majority',
    failIndexKeyTooLong: null,
    javascriptEnabled: true,
    minimumEnabledTlsProtocol: 'TLS1_2',
    noTableScan: false,
    oplogMinRetentionHours: null,
    oplogSizeMB: null,
    queryStatsLogVerbosity: null,
    sampleRefreshIntervalBIConnector: null,
    sampleSizeBIConnector: null,
    tlsCipherConfigMode: 'DEFAULT',
    transactionLifetimeLimitSeconds: null,
  };
}

const clone = <T>(x: T): T => (x === undefined ? x : JSON.parse(JSON.stringify(x)));

/** Fills a hardware spec (electable/readOnly/analytics) with the defaults Atlas shows. */
function hardware(provider: string, spec: Json | undefined, fallbackSize: string, nodeCount: number, diskGB?: number): Json {
  const size = spec?.instanceSize ?? fallbackSize;
  const out: Json = { instanceSize: size };
  if (provider === 'AWS') {
    out.diskIOPS = spec?.diskIOPS ?? 3000;
    out.diskSizeGB = spec?.diskSizeGB ?? diskGB ?? defaultDiskGB(size);
    out.ebsVolumeType = spec?.ebsVolumeType ?? 'STANDARD';
  } else if (provider === 'AZURE') {
    out.diskIOPS = spec?.diskIOPS ?? 500;
    out.diskSizeGB = spec?.diskSizeGB ?? diskGB ?? defaultDiskGB(size);
  } else {
    out.diskSizeGB = spec?.diskSizeGB ?? diskGB ?? defaultDiskGB(size);
  }
  out.nodeCount = spec?.nodeCount ?? nodeCount;
  return out;
}

function regionConfig(rc: Json, diskGB?: number): Json {
  const provider = rc.providerName;
  if (provider === 'TENANT' || provider === 'FLEX') {
    return { ...clone(rc), electableSpecs: { ...(rc.electableSpecs ?? {}) } };
  }
  const size = rc.electableSpecs?.instanceSize ?? rc.readOnlySpecs?.instanceSize ?? 'M10';
  const out: Json = {
    analyticsSpecs: hardware(provider, rc.analyticsSpecs, size, 0, rc.electableSpecs?.diskSizeGB ?? diskGB),
    autoScaling: clone(rc.autoScaling) ?? { compute: { enabled: false, scaleDownEnabled: false }, diskGB: { enabled: false } },
    electableSpecs: hardware(provider, rc.electableSpecs, size, 3, diskGB),
    priority: rc.priority ?? 7,
    providerName: provider,
    readOnlySpecs: hardware(provider, rc.readOnlySpecs, size, 0, rc.electableSpecs?.diskSizeGB ?? diskGB),
    regionName: rc.regionName,
  };
  if (rc.analyticsAutoScaling) out.analyticsAutoScaling = clone(rc.analyticsAutoScaling);
  if (rc.backingProviderName) out.backingProviderName = rc.backingProviderName;
  return out;
}

/** Normalises replicationSpecs of the 2024-08-05 shape (ids, defaults). */
function normaliseSpecs(state: SimulatorState, specs: Json[], previous: Json[] = [], diskGB?: number): Json[] {
  const zoneIds = new Map<string, string>();
  for (const p of previous) if (p.zoneName && p.zoneId) zoneIds.set(p.zoneName, p.zoneId);
  return specs.map((s, i) => {
    const zoneName = s.zoneName ?? 'Zone 1';
    if (!zoneIds.has(zoneName)) zoneIds.set(zoneName, state.newId());
    return {
      id: previous[i]?.id ?? state.newId(),
      regionConfigs: (s.regionConfigs ?? []).map((rc: Json) => regionConfig(rc, diskGB)),
      zoneId: zoneIds.get(zoneName),
      zoneName,
    };
  });
}

/** 2023-02-01: replicationSpecs carry numShards and diskSizeGB is top-level. */
function fromV20230201(body: Json): { specs?: Json[]; diskGB?: number } {
  if (!body.replicationSpecs) return { diskGB: body.diskSizeGB };
  const specs: Json[] = [];
  for (const s of body.replicationSpecs as Json[]) {
    const n = Math.max(1, s.numShards ?? 1);
    for (let i = 0; i < n; i++) specs.push({ zoneName: s.zoneName, regionConfigs: s.regionConfigs });
  }
  return { specs, diskGB: body.diskSizeGB };
}

/** 2023-01-01 (legacy): providerSettings + replicationSpecs[].regionsConfig. */
function fromLegacy(body: Json, current?: Json): { specs?: Json[]; diskGB?: number } {
  const ps = body.providerSettings ?? {};
  const provider = ps.providerName ?? current?.replicationSpecs?.[0]?.regionConfigs?.[0]?.providerName ?? 'AWS';
  const size = ps.instanceSizeName ?? current?.replicationSpecs?.[0]?.regionConfigs?.[0]?.electableSpecs?.instanceSize ?? 'M10';
  const region = ps.regionName ?? current?.replicationSpecs?.[0]?.regionConfigs?.[0]?.regionName ?? 'US_EAST_1';
  const diskGB = body.diskSizeGB;
  if (!body.providerSettings && !body.replicationSpecs && !body.numShards && !body.replicationFactor) return { diskGB };
  const legacySpecs: Json[] = body.replicationSpecs ?? [
    {
      numShards: body.numShards ?? 1,
      zoneName: 'Zone 1',
      regionsConfig: { [region]: { electableNodes: body.replicationFactor ?? 3, priority: 7, readOnlyNodes: 0, analyticsNodes: 0 } },
    },
  ];
  const specs: Json[] = [];
  for (const s of legacySpecs) {
    const regions = Object.entries((s.regionsConfig ?? { [region]: { electableNodes: 3, priority: 7 } }) as Record<string, Json>);
    const regionConfigs = regions.map(([name, r]) => ({
      providerName: provider,
      regionName: name,
      priority: r.priority ?? 7,
      electableSpecs: { instanceSize: size, nodeCount: r.electableNodes ?? 3 },
      readOnlySpecs: { instanceSize: size, nodeCount: r.readOnlyNodes ?? 0 },
      analyticsSpecs: { instanceSize: size, nodeCount: r.analyticsNodes ?? 0 },
    }));
    for (let i = 0; i < Math.max(1, s.numShards ?? body.numShards ?? 1); i++) specs.push({ zoneName: s.zoneName, regionConfigs });
  }
  return { specs, diskGB };
}

/** Keys of request bodies that map 1:1 onto the stored document. */
const PLAIN_KEYS = [
  'acceptDataRisksAndForceReplicaSetReconfig',
  'adaptiveCapacity',
  'advancedConfiguration',
  'backupEnabled',
  'biConnector',
  'clusterType',
  'configServerManagementMode',
  'diskWarmingMode',
  'encryptionAtRestProvider',
  'globalClusterSelfManagedSharding',
  'labels',
  'mongoDBEmployeeAccessGrant',
  'paused',
  'pitEnabled',
  'redactClientLogData',
  'replicaSetScalingStrategy',
  'retainBackups',
  'rootCertType',
  'tags',
  'terminationProtectionEnabled',
  'versionReleaseSystem',
  'useAwsTimeBasedSnapshotCopyForFastInitialSync',
];

function bodySpecs(body: Json, version: string, current?: Json): { specs?: Json[]; diskGB?: number } {
  if (version === '2023-01-01') return fromLegacy(body, current);
  if (version === '2023-02-01') return fromV20230201(body);
  return { specs: body.replicationSpecs };
}

/** A new cluster (stateName CREATING) from a validated create body of API version `version`. */
export function newCluster(state: SimulatorState, groupId: string, body: Json, version: string): ClusterRecord {
  const continuous = body.versionReleaseSystem === 'CONTINUOUS';
  const major = continuous ? LATEST_RELEASE.major : (body.mongoDBMajorVersion ?? DEFAULT_MAJOR);
  const { specs, diskGB } = bodySpecs(body, version);
  const doc: Json = {
    adaptiveCapacity: null,
    advancedConfiguration: { customOpensslCipherConfigTls12: [], customOpensslCipherConfigTls13: [], minimumEnabledTlsProtocol: 'TLS1_2', tlsCipherConfigMode: 'DEFAULT' },
    backupEnabled: false,
    biConnector: { enabled: false, readPreference: 'secondary' },
    clusterType: 'REPLICASET',
    connectionStrings: {},
    createDate: state.isoNow(),
    diskWarmingMode: 'FULLY_WARMED',
    encryptionAtRestProvider: 'NONE',
    featureCompatibilityVersion: major,
    globalClusterSelfManagedSharding: false,
    groupId,
    id: state.newId(),
    labels: [],
    mongoDBMajorVersion: major,
    mongoDBVersion: continuous ? LATEST_RELEASE.full : fullVersion(major),
    name: body.name,
    paused: false,
    pitEnabled: false,
    redactClientLogData: false,
    replicationSpecs: [],
    retainBackups: false,
    rootCertType: 'ISRGROOTX1',
    stateName: 'CREATING',
    tags: [],
    terminationProtectionEnabled: false,
    useAwsTimeBasedSnapshotCopyForFastInitialSync: false,
    versionReleaseSystem: 'LTS',
  };
  for (const k of PLAIN_KEYS) if (body[k] !== undefined) doc[k] = clone(body[k]);
  if (version === '2023-01-01' && body.providerBackupEnabled !== undefined) doc.backupEnabled = body.providerBackupEnabled;
  doc.paused = false;
  doc.replicationSpecs = normaliseSpecs(
    state,
    specs ?? [{ zoneName: 'Zone 1', regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
    [],
    diskGB,
  );
  const rec: ClusterRecord = { doc, processArgs: defaultProcessArgs(), domain: randomDomain() };
  if (doc.advancedConfiguration?.minimumEnabledTlsProtocol) rec.processArgs.minimumEnabledTlsProtocol = doc.advancedConfiguration.minimumEnabledTlsProtocol;
  return rec;
}

/** Fills connection strings (Atlas shows them once the cluster is deployed). */
export function connectionStrings(c: ClusterRecord): Json {
  const d = c.doc;
  if (d.stateName === 'CREATING') return {};
  const base = String(d.name).toLowerCase();
  const sharded = d.clusterType !== 'REPLICASET';
  const nodes = d.replicationSpecs[0]?.regionConfigs?.reduce((n: number, rc: Json) => n + (rc.electableSpecs?.nodeCount ?? 0), 0) || 3;
  const hosts: string[] = [];
  for (let i = 0; i < (sharded ? Math.min(nodes, 3) : nodes); i++) {
    hosts.push(`${base}-shard-00-${String(i).padStart(2, '0')}.${c.domain}:${sharded ? 27016 : 27017}`);
  }
  const rs = sharded ? '' : `&replicaSet=atlas-${c.domain.slice(0, 6)}-shard-0`;
  const out: Json = {
    standard: `mongodb://${hosts.join(',')}/?ssl=true&authSource=admin${rs}`,
    standardSrv: `mongodb+srv://${base}.${c.domain}`,
  };
  // Atlas serves the private forms only once peering or a private endpoint exists (the
  // recorded clusters have neither: standard and standardSrv alone); never on the free tier
  if (!c.privateNetworking || isTenant(d)) return out;
  // ClusterConnectionStrings: the peering (-pri) and private-endpoint (-pl-0) forms, as a
  // project with network peering and one private endpoint sees them
  const [label, ...rest] = c.domain.split('.');
  const pri = `${label}-pri.${rest.join('.')}`;
  const pl = `${base}-pl-0.${label}.${rest.join('.')}`;
  out.private = `mongodb://${hosts.map((h) => h.replace(c.domain, pri)).join(',')}/?ssl=true&authSource=admin${rs}`;
  out.privateSrv = `mongodb+srv://${base}-pri.${c.domain}`;
  out.privateEndpoint = [
    {
      connectionString: `mongodb://${base}-pl-0-lb.${label}.${rest.join('.')}:1024/?ssl=true&authSource=admin${rs}`,
      endpoints: [{ endpointId: 'vpce-0123456789abcdef0', providerName: 'AWS', region: 'US_EAST_1' }],
      srvConnectionString: `mongodb+srv://${pl}`,
      type: sharded ? 'MONGOS' : 'MONGOD',
    },
  ];
  return out;
}

/** Host names of the cluster's mongod processes (for processes/logs later). */
export function hostNames(c: ClusterRecord): string[] {
  const base = String(c.doc.name).toLowerCase();
  const out: string[] = [];
  c.doc.replicationSpecs.forEach((s: Json, shard: number) => {
    const n = s.regionConfigs.reduce(
      (acc: number, rc: Json) => acc + (rc.electableSpecs?.nodeCount ?? 0) + (rc.readOnlySpecs?.nodeCount ?? 0) + (rc.analyticsSpecs?.nodeCount ?? 0),
      0,
    );
    for (let i = 0; i < n; i++) out.push(`${base}-shard-${String(shard).padStart(2, '0')}-${String(i).padStart(2, '0')}.${c.domain}`);
  });
  return out;
}

/** Deep merge for PATCH: objects merge, arrays and scalars replace. */
export function mergePatch(target: Json, patch: Json): Json {
  for (const [k, v] of Object.entries(patch)) {
    if (v && typeof v === 'object' && !Array.isArray(v) && target[k] && typeof target[k] === 'object' && !Array.isArray(target[k])) {
      mergePatch(target[k], v);
    } else {
      target[k] = clone(v);
    }
  }
  return target;
}

/** Applies a validated PATCH body of API version `version`. Returns whether it changes the deployment (→ UPDATING). */
export function applyClusterUpdate(state: SimulatorState, c: ClusterRecord, body: Json, version: string): boolean {
  const d = c.doc;
  const metadataOnly = Object.keys(body).every((k) => ['tags', 'labels', 'terminationProtectionEnabled', 'name'].includes(k));
  for (const k of PLAIN_KEYS) {
    if (body[k] === undefined) continue;
    if (k === 'advancedConfiguration') mergePatch((d.advancedConfiguration ??= {}), body[k]);
    else if (k === 'biConnector') mergePatch((d.biConnector ??= {}), body[k]);
    else d[k] = clone(body[k]);
  }
  if (version === '2023-01-01' && body.providerBackupEnabled !== undefined) d.backupEnabled = body.providerBackupEnabled;
  if (body.mongoDBMajorVersion && body.mongoDBMajorVersion !== d.mongoDBMajorVersion) {
    d.mongoDBMajorVersion = body.mongoDBMajorVersion;
    d.mongoDBVersion = fullVersion(body.mongoDBMajorVersion);
    d.featureCompatibilityVersion = body.mongoDBMajorVersion;
  }
  const { specs, diskGB } = bodySpecs(body, version, d);
  if (specs) {
    d.replicationSpecs = normaliseSpecs(state, specs, d.replicationSpecs, diskGB);
  } else if (diskGB !== undefined) {
    for (const s of d.replicationSpecs)
      for (const rc of s.regionConfigs) for (const k of ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs']) if (rc[k]) rc[k].diskSizeGB = diskGB;
  }
  if (version === '2023-01-01' && body.providerSettings?.instanceSizeName && !body.replicationSpecs) {
    for (const s of d.replicationSpecs)
      for (const rc of s.regionConfigs)
        for (const k of ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs']) if (rc[k]) rc[k].instanceSize = body.providerSettings.instanceSizeName;
  }
  if (d.advancedConfiguration?.minimumEnabledTlsProtocol) c.processArgs.minimumEnabledTlsProtocol = d.advancedConfiguration.minimumEnabledTlsProtocol;
  return !metadataOnly;
}

// ---- rendering per API version ------------------------------------------------------

function link(base: string, path: string, rel: string): Json {
  return { href: `${base}${path}`, rel };
}

export function clusterLinks(base: string, d: Json): Json[] {
  const p = `/api/atlas/v2/groups/${d.groupId}/clusters/${encodeURIComponent(d.name)}`;
  return [
    link(base, p, 'self'),
    link(base, `${p}/backup/restoreJobs`, 'https://cloud.mongodb.com/restoreJobs'),
    link(base, `${p}/backup/snapshots`, 'https://cloud.mongodb.com/snapshots'),
  ];
}

/** Attributes of the 2023-02-01 cluster document (AdvancedClusterDescription) that Atlas shows. */
const V20230201_KEYS = [
  'acceptDataRisksAndForceReplicaSetReconfig',
  'advancedConfiguration',
  'backupEnabled',
  'biConnector',
  'clusterType',
  'configServerManagementMode',
  'configServerType',
  'connectionStrings',
  'createDate',
  'diskSizeGB',
  'diskWarmingMode',
  'encryptionAtRestProvider',
  'globalClusterSelfManagedSharding',
  'groupId',
  'id',
  'labels',
  'links',
  'mongoDBEmployeeAccessGrant',
  'mongoDBMajorVersion',
  'mongoDBVersion',
  'name',
  'paused',
  'pitEnabled',
  'replicaSetScalingStrategy',
  'replicationSpecs',
  'rootCertType',
  'stateName',
  'tags',
  'terminationProtectionEnabled',
  'versionReleaseSystem',
];

function withoutDisk(spec: Json): Json {
  const { diskSizeGB: _d, ...rest } = spec;
  void _d;
  return rest;
}

/** Renders a cluster for API version `version` (2024-08-05 and later share one shape). */
export function renderCluster(c: ClusterRecord, version: string, base: string): Json {
  const d = clone(c.doc);
  d.connectionStrings = connectionStrings(c);
  if (version === '2023-01-01') return renderLegacy(c, d, base);
  if (version === '2023-02-01') {
    const byZone = new Map<string, Json>();
    for (const s of d.replicationSpecs as Json[]) {
      const z = byZone.get(s.zoneName);
      if (z) z.numShards++;
      else
        byZone.set(s.zoneName, {
          id: s.id,
          numShards: 1,
          regionConfigs: s.regionConfigs.map((rc: Json) => {
            const out = { ...rc };
            for (const k of ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs']) if (out[k]) out[k] = withoutDisk(out[k]);
            return out;
          }),
          zoneId: s.zoneId,
          zoneName: s.zoneName,
        });
    }
    const first = d.replicationSpecs[0]?.regionConfigs?.[0]?.electableSpecs;
    const full: Json = { ...d, diskSizeGB: first?.diskSizeGB ?? 10, replicationSpecs: [...byZone.values()], links: clusterLinks(base, d) };
    const out: Json = {};
    for (const k of V20230201_KEYS) if (full[k] !== undefined) out[k] = full[k];
    return sortKeys(out);
  }
  // 2024-08-05 / 2024-10-23: effective specs mirror the configured ones (no auto-scaling here)
  d.effectiveDatabaseEdition = 'CORE';
  d.internalClusterRole = 'NONE';
  d.effectiveReplicationSpecs = clone(d.replicationSpecs);
  for (const s of d.replicationSpecs as Json[]) {
    for (const rc of s.regionConfigs as Json[]) {
      if (rc.providerName === 'TENANT' || rc.providerName === 'FLEX') continue;
      rc.effectiveAnalyticsSpecs = clone(rc.analyticsSpecs);
      rc.effectiveElectableSpecs = clone(rc.electableSpecs);
      rc.effectiveReadOnlySpecs = clone(rc.readOnlySpecs);
    }
  }
  d.links = clusterLinks(base, d);
  return sortKeys(d);
}

function renderLegacy(c: ClusterRecord, d: Json, base: string): Json {
  const first = d.replicationSpecs[0]?.regionConfigs?.[0] ?? {};
  const zones = new Map<string, Json>();
  for (const s of d.replicationSpecs as Json[]) {
    const z = zones.get(s.zoneName);
    if (z) {
      z.numShards++;
      continue;
    }
    const regionsConfig: Json = {};
    for (const rc of s.regionConfigs as Json[]) {
      regionsConfig[rc.regionName] = {
        analyticsNodes: rc.analyticsSpecs?.nodeCount ?? 0,
        electableNodes: rc.electableSpecs?.nodeCount ?? 0,
        priority: rc.priority ?? 7,
        readOnlyNodes: rc.readOnlySpecs?.nodeCount ?? 0,
      };
    }
    zones.set(s.zoneName, { id: s.id, numShards: 1, regionsConfig, zoneName: s.zoneName });
  }
  const specs = [...zones.values()];
  const out: Json = {
    autoScaling: { compute: { enabled: false, scaleDownEnabled: false }, diskGBEnabled: false },
    backupEnabled: false,
    biConnector: d.biConnector,
    clusterType: d.clusterType,
    connectionStrings: d.connectionStrings,
    createDate: d.createDate,
    diskSizeGB: first.electableSpecs?.diskSizeGB ?? 10,
    encryptionAtRestProvider: d.encryptionAtRestProvider,
    groupId: d.groupId,
    id: d.id,
    labels: d.labels,
    links: clusterLinks(base, d),
    mongoDBMajorVersion: d.mongoDBMajorVersion,
    mongoDBVersion: d.mongoDBVersion,
    mongoURI: d.connectionStrings.standard ? `mongodb://${d.connectionStrings.standard.split('://')[1].split('/')[0]}` : undefined,
    mongoURIUpdated: d.createDate,
    name: d.name,
    numShards: specs[0]?.numShards ?? 1,
    paused: d.paused,
    pitEnabled: d.pitEnabled,
    providerBackupEnabled: d.backupEnabled,
    providerSettings: {
      autoScaling: { compute: {} },
      diskIOPS: first.electableSpecs?.diskIOPS,
      instanceSizeName: first.electableSpecs?.instanceSize,
      providerName: first.providerName,
      regionName: first.regionName,
    },
    replicationFactor: first.electableSpecs?.nodeCount ?? 3,
    replicationSpec: specs[0]?.regionsConfig ?? {},
    replicationSpecs: specs,
    rootCertType: d.rootCertType,
    srvAddress: d.connectionStrings.standardSrv,
    stateName: d.stateName,
    tags: d.tags,
    terminationProtectionEnabled: d.terminationProtectionEnabled,
    versionReleaseSystem: d.versionReleaseSystem,
  };
  if (first.providerName === 'AWS') out.providerSettings.volumeType = first.electableSpecs?.ebsVolumeType ?? 'STANDARD';
  void c;
  return sortKeys(JSON.parse(JSON.stringify(out)));
}

export function renderProcessArgs(c: ClusterRecord, version: string): Json {
  const out = clone(c.processArgs);
  if (version !== '2023-01-01') {
    delete out.defaultReadConcern;
    delete out.failIndexKeyTooLong;
  }
  return sortKeys(out);
}

export function sortKeys(o: Json): Json {
  const out: Json = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}
