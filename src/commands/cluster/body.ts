/**
 * Request bodies for cluster create and update, in the shape of the newest version the
 * spec offers (ClusterDescription20240805: replicationSpecs → regionConfigs →
 * electableSpecs). Pure functions: flags in, body out; tested on their own.
 */
import { newestRequestVersion, requestSchema, type JsonSchema } from '../../spec/index.js';
import { UsageError } from '../../errors.js';
import {
  checkShardedSize,
  checkVersionStep,
  FLEX,
  FREE,
  isNvmeSize,
  LATEST,
  RETIRED_SHARED,
  tierKind,
  parseClusterType,
  parseDiskGb,
  parseInstanceSize,
  parseMongoVersion,
  parseProvider,
  parseAnyRegion,
  parseRegion,
  parseShards,
  PROVIDERS,
  type ClusterType,
  type Provider,
} from './validate.js';
import { stripReadOnly } from './readonly.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- cluster documents are open JSON
export type Json = Record<string, any>;

/** The flags as commander hands them over. */
export interface ClusterFlagOptions {
  size?: string;
  /** the official CLI's name for --size */
  tier?: string;
  analyticsSize?: string;
  tag?: string[];
  terminationProtection?: boolean;
  provider?: string;
  region?: string;
  mongodbVersion?: string;
  diskGb?: string;
  type?: string;
  shards?: string;
  backup?: boolean;
}

/** The same, validated and normalised. */
export interface ClusterFlags {
  size?: string;
  /** M2 or M5 as asked: Atlas retired them, a Flex cluster is made instead */
  retired?: string;
  analyticsSize?: string;
  /** --tag key=value, in the order given (a later key wins) */
  tags?: Array<{ key: string; value: string }>;
  terminationProtection?: boolean;
  provider?: Provider;
  region?: string;
  mongodbVersion?: string;
  diskGb?: number;
  type?: ClusterType;
  shards?: number;
  backup?: boolean;
}

export const DEFAULTS = { size: 'M10', provider: 'AWS' as Provider, type: 'REPLICASET' as ClusterType, shards: 1, nodeCount: 3, priority: 7 };
export const DEFAULT_REGION: Record<Provider, string> = { AWS: 'US_EAST_1', GCP: 'CENTRAL_US', AZURE: 'US_EAST_2' };

/**
 * Validates every flag that can be checked without the cluster. `base` is what the
 * flags apply to: the defaults (create from flags), where a cloud not given is AWS;
 * or a document (update, create --file), whose cloud `applyFlags` checks against.
 */
export function parseClusterFlags(o: ClusterFlagOptions, base: 'defaults' | 'document'): ClusterFlags {
  const mode = base === 'defaults' ? 'create' : 'update';
  const f: ClusterFlags = {};
  if (o.provider !== undefined) f.provider = parseProvider(o.provider);
  const cloud = f.provider ?? (mode === 'create' ? DEFAULTS.provider : undefined);
  if (o.size !== undefined && o.tier !== undefined && o.size.trim().toUpperCase() !== o.tier.trim().toUpperCase()) {
    throw new UsageError(`--size ${o.size} and --tier ${o.tier} disagree`, '--tier is another name for --size: give one of them');
  }
  const sizeArg = o.size ?? o.tier;
  if (sizeArg !== undefined) {
    f.size = parseInstanceSize(sizeArg, cloud);
    const asked = sizeArg.trim().toUpperCase();
    if (RETIRED_SHARED.includes(asked)) f.retired = asked;
  }
  if (mode === 'update' && f.size !== undefined && tierKind(f.size) !== 'dedicated') {
    throw new UsageError(`a cluster cannot move to ${f.size} with update`, 'free (M0) and Flex clusters are made with `atlascli cluster create NAME --tier M0|FLEX`');
  }
  if (o.analyticsSize !== undefined) f.analyticsSize = parseInstanceSize(o.analyticsSize, cloud);
  if (o.tag !== undefined) f.tags = o.tag.map(parseTag);
  if (o.terminationProtection !== undefined) f.terminationProtection = o.terminationProtection;
  if (o.region !== undefined) f.region = cloud ? parseRegion(o.region, cloud) : anyRegion(o.region);
  if (o.type !== undefined) f.type = parseClusterType(o.type);
  if (o.shards !== undefined) {
    f.shards = parseShards(o.shards);
    if (mode === 'create' && f.type !== 'SHARDED') {
      throw new UsageError('--shards needs --type SHARDED', 'a replica set has no shards; add --type SHARDED');
    }
  }
  if (o.type !== undefined && f.type === 'REPLICASET' && o.shards !== undefined) {
    throw new UsageError('--shards needs --type SHARDED', 'a replica set has no shards');
  }
  if (o.diskGb !== undefined) f.diskGb = parseDiskGb(o.diskGb);
  if (o.mongodbVersion !== undefined) f.mongodbVersion = parseMongoVersion(o.mongodbVersion);
  if (o.backup !== undefined) f.backup = o.backup;
  checkTierFlags(f, o);
  if (mode === 'create' && (f.type ?? DEFAULTS.type) === 'SHARDED') checkShardedSize(f.size ?? DEFAULTS.size);
  return f;
}

