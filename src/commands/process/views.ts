import type { View } from '../../output/render.js';

/** A process document as Atlas serves it (ApiHostView_Atlas). */
export interface ProcessDoc {
  id: string;
  hostname: string;
  port: number;
  typeName?: string;
  replicaSetName?: string;
  shardName?: string;
  userAlias?: string;
  version?: string;
  lastPing?: string;
}

/** `--type` values and the Atlas typeNames they stand for (the spec's enum and what Atlas reports). */
export const PROCESS_TYPES: Record<string, readonly string[]> = {
  primary: ['REPLICA_PRIMARY', 'SHARD_PRIMARY'],
  secondary: ['REPLICA_SECONDARY', 'SHARD_SECONDARY'],
  mongos: ['SHARD_MONGOS'],
  config: ['SHARD_CONFIG', 'SHARD_CONFIG_PRIMARY', 'SHARD_CONFIG_SECONDARY'],
};

const FRIENDLY: Record<string, string> = {
  REPLICA_PRIMARY: 'primary',
  REPLICA_SECONDARY: 'secondary',
  SHARD_PRIMARY: 'primary',
  SHARD_SECONDARY: 'secondary',
  SHARD_MONGOS: 'mongos',
  SHARD_CONFIG: 'config',
  SHARD_CONFIG_PRIMARY: 'config primary',
  SHARD_CONFIG_SECONDARY: 'config secondary',
  SHARD_STANDALONE: 'standalone',
  RECOVERING: 'recovering',
  NO_DATA: 'no data',
};

const NODE = /^(.+?)-(?:shard|config)-\d+-\d+\./;
const SET = /^(.+?)-(?:shard|config)-\d+$/;

/**
 * The cluster a process belongs to, from its names: the user alias
 * (`cluster0-shard-00-01.x7k2pq.mongodb.net` → `cluster0`, what connection strings show),
 * else the host name or replica set when they carry the cluster's name rather than
 * Atlas's internal `atlas-<id>` prefix. Atlas writes it in lower case. '' when unknown.
 */
export function clusterOf(p: Partial<ProcessDoc>): string {
  for (const [text, re] of [
    [p.userAlias, NODE],
    [p.hostname, NODE],
    [p.replicaSetName, SET],
  ] as const) {
    const m = text ? re.exec(text) : null;
    if (m && !/^atlas-[a-z0-9]+$/.test(m[1]!)) return m[1]!;
  }
  return '';
}

export function friendlyType(typeName: string | undefined): string {
  return typeName ? (FRIENDLY[typeName] ?? typeName.toLowerCase()) : '';
}

export const PROCESS_VIEW: View = {
  empty: 'processes',
  columns: [
    { header: 'host:port', value: 'id' },
    { header: 'cluster', value: (d: ProcessDoc) => clusterOf(d) },
    { header: 'type', value: (d: ProcessDoc) => friendlyType(d.typeName) },
    { header: 'replica set', value: 'replicaSetName' },
    { header: 'version', value: 'version' },
    { header: 'last ping', value: 'lastPing' },
  ],
};

export const DATABASE_VIEW: View = { empty: 'databases', columns: [{ header: 'database', value: 'databaseName' }] };
export const DISK_VIEW: View = { empty: 'disk partitions', columns: [{ header: 'partition', value: 'partitionName' }] };
