// Processes (mongod, mongos, config servers) derived from the clusters of a project,
// their databases and disk partitions. Nothing is stored: every answer is computed from
// state.clusters, so a cluster created, paused or deleted changes its processes at once.
//
// Host names follow the recordings (recorded/processes, recorded/logs): the process
// `hostname` is `atlas-<6>-shard-<ss>-<nn>.<domain>`, its `userAlias` (what connection
// strings show) `<cluster name, lower case>-shard-<ss>-<nn>.<domain>`, the replica set
// `atlas-<6>-shard-<s>`; <6> is the first six characters of the cluster's domain, as in
// the replicaSet of the connection strings cluster-model.ts writes. Sharded clusters add
// a mongos on every shard node at port 27016 and three config servers
// (`atlas-<6>-config-00-<nn>`, SHARD_CONFIG_PRIMARY/SECONDARY, the types Atlas reports).
// Paused clusters have no running processes; a cluster being created reports NO_DATA.
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { ClusterRecord, Json, SimulatorState } from '../state.js';

export type ProcessKind = 'mongod' | 'mongos' | 'config';

export interface SimProcess {
  /** `hostname:port` */
  id: string;
  hostname: string;
  port: number;
  kind: ProcessKind;
  cluster: ClusterRecord;
  /** the document Atlas serves (ApiHostView_Atlas), without links */
  doc: Json;
}

/** Databases every mongod reports (recorded/metrics databases_list shows config and local). */
export const PROCESS_DATABASES = ['admin', 'config', 'local', 'sample_mflix'];
/** Disk partitions of every process (recorded/metrics disks_list). */
export const PROCESS_PARTITIONS = ['data'];

const pad = (n: number) => String(n).padStart(2, '0');

function nodeCount(spec: Json): number {
  return (spec.regionConfigs ?? []).reduce(
    (n: number, rc: Json) => n + (rc.electableSpecs?.nodeCount ?? 0) + (rc.readOnlySpecs?.nodeCount ?? 0) + (rc.analyticsSpecs?.nodeCount ?? 0),
    0,
  );
}

/** The running processes of one cluster, in Atlas's order: shards, then mongos, then config servers. */
export function clusterProcesses(state: SimulatorState, c: ClusterRecord): SimProcess[] {
  const d = c.doc;
  if (d.paused) return [];
  const prefix = `atlas-${c.domain.slice(0, 6)}`;
  const alias = String(d.name).toLowerCase();
  const sharded = d.clusterType !== 'REPLICASET';
  const creating = d.stateName === 'CREATING';
  const lastPing = state.isoNow();
  const out: SimProcess[] = [];
  const add = (kind: ProcessKind, host: string, aliasHost: string, port: number, rs: string | undefined, typeName: string, shardName?: string) => {
    const hostname = `${host}.${c.domain}`;
    const doc: Json = {
      created: d.createDate,
      groupId: d.groupId,
      hostname,
      id: `${hostname}:${port}`,
      lastPing,
      port,
      ...(rs ? { replicaSetName: rs } : {}),
      ...(shardName ? { shardName } : {}),
      typeName: creating ? 'NO_DATA' : typeName,
      userAlias: `${aliasHost}.${c.domain}`,
      version: d.mongoDBVersion,
    };
    out.push({ id: doc.id, hostname, port, kind, cluster: c, doc });
  };
  const specs: Json[] = d.replicationSpecs ?? [];
  specs.forEach((spec, s) => {
    const rs = `${prefix}-shard-${s}`;
    for (let i = 0; i < nodeCount(spec); i++) {
      add(
        'mongod',
        `${prefix}-shard-${pad(s)}-${pad(i)}`,
        `${alias}-shard-${pad(s)}-${pad(i)}`,
        27017,
        rs,
        i === 0 ? 'REPLICA_PRIMARY' : 'REPLICA_SECONDARY',
        sharded ? rs : undefined,
      );
    }
  });
  if (sharded) {
    specs.forEach((spec, s) => {
      for (let i = 0; i < nodeCount(spec); i++) {
        add('mongos', `${prefix}-shard-${pad(s)}-${pad(i)}`, `${alias}-shard-${pad(s)}-${pad(i)}`, 27016, undefined, 'SHARD_MONGOS');
      }
    });
    for (let i = 0; i < 3; i++) {
      add('config', `${prefix}-config-00-${pad(i)}`, `${alias}-config-00-${pad(i)}`, 27017, `${prefix}-config-0`, i === 0 ? 'SHARD_CONFIG_PRIMARY' : 'SHARD_CONFIG_SECONDARY');
    }
  }
  return out;
}

/** Every running process of a project, cluster by cluster (oldest cluster first). */
export function projectProcesses(state: SimulatorState, groupId: string): SimProcess[] {
  const clusters = state
    .clustersOf(groupId)
    .sort((a, b) => (a.doc.createDate < b.doc.createDate ? -1 : a.doc.createDate > b.doc.createDate ? 1 : a.doc.name < b.doc.name ? -1 : 1));
  return clusters.flatMap((c) => clusterProcesses(state, c));
}