/**
 * What the size rules out: free (M0) and Flex clusters have no disk, shards, node sizes,
 * backup switch or version choice (spec: "not configurable on M0/M2/M5 clusters";
 * FlexClusterDescriptionCreate20241113 takes name, providerSettings, tags and termination
 * protection only); NVMe tiers have fixed disks (no --disk-gb).
 */
export function checkTierFlags(f: ClusterFlags, o: ClusterFlagOptions): void {
  const kind = tierKind(f.size);
  if (kind !== 'dedicated') {
    const label = kind === 'free' ? 'a free (M0) cluster' : 'a Flex cluster';
    const given = [
      o.diskGb !== undefined && '--disk-gb',
      o.shards !== undefined && '--shards',
      f.type === 'SHARDED' && '--type SHARDED',
      o.backup !== undefined && (o.backup ? '--backup' : '--no-backup'),
      o.mongodbVersion !== undefined && '--mongodb-version',
      o.analyticsSize !== undefined && '--analytics-size',
    ].filter((x): x is string => typeof x === 'string');
    if (given.length) {
      throw new UsageError(
        `${given.join(', ')} cannot be used with ${label}`,
        `${kind === 'free' ? 'M0' : 'Flex'} clusters have a fixed size, no shards and the MongoDB version Atlas picks; use a dedicated tier (M10 or larger) for these`,
      );
    }
  }
  if (o.diskGb !== undefined && isNvmeSize(f.size)) {
    throw new UsageError(`--disk-gb cannot be used with ${f.size}`, 'NVMe tiers come with a fixed local disk: drop --disk-gb, or pick a tier without _NVME');
  }
}

/** `--tag env=prod` → {key: 'env', value: 'prod'} (spec ResourceTag: key and value 1 to 255 characters). */
export function parseTag(value: string): { key: string; value: string } {
  const i = value.indexOf('=');
  const key = i < 0 ? '' : value.slice(0, i).trim();
  const v = i < 0 ? '' : value.slice(i + 1).trim();
  if (!key || !v || key.length > 255 || v.length > 255) {
    throw new UsageError(`invalid --tag "${value}"`, 'give key=value, each 1 to 255 characters, e.g. --tag env=prod');
  }
  return { key, value: v };
}

/** Tags after `--tag`: given keys set (a later one wins), others kept. */
export function mergeTags(current: unknown, given: Array<{ key: string; value: string }>): Array<{ key: string; value: string }> {
  const out = new Map<string, string>();
  if (Array.isArray(current)) for (const t of current as Json[]) if (typeof t?.key === 'string') out.set(t.key, String(t.value));
  for (const t of given) out.set(t.key, t.value);
  return [...out].map(([key, value]) => ({ key, value }));
}

/** The body of `createGroupFlexCluster` (FlexClusterDescriptionCreate20241113). */
export function buildFlexBody(name: string, f: ClusterFlags): Json {
  const provider = f.provider ?? DEFAULTS.provider;
  const body: Json = { name, providerSettings: { backingProviderName: provider, regionName: f.region ?? DEFAULT_REGION[provider] } };
  if (f.tags?.length) body.tags = mergeTags([], f.tags);
  if (f.terminationProtection !== undefined) body.terminationProtectionEnabled = f.terminationProtection;
  return body;
}

