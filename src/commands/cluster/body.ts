/**
 * Request bodies for cluster create and update, in the shape of the newest version the
 * spec offers (ClusterDescription20240805: replicationSpecs → regionConfigs →
 * electableSpecs). Pure functions: flags in, body out; tested on their own.
 */
import { newestRequestVersion, requestSchema, type JsonSchema } from '../../spec/index.js';
import { UsageError } from '../../errors.js';
import {
  checkShardedSize,
  offeredRegions,
  parseClusterType,
  parseDiskGb,
  parseInstanceSize,
  parseMongoVersion,
  parseProvider,
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
  if (o.size !== undefined) f.size = parseInstanceSize(o.size, cloud);
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
  if (mode === 'create' && (f.type ?? DEFAULTS.type) === 'SHARDED') checkShardedSize(f.size ?? DEFAULTS.size);
  return f;
}

export function hasFlags(f: ClusterFlags): boolean {
  return Object.values(f).some((v) => v !== undefined);
}

/** A region name any cloud offers (update without --provider: the cluster's cloud decides later). */
function anyRegion(value: string): string {
  const v = value.trim().toUpperCase().replace(/[-\s]/g, '_');
  if (PROVIDERS.some((p) => offeredRegions(p)?.includes(v) ?? true)) return v;
  return parseRegion(value, 'AWS'); // throws with examples
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
  const body: Json = {
    name,
    clusterType: type,
    replicationSpecs: Array.from({ length: specs }, () => ({ regionConfigs: [regionConfig()] })),
  };
  if (f.mongodbVersion !== undefined) body.mongoDBMajorVersion = f.mongodbVersion;
  if (f.backup !== undefined) body.backupEnabled = f.backup;
  return body;
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
  if (f.size !== undefined) {
    needSpecs(doc, '--size');
    for (const rc of regionConfigs(doc)) {
      const cloud = rc.providerName as string;
      const size = (PROVIDERS as readonly string[]).includes(cloud) ? parseInstanceSize(f.size, cloud as Provider) : f.size;
      let set = false;
      for (const k of ['electableSpecs', 'readOnlySpecs'] as const) {
        if (rc[k] && typeof rc[k] === 'object') {
          rc[k].instanceSize = size;
          set = true;
        }
      }
      if (!set) rc.electableSpecs = { instanceSize: size, nodeCount: DEFAULTS.nodeCount };
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
  if (f.mongodbVersion !== undefined) doc.mongoDBMajorVersion = f.mongodbVersion;
  if (f.backup !== undefined) doc.backupEnabled = f.backup;
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
