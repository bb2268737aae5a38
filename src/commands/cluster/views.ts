import type { View } from '../../output/render.js';
import type { Json } from './body.js';
import type { SettingFlag } from '../shared.js';

function regionConfigs(doc: Json): Json[] {
  const specs = Array.isArray(doc?.replicationSpecs) ? (doc.replicationSpecs as Json[]) : [];
  return specs.flatMap((s) => (Array.isArray(s?.regionConfigs) ? (s.regionConfigs as Json[]) : []));
}

const unique = (xs: Array<string | undefined>): string[] => [...new Set(xs.filter((x): x is string => typeof x === 'string' && x !== ''))];

/** Every tier in use: `M10`, or `M30,M40` for a cluster with shards of different sizes; `FLEX` for a Flex cluster. */
export function tierOf(doc: Json): string {
  if (doc?.providerSettings?.providerName === 'FLEX') return 'FLEX';
  return unique(regionConfigs(doc).map((rc) => (rc.providerName === 'FLEX' ? 'FLEX' : (rc.electableSpecs?.instanceSize ?? rc.readOnlySpecs?.instanceSize)))).join(',');
}

/** `AWS US_EAST_1`, or several joined with commas; a free cluster shows its backing cloud: `AWS US_EAST_1 (free)`. */
export function placementOf(doc: Json): string {
  const ps = doc?.providerSettings;
  if (ps?.providerName === 'FLEX') return [ps.backingProviderName, ps.regionName].filter(Boolean).join(' ');
  return unique(
    regionConfigs(doc).map((rc) => {
      if (rc.providerName === 'TENANT' || rc.providerName === 'FLEX') {
        return `${[rc.backingProviderName, rc.regionName].filter(Boolean).join(' ')}${rc.providerName === 'TENANT' ? ' (free)' : ''}`;
      }
      return [rc.providerName, rc.regionName].filter(Boolean).join(' ');
    }),
  ).join(', ');
}

export const CLUSTER_VIEW: View = {
  empty: 'clusters',
  columns: [
    { header: 'name', value: 'name' },
    { header: 'type', value: 'clusterType' },
    { header: 'tier', value: tierOf },
    { header: 'provider/region', value: placementOf },
    { header: 'mongodb', value: 'mongoDBVersion' },
    { header: 'state', value: 'stateName' },
    { header: 'paused', value: (d: Json) => d?.paused === true },
  ],
};

/** `cluster get`: the list's columns and the SRV connection string people connect with. */
export const CLUSTER_GET_VIEW: View = {
  columns: [...CLUSTER_VIEW.columns, { header: 'srv', value: (d: Json) => d?.connectionStrings?.standardSrv ?? '' }],
};

/** The processArgs a flag of `cluster advanced set` changes. */
export const ADVANCED_SETTINGS: readonly SettingFlag[] = [
  { flag: 'min-tls', key: 'minimumEnabledTlsProtocol' },
  { flag: 'javascript-enabled', key: 'javascriptEnabled' },
  { flag: 'no-table-scan', key: 'noTableScan' },
  { flag: 'oplog-size-mb', key: 'oplogSizeMB' },
  { flag: 'sample-size-bi-connector', key: 'sampleSizeBIConnector' },
  { flag: 'sample-refresh-interval-bi-connector', key: 'sampleRefreshIntervalBIConnector' },
];

/** A sample dataset load job (SampleDatasetStatus). */
export const SAMPLE_JOB_VIEW: View = {
  columns: [
    { header: 'id', value: '_id', identifier: true },
    { header: 'cluster', value: 'clusterName', identifier: true },
    { header: 'state', value: 'state' },
    { header: 'created', value: 'createDate' },
    { header: 'completed', value: 'completeDate' },
    { header: 'error', value: 'errorMessage' },
  ],
};

/** The regions a cloud's tiers are offered in, each once, and whether it is a default one. */
function offeredRegionsOf(d: Json): Map<string, boolean> {
  const seen = new Map<string, boolean>();
  for (const s of (d.instanceSizes ?? []) as Json[]) for (const r of (s.availableRegions ?? []) as Json[]) seen.set(r.name, (seen.get(r.name) ?? false) || r.default === true);
  return seen;
}

/** One row per cloud: its tiers and the regions they are offered in (default ones marked * in the table only). */
export const REGIONS_VIEW: View = {
  empty: 'regions',
  columns: [
    { header: 'provider', value: 'provider' },
    { header: 'tiers', value: (d: Json) => ((d.instanceSizes ?? []) as Json[]).map((s) => s.name).join(' ') },
    {
      header: 'regions',
      value: (d: Json) => [...offeredRegionsOf(d).keys()].join(' '),
      table: (d: Json) => [...offeredRegionsOf(d)].map(([n, def]) => (def ? `${n}*` : n)).join(' '),
    },
  ],
};
