// Atlas limits requests per endpoint family and says so in `Ratelimit-Limit`. The
// families and limits below are what the recorded responses show (recorded/**: every
// .snaphost carries Ratelimit-Limit): 10000 for a cluster's own endpoints (clusters,
// processArgs, logs, database users, sample data), 300 for processes and their
// measurements, project events and the list of organizations, 500 for an organization's
// endpoints (its API keys, users, events; teams excepted), 1200 for everything else
// (projects, access lists, alerts, backups, rolling indexes, maintenance, teams).

export interface RateFamily {
  name: string;
  limit: number;
}

const V2 = '/api/atlas/v2';

const FAMILIES: ReadonlyArray<[RegExp, RateFamily]> = [
  [new RegExp(`^${V2}/groups/[^/]+/(processes(/|$)|events$)`), { name: 'monitoring', limit: 300 }],
  [new RegExp(`^${V2}/orgs$`), { name: 'monitoring', limit: 300 }],
  [new RegExp(`^${V2}/groups/[^/]+/(clusters|flexClusters)/[^/]+/(backup|index)(/|$)`), { name: 'project', limit: 1200 }],
  [new RegExp(`^${V2}/groups/[^/]+/(clusters|flexClusters|databaseUsers|sampleDatasetLoad)(/|$)`), { name: 'clusters', limit: 10000 }],
  [new RegExp(`^${V2}/orgs/[^/]+/teams(/|$)`), { name: 'project', limit: 1200 }],
  [new RegExp(`^${V2}/orgs/[^/]+(/|$)`), { name: 'organization', limit: 500 }],
];

const DEFAULT: RateFamily = { name: 'project', limit: 1200 };

/** The rate-limit family of a request path, with Atlas's limit for it. */
export function rateFamily(pathname: string): RateFamily {
  for (const [re, family] of FAMILIES) if (re.test(pathname)) return family;
  return DEFAULT;
}