/** A process by `hostname:port`, or Atlas's 404. */
export function requireProcess(ctx: Ctx): SimProcess {
  const p = requireProject(ctx);
  const id = ctx.params.processId;
  const found = projectProcesses(ctx.state, p.id).find((x) => x.id === id);
  if (!found) throw processErrors.notFound(id, p.id);
  return found;
}

/** A process by host name only (log downloads name the host, not the process). */
export function processesOnHost(state: SimulatorState, groupId: string, hostname: string): SimProcess[] {
  return projectProcesses(state, groupId).filter((x) => x.hostname === hostname);
}

// Codes from the Atlas API error-code list (docs: mongodb/docs content/atlas/source/reference/api-errors.txt,
// mongodb.com/docs/atlas/reference/api-errors) where it has one.
export const processErrors = {
  // docs: 404 HOSTNAME_AND_PORT_NOT_FOUND "No host with hostname and port %s exists in group %s." (a
  // process id is hostname:port; was PROCESS_NOT_FOUND, a code the docs do not have)
  notFound: (id: string, groupId: string) => new ApiError(404, 'HOSTNAME_AND_PORT_NOT_FOUND', `No host with hostname and port ${id} exists in group ${groupId}.`, [id, groupId]),
  // unconfirmed: the docs have no code for an unknown database of a process
  databaseNotFound: (db: string, id: string) => new ApiError(404, 'DATABASE_NOT_FOUND', `No database named ${db} exists on process ${id}.`, [db, id]),
  // docs: 404 DEVICE_NOT_FOUND "No device with name %s exists on host %s." (was DISK_PARTITION_NOT_FOUND)
  partitionNotFound: (name: string, id: string) => new ApiError(404, 'DEVICE_NOT_FOUND', `No device with name ${name} exists on host ${id}.`, [name, id]),
  // unconfirmed: log downloads name a host without a port; the docs have no code for an unknown host name
  hostNotFound: (host: string, groupId: string) => new ApiError(404, 'HOSTNAME_NOT_FOUND', `No host with name ${host} exists in group ${groupId}.`, [host, groupId]),
};

function processPath(p: SimProcess): string {
  return `${V2}/groups/${p.doc.groupId}/processes/${p.id}`;
}

export function renderProcess(ctx: Ctx, p: SimProcess, full = false): Json {
  const self = processPath(p);
  const links = [link(ctx.base, self)];
  if (full) {
    links.push(link(ctx.base, `${V2}/groups/${p.doc.groupId}`, 'https://cloud.mongodb.com/group'));
    links.push(link(ctx.base, `${self}/measurements?granularity=PT5M&period=PT24H`, 'https://cloud.mongodb.com/measurements'));
  }
  // key order as recorded: created, groupId, hostname, id, lastPing, links, port, …
  const { created, groupId, hostname, id, lastPing, ...rest } = p.doc;
  return { created, groupId, hostname, id, lastPing, links, ...rest };
}

/** Databases of a process: none on a mongos (it holds no data). */
export function databasesOf(p: SimProcess): string[] {
  return p.kind === 'mongos' ? [] : PROCESS_DATABASES;
}

export const processHandlers: HandlerTable = {
  listGroupProcesses: (ctx) => {
    const g = requireProject(ctx);
    return paginate(ctx, projectProcesses(ctx.state, g.id), (p) => renderProcess(ctx, p));
  },

  getGroupProcess: (ctx) => ({ body: renderProcess(ctx, requireProcess(ctx), true) }),

  listGroupProcessDatabases: (ctx) => {
    const p = requireProcess(ctx);
    return paginate(ctx, databasesOf(p), (db) => ({ databaseName: db, links: [link(ctx.base, `${processPath(p)}/databases/${db}`)] }));
  },

  getGroupProcessDatabase: (ctx) => {
    const p = requireProcess(ctx);
    const db = ctx.params.databaseName;
    if (!databasesOf(p).includes(db)) throw processErrors.databaseNotFound(db, p.id);
    return { body: { databaseName: db, links: [link(ctx.base, `${processPath(p)}/databases/${db}`)] } };
  },

  listGroupProcessDisks: (ctx) => {
    const p = requireProcess(ctx);
    return paginate(ctx, PROCESS_PARTITIONS, (name) => ({ links: [link(ctx.base, `${processPath(p)}/disks/${name}`)], partitionName: name }));
  },

  getGroupProcessDisk: (ctx) => {
    const p = requireProcess(ctx);
    const name = ctx.params.partitionName;
    if (!PROCESS_PARTITIONS.includes(name)) throw processErrors.partitionNotFound(name, p.id);
    return { body: { links: [link(ctx.base, `${processPath(p)}/disks/${name}`)], partitionName: name } };
  },
};
