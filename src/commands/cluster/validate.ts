/**
 * Checks of cluster input, all before any request is sent (exit 2 on failure).
 * What the spec knows (instance sizes per cloud, region names per cloud, TLS versions)
 * comes from the committed spec index, so it stays in step with the API.
 */
import { schemaIndex, type JsonSchema } from '../../spec/index.js';
import { UsageError } from '../../errors.js';
import { parseCount } from '../../context.js';

export const PROVIDERS = ['AWS', 'GCP', 'AZURE'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const CLUSTER_TYPES = ['REPLICASET', 'SHARDED'] as const;
export type ClusterType = (typeof CLUSTER_TYPES)[number];

/** Atlas' rule: ASCII letters, digits and hyphens, starting with a letter or digit, at most 64. */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
export const MAX_NAME = 64;

export function checkClusterName(name: string | undefined): string {
  if (name === undefined || name === '') throw new UsageError('missing cluster name');
  if (name.length > MAX_NAME || !CLUSTER_NAME.test(name)) {
    throw new UsageError(
      `invalid cluster name "${name}"`,
      `use 1 to ${MAX_NAME} ASCII letters, digits and hyphens, starting with a letter or digit`,
    );
  }
  return name;
}

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
const SHARED_TIERS = new Set(['M0', 'M2', 'M5', 'FLEX']);

/** `m30` → `M30`; M0/M2/M5/Flex refused; on a cloud, only the sizes the spec offers there. */
export function parseInstanceSize(value: string, provider?: Provider): string {
  const v = value.trim().toUpperCase().replace(/-/g, '_');
  if (SHARED_TIERS.has(v)) {
    throw new UsageError(
      `instance size ${v} cannot be used here`,
      'free and shared tiers (M0, M2, M5, Flex) are not created through this API; use M10 or larger',
    );
  }
  const m = SIZE_FORMAT.exec(v);
  const n = m ? Number(m[2]) : 0;
  const inRange = m !== null && (m[1] === 'M' ? n >= 10 && n <= 700 : n >= 40 && n <= 700);
  if (!inRange) {
    throw new UsageError(
      `invalid instance size "${value}"`,
      'use a dedicated tier such as M10, M30, M200, R40 or M40_NVME (M10 to M700, R40 to R700)',
    );
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
        : `${provider} regions look like ${REGION_EXAMPLES[provider]}`,
    );
  }
  return v;
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

/** Major releases Atlas creates clusters with. */
export const MIN_MONGODB_MAJOR = 6;

export function parseMongoVersion(value: string): string {
  const v = value.trim();
  const m = /^(\d+)\.(\d+)$/.exec(v);
  if (!m) {
    const patch = /^(\d+\.\d+)\.\d+$/.exec(v);
    throw new UsageError(
      `invalid --mongodb-version "${value}"`,
      patch ? `give the major release, e.g. ${patch[1]}: Atlas picks the patch release` : 'give a major release such as 6.0, 7.0 or 8.0',
    );
  }
  if (Number(m[1]) < MIN_MONGODB_MAJOR) {
    throw new UsageError(`MongoDB ${v} is no longer offered by Atlas`, 'use 6.0, 7.0 or 8.0');
  }
  return `${Number(m[1])}.${Number(m[2])}`;
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
  const v = value.trim().toUpperCase().replace(/^TLS[_V]?/, '').replace(/[._]/, '_');
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