/** The PATCH body of `updateGroupFlexCluster`: only tags and termination protection change. */
export function buildFlexUpdate(current: Json, f: ClusterFlags): Json {
  const others = Object.entries(f)
    .filter(([k, v]) => v !== undefined && k !== 'tags' && k !== 'terminationProtection')
    .map(([k]) => k);
  if (others.length) {
    throw new UsageError(
      `cluster ${String(current.name)} is a Flex cluster: only --tag and --termination-protection can change it`,
      `a Flex cluster has no size, disk, version or shards to set: \`atlascli cluster upgrade ${String(current.name)} --tier M10\` makes it a dedicated one`,
    );
  }
  const body: Json = {};
  if (f.tags) body.tags = mergeTags(current.tags, f.tags);
  if (f.terminationProtection !== undefined) body.terminationProtectionEnabled = f.terminationProtection;
  return body;
}

export function hasFlags(f: ClusterFlags): boolean {
  return Object.values(f).some((v) => v !== undefined);
}

/** A region name any cloud offers (update without --provider: the cluster's cloud decides later). */
function anyRegion(value: string): string {
  return parseAnyRegion(value);
}

/** The body of `cluster create <name>` from flags; defaults: an M10 replica set on AWS US_EAST_1. */
export function buildCreateBody(name: string, f: ClusterFlags): Json {
  const provider = f.provider ?? DEFAULTS.provider;
  const type = f.type ?? DEFAULTS.type;
  const size = f.size ?? DEFAULTS.size;
  if (type === 'SHARDED') checkShardedSize(size);
  const regionConfig = (): Json => ({
    providerName: provider,
    regionName: f.region ?? DEFAULT_REGION[provider],
    priority: DEFAULTS.priority,
    electableSpecs: {
      instanceSize: size,
      nodeCount: DEFAULTS.nodeCount,
      ...(f.diskGb !== undefined ? { diskSizeGB: f.diskGb } : {}),
    },
  });
  const specs = type === 'SHARDED' ? (f.shards ?? DEFAULTS.shards) : 1;
  // the free tier (spec TenantRegionConfig20240805): providerName TENANT on the backing cloud, no node count or disk
  const tenant = (): Json => ({
    providerName: 'TENANT',
    backingProviderName: provider,
    regionName: f.region ?? DEFAULT_REGION[provider],
    priority: DEFAULTS.priority,
    electableSpecs: { instanceSize: FREE },
  });
  const body: Json = {
    name,
    clusterType: type,
    replicationSpecs: Array.from({ length: specs }, () => ({ regionConfigs: [size === FREE ? tenant() : regionConfig()] })),
  };
  if (size === FLEX) throw new UsageError('a Flex cluster is not made through the clusters API'); // run.ts sends buildFlexBody
  setVersion(body, f.mongodbVersion);
  if (f.backup !== undefined) body.backupEnabled = f.backup;
  if (f.tags?.length) body.tags = mergeTags([], f.tags);
  if (f.terminationProtection !== undefined) body.terminationProtectionEnabled = f.terminationProtection;
  return body;
}

/** `latest` is `versionReleaseSystem: CONTINUOUS` with no major; a major is LTS. */
function setVersion(doc: Json, version: string | undefined): void {
  if (version === undefined) return;
  if (version === LATEST) {
    doc.versionReleaseSystem = 'CONTINUOUS';
    delete doc.mongoDBMajorVersion;
  } else {
    doc.mongoDBMajorVersion = version;
    if (doc.versionReleaseSystem === 'CONTINUOUS') doc.versionReleaseSystem = 'LTS';
  }
}

const HARDWARE_KEYS = ['electableSpecs', 'readOnlySpecs', 'analyticsSpecs'] as const;
/** Hardware fields only one cloud knows; dropped when a cluster moves to another. */
const CLOUD_ONLY_HARDWARE = ['ebsVolumeType', 'diskIOPS', 'diskThroughput'];

function regionConfigs(doc: Json): Json[] {
  const specs = Array.isArray(doc.replicationSpecs) ? (doc.replicationSpecs as Json[]) : [];
  return specs.flatMap((s) => (Array.isArray(s?.regionConfigs) ? (s.regionConfigs as Json[]) : []));
}

