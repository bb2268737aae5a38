// What the spec offers per cloud: region names (CloudRegionConfig20240805.regionName's enums,
// one per cloud) and dedicated instance sizes (<Cloud>HardwareSpec20240805.instanceSize).
import { schemaIndex } from '../../spec/index.js';
import type { Json } from '../state.js';
import { ApiError } from '../errors.js';
import { paginate, requireProject, type HandlerTable } from '../context.js';

export type Cloud = 'AWS' | 'GCP' | 'AZURE';
export const DEFAULT_REGION: Readonly<Record<Cloud, string>> = { AWS: 'US_EAST_1', GCP: 'CENTRAL_US', AZURE: 'US_EAST_2' };
/** A region each cloud's list is known to hold, to tell the spec's region enums apart. */
const REGION_MARKER: Readonly<Record<Cloud, string>> = { AWS: 'US_EAST_1', AZURE: 'EUROPE_NORTH', GCP: 'CENTRAL_US' };
const HARDWARE_SCHEMA: Readonly<Record<Cloud, string>> = { AWS: 'AWSHardwareSpec20240805', AZURE: 'AzureHardwareSpec20240805', GCP: 'GCPHardwareSpec20240805' };

function enumOf(schema: Json | undefined): string[] | undefined {
  return Array.isArray(schema?.enum) ? (schema.enum as unknown[]).filter((x): x is string => typeof x === 'string') : undefined;
}

/** Region names the spec offers on a cloud (undefined when the index does not say). */
export function regionsOf(cloud: Cloud): string[] | undefined {
  const base = schemaIndex().schemas.CloudRegionConfig20240805 as Json | undefined;
  const alts = (base?.properties?.regionName?.oneOf ?? []) as Json[];
  return alts
    .map(enumOf)
    .find((e) => e?.includes(REGION_MARKER[cloud]))
    ?.filter((r) => r !== 'GLOBAL');
}

/** Dedicated instance sizes the spec offers on a cloud (undefined when the index does not say). */
export function sizesOf(cloud: Cloud): string[] | undefined {
  return enumOf((schemaIndex().schemas[HARDWARE_SCHEMA[cloud]] as Json | undefined)?.properties?.instanceSize);
}

/**
 * 400 INVALID_REGION "No region %s exists for provider %s." with params [region, provider],
 * as Atlas answered a serverless create (mongodb/awscdk-resources-mongodbatlas#208).
 */
export function checkRegion(cloud: Cloud, region: string): void {
  const offered = regionsOf(cloud);
  if (offered && !offered.includes(region)) throw new ApiError(400, 'INVALID_REGION', `No region ${region} exists for provider ${cloud}.`, [region, cloud]);
}

/**
 * Regions flagged `default: true` in the answer: AWS as recorded (US_EAST_1 and US_WEST_2 in
 * recorded/clusters/flags/clustersflags/TestClustersFlags/GET_…_clusters_provider_regions_1.snaphost);
 * GCP and AZURE the simulator's default regions (a guess).
 */
const DEFAULT_FLAGGED: Readonly<Record<Cloud, readonly string[]>> = { AWS: ['US_EAST_1', 'US_WEST_2'], GCP: ['CENTRAL_US'], AZURE: ['US_EAST_2'] };
const CLOUDS: readonly Cloud[] = ['AWS', 'GCP', 'AZURE'];

/**
 * listGroupClusterProviderRegions (GET /groups/{groupId}/clusters/provider/regions?providers=&tier=):
 * a paginated list with one result per cloud, `{instanceSizes: [{availableRegions: [{default,
 * name}], name}], provider}` (the recording above, spec PaginatedApiAtlasProviderRegionsView).
 * Every dedicated size of the spec is offered in every region of its cloud. `tier` keeps that
 * size only; a cloud that does not offer it is left out (a guess); an unknown provider gives
 * 400 INVALID_PROVIDER (a guess).
 */
export const regionHandlers: HandlerTable = {
  listGroupClusterProviderRegions: (ctx) => {
    requireProject(ctx);
    const asked = ctx.query.getAll('providers').flatMap((p) => p.split(','));
    for (const p of asked) if (!CLOUDS.includes(p as Cloud)) throw new ApiError(400, 'INVALID_PROVIDER', `Invalid provider ${p}.`, [p]);
    const clouds = asked.length ? CLOUDS.filter((c) => asked.includes(c)) : CLOUDS;
    const tier = ctx.query.get('tier') ?? undefined;
    const results: Json[] = [];
    for (const provider of clouds) {
      const regions = (regionsOf(provider) ?? []).map((name) => ({ default: DEFAULT_FLAGGED[provider].includes(name), name }));
      const sizes = (sizesOf(provider) ?? []).filter((s) => tier === undefined || s === tier);
      if (!sizes.length) continue;
      results.push({ instanceSizes: sizes.map((name) => ({ availableRegions: regions, name })), provider });
    }
    return paginate(ctx, results);
  },
};
