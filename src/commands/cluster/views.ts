import type { View } from '../../output/render.js';
import type { Json } from './body.js';
import type { SettingFlag } from '../shared.js';

function regionConfigs(doc: Json): Json[] {
  const specs = Array.isArray(doc?.replicationSpecs) ? (doc.replicationSpecs as Json[]) : [];
  return specs.flatMap((s) => (Array.isArray(s?.regionConfigs) ? (s.regionConfigs as Json[]) : []));
}

const unique = (xs: Array<string | undefined>): string[] => [...new Set(xs.filter((x): x is string => typeof x === 'string' && x !== ''))];

/** Every tier in use: `M10`, or `M30,M40` for a cluster with shards of different sizes. */
export function tierOf(doc: Json): string {
  return unique(regionConfigs(doc).map((rc) => rc.electableSpecs?.instanceSize ?? rc.readOnlySpecs?.instanceSize)).join(',');
}

/** `AWS US_EAST_1`, or several joined with commas. */
export function placementOf(doc: Json): string {
  return unique(regionConfigs(doc).map((rc) => [rc.providerName, rc.regionName].filter(Boolean).join(' '))).join(', ');
}

export const CLUSTER_VIEW: View = {
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

/** The processArgs a flag of `cluster advanced set` changes. */
export const ADVANCED_SETTINGS: readonly SettingFlag[] = [
  { flag: 'min-tls', key: 'minimumEnabledTlsProtocol' },
  { flag: 'javascript-enabled', key: 'javascriptEnabled' },
  { flag: 'no-table-scan', key: 'noTableScan' },
  { flag: 'oplog-size-mb', key: 'oplogSizeMB' },
  { flag: 'sample-size-bi-connector', key: 'sampleSizeBIConnector' },
  { flag: 'sample-refresh-interval-bi-connector', key: 'sampleRefreshIntervalBIConnector' },
];