function needSpecs(doc: Json, flag: string): void {
  if (regionConfigs(doc).length === 0) {
    throw new UsageError(`${flag} needs replicationSpecs with regionConfigs to change`, 'give them in the --file document, or drop the flag');
  }
}

/**
 * Applies flags to a cluster document (the current one on update, the file's on
 * create/update --file) and returns the changed copy; the input is not modified.
 */
export function applyFlags(source: Json, f: ClusterFlags): Json {
  const doc = structuredClone(source) as Json;
  const currentType = doc.clusterType as string | undefined;
  const name = String(doc.name ?? 'the cluster');
  const free = regionConfigs(doc).some((rc) => rc.providerName === 'TENANT');
  if (free) {
    const given = Object.entries(f)
      .filter(([k, v]) => v !== undefined && k !== 'tags' && k !== 'terminationProtection')
      .map(([k]) => k);
    if (given.length) {
      throw new UsageError(
        `cluster ${name} is a free (M0) cluster: only --tag and --termination-protection can change it here`,
        `size, disk, version, shards and backup are for dedicated clusters (M10 and up): \`atlascli cluster upgrade ${name} --tier M10\` makes it one`,
      );
    }
  }
  if (f.size !== undefined && tierKind(f.size) !== 'dedicated') {
    throw new UsageError(`a cluster cannot move to ${f.size} here`, 'free and Flex clusters are created with `atlascli cluster create NAME --tier M0|FLEX`');
  }
  if (f.diskGb !== undefined) {
    const nvme =
      f.size ??
      regionConfigs(doc)
        .map((rc) => rc.electableSpecs?.instanceSize as string | undefined)
        .find(isNvmeSize);
    if (isNvmeSize(nvme)) throw new UsageError(`--disk-gb cannot be used with ${nvme}`, 'NVMe tiers come with a fixed local disk');
  }
  if (f.type !== undefined) {
    if (currentType === 'SHARDED' && f.type === 'REPLICASET') {
      throw new UsageError('a sharded cluster cannot become a replica set', 'create a new replica set and migrate the data');
    }
    if (currentType === 'GEOSHARDED' && f.type !== 'SHARDED') {
      throw new UsageError('a global (geo-sharded) cluster cannot change its type');
    }
    if (currentType !== 'GEOSHARDED') doc.clusterType = f.type;
  }
  if (f.provider !== undefined || f.region !== undefined) {
    needSpecs(doc, f.provider !== undefined ? '--provider' : '--region');
    const specs = doc.replicationSpecs as Json[];
    if (specs.some((s) => !Array.isArray(s.regionConfigs) || s.regionConfigs.length !== 1)) {
      throw new UsageError('the cluster spans several regions: --provider and --region cannot say which to move', 'edit the regionConfigs in a --file document instead');
    }
    for (const rc of regionConfigs(doc)) {
      const from = rc.providerName as string;
      const to = f.provider ?? (from as Provider);
      if (!(PROVIDERS as readonly string[]).includes(to)) throw new UsageError(`cannot change the region of a ${from} cluster here`);
      if (to !== from) {
        for (const k of HARDWARE_KEYS) if (rc[k]) for (const c of CLOUD_ONLY_HARDWARE) delete rc[k][c];
        rc.providerName = to;
      }
      const region = f.region ?? (rc.regionName as string);
      rc.regionName = parseRegionFor(region, to, f.region === undefined);
    }
  }
  if (f.size !== undefined || f.analyticsSize !== undefined) {
    needSpecs(doc, f.size !== undefined ? '--size' : '--analytics-size');
    for (const rc of regionConfigs(doc)) {
      const cloud = rc.providerName as string;
      const onCloud = (s: string) => ((PROVIDERS as readonly string[]).includes(cloud) ? parseInstanceSize(s, cloud as Provider) : s);
      // electable, read-only and analytics nodes scale together unless --analytics-size says otherwise
      const sizes: Record<string, string | undefined> = {
        electableSpecs: f.size && onCloud(f.size),
        readOnlySpecs: f.size && onCloud(f.size),
        analyticsSpecs: f.analyticsSize ? onCloud(f.analyticsSize) : f.size && onCloud(f.size),
      };
      let set = false;
      for (const k of HARDWARE_KEYS) {
        const size = sizes[k];
        if (size && rc[k] && typeof rc[k] === 'object') {
          rc[k].instanceSize = size;
          // NVMe tiers have fixed disks: no size, IOPS or throughput to send
          if (isNvmeSize(size)) for (const d of ['diskSizeGB', 'diskIOPS', 'diskThroughput']) delete rc[k][d];
          set = true;
        }
      }
      if (!set && f.size) rc.electableSpecs = { instanceSize: onCloud(f.size), nodeCount: DEFAULTS.nodeCount };
    }
  }
  if (f.diskGb !== undefined) {
    needSpecs(doc, '--disk-gb');
    for (const rc of regionConfigs(doc)) {
      for (const k of HARDWARE_KEYS) if (rc[k] && typeof rc[k] === 'object') rc[k].diskSizeGB = f.diskGb;
    }
  }
  if (f.shards !== undefined) {
    if (doc.clusterType !== 'SHARDED') throw new UsageError('--shards needs a sharded cluster', 'add --type SHARDED to turn the replica set into a sharded cluster');
    // Atlas turns a replica set into a sharded cluster of one shard; more shards come after
    if (currentType === 'REPLICASET' && f.shards > 1) {
      throw new UsageError(
        `cluster ${name} is a replica set: Atlas makes it a sharded cluster of one shard first`,
        `run \`atlascli cluster update ${name} --type SHARDED\`, then \`--shards ${f.shards}\` once it is IDLE`,
      );
    }
    needSpecs(doc, '--shards');
    const specs = doc.replicationSpecs as Json[];
    while (specs.length < f.shards) {
      const copy = structuredClone(specs[specs.length - 1]!) as Json;
      delete copy.id;
      delete copy.zoneId;
      specs.push(copy);
    }
    specs.length = f.shards;
  }
  if (doc.clusterType === 'SHARDED' && (f.type !== undefined || f.size !== undefined || f.shards !== undefined)) {
    for (const rc of regionConfigs(doc)) {
      const size = rc.electableSpecs?.instanceSize;
      if (typeof size === 'string') checkShardedSize(size);
    }
  }
  if (f.mongodbVersion !== undefined && f.mongodbVersion !== LATEST) {
    checkVersionStep(typeof source.mongoDBMajorVersion === 'string' ? source.mongoDBMajorVersion : undefined, f.mongodbVersion, name);
  }
  setVersion(doc, f.mongodbVersion);
  if (f.backup !== undefined) doc.backupEnabled = f.backup;
  if (f.tags) doc.tags = mergeTags(doc.tags, f.tags);
  if (f.terminationProtection !== undefined) doc.terminationProtectionEnabled = f.terminationProtection;
  return doc;
}

function parseRegionFor(region: string, provider: Provider, kept: boolean): string {
  try {
    return parseRegion(region, provider);
  } catch (err) {
    if (kept) throw new UsageError(`the cluster's region ${region} is not a ${provider} region`, `pass --region with a ${provider} region, e.g. ${DEFAULT_REGION[provider]}`);
    throw err;
  }
}

// ---- update: read-only fields and what changed ------------------------------------------

/** The schema of the body `updateGroupCluster` is sent with (the newest request version). */
export function updateSchema(): JsonSchema | undefined {
  const v = newestRequestVersion('updateGroupCluster');
  return v ? requestSchema('updateGroupCluster', v) : undefined;
}

/** A served cluster document as something that can be sent back. */
export function writable(doc: Json): Json {
  const schema = updateSchema();
  return schema ? stripReadOnly(doc, schema) : doc;
}

/** The top-level fields of `desired` that differ from `current` (PATCH semantics: absent is unchanged). */
export function changedFields(current: Json, desired: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(desired)) if (!deepEqual(current[k], v)) out[k] = v;
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => deepEqual(x, bb[i]));
  }
  const ao = a as Json;
  const bo = b as Json;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const k of keys) if (!deepEqual(ao[k], bo[k])) return false;
  return true;
}
