/**
 * Checks of cluster input, all before any request is sent (exit 2 on failure).
 * What the spec knows (instance sizes per cloud, region names per cloud, TLS versions)
 * comes from the committed spec index, so it stays in step with the API.
 */
import { schemaIndex, type JsonSchema } from '../../spec/index.js';
import { UsageError } from '../../errors.js';
import { parseCount } from '../../program/context.js';
import { closestNames } from '../../args/suggest.js';

export const PROVIDERS = ['AWS', 'GCP', 'AZURE'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const CLUSTER_TYPES = ['REPLICASET', 'SHARDED'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

// cluster names are checked where every command that takes one checks it (src/args/names.ts)
export { checkClusterName, HOST_PREFIX, MAX_NAME } from '../../args/names.js';

/** `aws` → `AWS`; `azure` → `AZURE`. */
export function parseProvider(value: string): Provider {
  const v = value.trim().toUpperCase();
  if (!(PROVIDERS as readonly string[]).includes(v)) {
    throw new UsageError(`invalid --provider "${value}"`, `use one of: ${PROVIDERS.join(', ')}`);
  }
  return v as Provider;
}

export function parseClusterType(value: string): ClusterType {
  const v = value.trim().toUpperCase().replace(/[-_ ]/g, '');
  const t = v === 'REPLICASET' ? 'REPLICASET' : v === 'SHARDED' ? 'SHARDED' : undefined;
  if (!t) throw new UsageError(`invalid --type "${value}"`, `use one of: ${CLUSTER_TYPES.join(', ')}`);
  return t;
}

// ---- what the spec offers -----------------------------------------------------------

const HARDWARE_SCHEMA: Record<Provider, string> = {
  AWS: 'AWSHardwareSpec20240805',
  AZURE: 'AzureHardwareSpec20240805',
  GCP: 'GCPHardwareSpec20240805',
};

function enumOf(schema: JsonSchema | undefined): string[] | undefined {
  const e = schema?.enum;
  return Array.isArray(e) ? e.filter((x): x is string => typeof x === 'string') : undefined;
}

/** Instance sizes the spec offers on a cloud (undefined if the index does not say). */
export function offeredSizes(provider: Provider): string[] | undefined {
  const hw = schemaIndex().schemas[HARDWARE_SCHEMA[provider]] as { properties?: Record<string, JsonSchema> } | undefined;
  return enumOf(hw?.properties?.instanceSize);
}

/** A region every cloud's list is known to hold, to tell the spec's three region enums apart. */
const REGION_MARKER: Record<Provider, string> = { AWS: 'US_EAST_1', AZURE: 'EUROPE_NORTH', GCP: 'CENTRAL_US' };
const REGION_EXAMPLES: Record<Provider, string> = {
  AWS: 'US_EAST_1, EU_WEST_1, AP_SOUTHEAST_2',
  GCP: 'CENTRAL_US, EASTERN_US, WESTERN_EUROPE',
  AZURE: 'US_EAST_2, EUROPE_NORTH, UK_SOUTH',
};

let regionCache: Partial<Record<Provider, string[]>> | undefined;

/** Region names the spec offers on a cloud (undefined if the index does not say). */
export function offeredRegions(provider: Provider): string[] | undefined {
  if (!regionCache) {
    regionCache = {};
    const base = schemaIndex().schemas.CloudRegionConfig20240805 as { properties?: Record<string, JsonSchema> } | undefined;
    const alts = (base?.properties?.regionName?.oneOf ?? []) as JsonSchema[];
    for (const p of PROVIDERS) {
      const list = alts.map(enumOf).find((e) => e?.includes(REGION_MARKER[p]));
      if (list) regionCache[p] = list.filter((r) => r !== 'GLOBAL');
    }
  }
  return regionCache[provider];
}

// ---- sizes, regions, disks, versions --------------------------------------------------

const SIZE_FORMAT = /^([MR])(\d+)((?:_NVME)?(?:_GEN_2)?)$/;
/** The free tier, made through the clusters API (providerName TENANT). */
export const FREE = 'M0';
/** Flex, made through /flexClusters (version 2024-11-13); it replaced M2 and M5. */
export const FLEX = 'FLEX';
/** Shared tiers Atlas retired in January 2026: asking for one makes a Flex cluster. */
export const RETIRED_SHARED = ['M2', 'M5'];

export type TierKind = 'dedicated' | 'free' | 'flex';

export function tierKind(size: string | undefined): TierKind {
  return size === FREE ? 'free' : size === FLEX ? 'flex' : 'dedicated';
}

/** NVMe tiers (M40_NVME…) have fixed, local disks: no size or IOPS to choose, no pausing. */
export function isNvmeSize(size: string | undefined): boolean {
  return typeof size === 'string' && size.includes('_NVME');
}

/**
 * `m30` → `M30`; `m0` → `M0`; `flex`, `M2`, `M5` → `FLEX`; on a cloud, only the dedicated
 * sizes the spec offers there.
 */
export function parseInstanceSize(value: string, provider?: Provider): string {
  const v = value.trim().toUpperCase().replace(/-/g, '_');
  if (v === FREE || v === FLEX) return v;
  if (RETIRED_SHARED.includes(v)) return FLEX;
  const m = SIZE_FORMAT.exec(v);
  const n = m ? Number(m[2]) : 0;
  const inRange = m !== null && (m[1] === 'M' ? n >= 10 && n <= 700 : n >= 40 && n <= 700);
  if (!inRange) {
    throw new UsageError(`invalid instance size "${value}"`, 'use M0 (free), FLEX, or a dedicated tier such as M10, M30, M200, R40 or M40_NVME (M10 to M700, R40 to R700)');
  }
  if (provider) {
    const offered = offeredSizes(provider);
    if (offered && !offered.includes(v)) {
      const elsewhere = PROVIDERS.filter((p) => p !== provider && offeredSizes(p)?.includes(v));
      throw new UsageError(
        `instance size ${v} is not offered on ${provider}`,
        elsewhere.length
          ? `it is offered on ${elsewhere.join(' and ')}; ${provider} offers ${offered.filter((s) => !s.includes('GEN_2')).join(', ')}`
          : `${provider} offers ${offered.filter((s) => !s.includes('GEN_2')).join(', ')}`,
      );
    }
  }
  return v;
}

/** `us-east-1` → `US_EAST_1`, checked against the cloud's region list. */
export function parseRegion(value: string, provider: Provider): string {
  const v = value.trim().toUpperCase().replace(/[-\s]/g, '_');
  const offered = offeredRegions(provider);
  const ok = offered ? offered.includes(v) : /^[A-Z][A-Z0-9_]*$/.test(v);
  if (!ok) {
    const owners = PROVIDERS.filter((p) => p !== provider && offeredRegions(p)?.includes(v));
    throw new UsageError(
      `invalid region "${value}" for ${provider}`,
      owners.length
        ? `${v} is a region of ${owners.join(' and ')}; pass --provider ${owners[0]}, or pick one of the ${provider} regions such as ${REGION_EXAMPLES[provider]}`
        : regionHint(v, offered, provider),
    );
  }
  return v;
}

/** "did you mean US_EAST_1?" for a near miss (src/args/suggest.ts), else examples of the cloud's regions. */
function regionHint(v: string, offered: string[] | undefined, provider: Provider): string {
  const close = offered ? closestNames(v, offered) : [];
  return close.length ? `did you mean ${close.join(', ')}?` : `${provider} regions look like ${REGION_EXAMPLES[provider]}`;
}

/**
 * A region name some cloud offers (`us-east-1` → `US_EAST_1`), for when the cluster's cloud
 * decides later; a typo gets the closest names of every cloud. Throws UsageError (exit 2).
 */
export function parseAnyRegion(value: string): string {
  const v = value.trim().toUpperCase().replace(/[-\s]/g, '_');
  if (PROVIDERS.some((p) => offeredRegions(p)?.includes(v) ?? true)) return v;
  const all = [...new Set(PROVIDERS.flatMap((p) => offeredRegions(p) ?? []))];
  const close = closestNames(v, all);
  throw new UsageError(
    `invalid region "${value}"`,
    close.length ? `did you mean ${close.join(', ')}?` : `regions look like ${REGION_EXAMPLES.AWS} (AWS), ${REGION_EXAMPLES.GCP} (GCP)`,
  );
}

export const DISK_GB = { min: 10, max: 4096 } as const;

export function parseDiskGb(value: string): number {
  if (!/^\d+$/.test(value.trim())) throw new UsageError(`invalid --disk-gb "${value}": give a whole number of GB`);
  const n = Number(value);
  if (n < DISK_GB.min || n > DISK_GB.max) {
    throw new UsageError(`invalid --disk-gb ${n}: give ${DISK_GB.min} to ${DISK_GB.max} GB`);
  }
  return n;
}

/**
 * MongoDB versions Atlas offers today: the 7.0 and 8.0 majors (6.0 reached end of life),
 * and the latest release through `versionReleaseSystem: CONTINUOUS` (`latest`).
 */
export const OFFERED_MAJORS = ['7.0', '8.0'] as const;
export const LATEST = 'latest';
/** Every major in release order, to tell an upgrade of one step from a jump or a downgrade. */
export const MAJOR_ORDER = ['3.6', '4.0', '4.2', '4.4', '5.0', '6.0', '7.0', '8.0'];

/** `8` → `8.0`, `7.0` → `7.0`, `latest` → `latest`; end-of-life and unknown majors refused. */
export function parseMongoVersion(value: string): string {
  const v = value.trim().toLowerCase();
  if (v === LATEST || v === 'continuous') return LATEST;
  const m = /^(\d+)(?:\.(\d+))?$/.exec(v);
  const offered = `${OFFERED_MAJORS.join(', ')} or latest`;
  if (!m) {
    const patch = /^(\d+\.\d+)\.\d+$/.exec(v);
    throw new UsageError(`invalid --mongodb-version "${value}"`, patch ? `give the major release, e.g. ${patch[1]}: Atlas picks the patch release` : `give ${offered}`);
  }
  const major = `${Number(m[1])}.${Number(m[2] ?? 0)}`;
  if (Number(m[1]) < 7) throw new UsageError(`MongoDB ${major} has reached end of life: Atlas no longer offers it`, `use ${offered}`);
  if (!(OFFERED_MAJORS as readonly string[]).includes(major)) {
    throw new UsageError(`MongoDB ${major} is not a major release Atlas offers`, `use ${offered} (latest follows every release)`);
  }
  return major;
}

/** Atlas upgrades one major release at a time and never downgrades. */
export function checkVersionStep(current: string | undefined, target: string, name: string): void {
  if (current === undefined || current === target) return;
  const from = MAJOR_ORDER.indexOf(current);
  const to = MAJOR_ORDER.indexOf(target);
  if (from < 0 || to < 0) return;
  if (to < from) throw new UsageError(`cluster ${name} runs MongoDB ${current}: Atlas does not downgrade to ${target}`);
  if (to > from + 1) {
    throw new UsageError(
      `cluster ${name} runs MongoDB ${current}: Atlas upgrades one major release at a time`,
      `upgrade to ${MAJOR_ORDER[from + 1]} first (--mongodb-version ${MAJOR_ORDER[from + 1]}), then to ${target}`,
    );
  }
}

export const SHARDS = { min: 1, max: 70 } as const;

export function parseShards(value: string): number {
  const n = parseCount('--shards', value);
  if (n < SHARDS.min || n > SHARDS.max) throw new UsageError(`invalid --shards ${n}: give ${SHARDS.min} to ${SHARDS.max}`);
  return n;
}

/** The smallest tier Atlas allows for a sharded cluster. */
export function checkShardedSize(size: string): void {
  const m = SIZE_FORMAT.exec(size);
  if (m && m[1] === 'M' && Number(m[2]) < 30) {
    throw new UsageError(`a sharded cluster needs M30 or larger, not ${size}`, 'pass --size M30 or larger');
  }
}

// ---- advanced configuration ------------------------------------------------------------

const TLS_FALLBACK = ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'];

export function tlsVersions(): string[] {
  const s = schemaIndex().schemas.ClusterDescriptionProcessArgs20240805 as { properties?: Record<string, JsonSchema> } | undefined;
  return enumOf(s?.properties?.minimumEnabledTlsProtocol) ?? TLS_FALLBACK;
}

/** `tls1.2`, `TLS1_2`, `1.2` → `TLS1_2`. */
export function parseTls(value: string): string {
  const v = value
    .trim()
    .toUpperCase()
    .replace(/^TLS[_V]?/, '')
    .replace(/[._]/, '_');
  const candidate = `TLS${v}`;
  const allowed = tlsVersions();
  if (!allowed.includes(candidate)) throw new UsageError(`invalid --min-tls "${value}"`, `use one of: ${allowed.join(', ')}`);
  return candidate;
}

/** Atlas refuses an oplog smaller than 990 MB. */
export const MIN_OPLOG_MB = 990;

export function parseOplogMb(value: string): number {
  const n = parseCount('--oplog-size-mb', value);
  if (n < MIN_OPLOG_MB) throw new UsageError(`invalid --oplog-size-mb ${n}: Atlas needs at least ${MIN_OPLOG_MB} MB`);
  return n;
}

// ---- a cluster document's hardware --------------------------------------------------------

/**
 * Atlas's rule for the sizes in a cluster document (spec, the `instanceSize` of
 * AWSHardwareSpec20240805, AzureHardwareSpec20240805, GCPHardwareSpec20240805 and
 * DedicatedHardwareSpec20240805): "Electable nodes and read-only nodes (known as "base
 * nodes") within a single shard must use the same instance size. Analytics nodes can
 * scale independently from base nodes within a shard." So in each replicationSpecs[n],
 * every regionConfigs[m].electableSpecs.instanceSize and readOnlySpecs.instanceSize is
 * the same; analyticsSpecs may differ, and so may shards.
 * @throws UsageError (exit 2) naming the two sizes that disagree and where they are
 */
export function checkBaseNodeSizes(doc: Record<string, unknown>, flag = '--file'): void {
  const specs = Array.isArray(doc.replicationSpecs) ? (doc.replicationSpecs as unknown[]) : [];
  specs.forEach((spec, n) => {
    const configs = Array.isArray((spec as { regionConfigs?: unknown })?.regionConfigs) ? (spec as { regionConfigs: unknown[] }).regionConfigs : [];
    let first: { size: string; where: string } | undefined;
    configs.forEach((rc, m) => {
      for (const key of ['electableSpecs', 'readOnlySpecs'] as const) {
        const size = (rc as Record<string, { instanceSize?: unknown } | undefined>)?.[key]?.instanceSize;
        if (typeof size !== 'string') continue;
        const where = `replicationSpecs[${n}].regionConfigs[${m}].${key}.instanceSize`;
        if (!first) first = { size, where };
        else if (size !== first.size) {
          throw new UsageError(
            `${flag}: ${where} is ${size} but ${first.where} is ${first.size}: electable and read-only nodes of a shard must have the same instance size`,
            'give them the same size (analytics nodes may differ), or use --size, which sets both',
          );
        }
      }
    });
  });
}
