// Atlas Stream Processing: workspaces (called stream instances before; the spec's path still
// says {tenantName}), their connections and their processors.
//   listGroupStreamWorkspaces, getGroupStreamWorkspace, createGroupStreamWorkspace,
//   deleteGroupStreamWorkspace; listGroupStreamConnections, getGroupStreamConnection,
//   createGroupStreamConnection, deleteGroupStreamConnection; getGroupStreamProcessors,
//   getGroupStreamProcessor, createGroupStreamProcessor, startGroupStreamProcessor,
//   stopGroupStreamProcessor, deleteGroupStreamProcessor.
//
// Rules, and where they come from:
// - a workspace is StreamsTenant (spec): _id, name, groupId, dataProcessRegion {cloudProvider,
//   region}, streamConfig {tier}, hostnames; `connections` only with ?includeConnections=true
//   (spec: the query parameter of getGroupStreamWorkspace); deleting answers 202 (spec);
// - a connection is StreamsConnection (spec, discriminated on `type`): as sent, with its
//   `state`; credentials are `writeOnly` in the spec (StreamsKafkaAuthentication.password,
//   sslKey, sslKeyPassword, clientSecret; the schema registry's password): never answered;
// - a processor is StreamsProcessor when created (spec: its 200 response: _id, name, pipeline,
//   options) and StreamsProcessorWithStats when read (_id, name, pipeline, state required);
//   :start and :stop answer 200 with no body (spec: no schema; empty, as the recorded
//   maintenance PATCH answers);
//   its state is CREATED, then STARTED by :start and STOPPED by :stop (spec: "Commonly
//   occurring states are 'CREATED', 'STARTED', 'STOPPED' and 'FAILED'"); :start and :stop
//   answer 200 with no body (spec);
// - a workspace that still has processors is not deleted: STREAM_TENANT_HAS_STREAM_PROCESSORS
//   (MongoDB's own clean-up code for test projects deletes the processors when Atlas answers
//   that code, then the workspace again; the status, 400, is a guess);
// - an unknown workspace: 404 STREAM_TENANT_NOT_FOUND_FOR_NAME (an Atlas answer in
//   terraform-provider-mongodbatlas's published QA error table);
// - guesses (src/simulator/README.md): the codes for unknown connections and processors,
//   for duplicates, and for starting a started or stopping a stopped processor; host names;
//   the default tier SP30; connections READY at once.
// State: kept here, per project record (a WeakMap, so a reset drops it with the records).
import { paginate, requireProject, sortedKeys, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project } from '../state.js';

/** What the simulator keeps of a workspace. */
interface Workspace {
  doc: Json;
  connections: Map<string, Json>;
  processors: Map<string, Json>;
}

/** The tier a workspace gets when the create names none (a guess: Atlas's UI offers SP30 first). */
export const DEFAULT_STREAM_TIER = 'SP30';

/** The credentials of a connection (spec: `writeOnly`), at their paths in the document. */
const WRITE_ONLY: readonly (readonly string[])[] = [
  ['authentication', 'password'],
  ['authentication', 'sslKey'],
  ['authentication', 'sslKeyPassword'],
  ['authentication', 'clientSecret'],
  ['schemaRegistryAuthentication', 'password'],
];

/** The seeded workspace of the default project (SEED.projectId, written out: this module does not import the seed). */
export const STREAM_SEED = {
  projectId: 'b0123456789abcdef012345b',
  workspace: 'sp-main',
  workspaceId: '66a0b1c2d3e4f5061728394a',
  connections: { sample: 'sample_stream_solar', cluster: 'Cluster0', kafka: 'kafka-prod' },
  /** The Kafka connection's password: tests look for it in output (it must never appear). */
  kafkaPassword: 'kafka-seeded-password-7788',
  processor: 'solarDemo',
  processorId: '66a0b1c2d3e4f5061728394b',
} as const;

function hostnameOf(name: string, region: string): string {
  return `atlas-stream-${STREAM_SEED.workspaceId.slice(0, 12)}-${name.toLowerCase().replace(/[^a-z0-9]/g, '')}.${region.toLowerCase().replace(/_/g, '-')}.a.query.mongodb.net`;
}

function seeded(p: Project): Map<string, Workspace> {
  const m = new Map<string, Workspace>();
  if (p.id !== STREAM_SEED.projectId) return m;
  const S = STREAM_SEED;
  const ws: Workspace = {
    doc: {
      _id: S.workspaceId,
      dataProcessRegion: { cloudProvider: 'AWS', region: 'VIRGINIA_USA' },
      groupId: p.id,
      hostnames: [hostnameOf(S.workspace, 'VIRGINIA_USA')],
      name: S.workspace,
      streamConfig: { tier: 'SP10' },
    },
    connections: new Map(),
    processors: new Map(),
  };
  ws.connections.set(S.connections.sample, { name: S.connections.sample, state: 'READY', type: 'Sample' });
  ws.connections.set(S.connections.cluster, {
    clusterName: 'Cluster0',
    dbRoleToExecute: { role: 'atlasAdmin', type: 'BUILT_IN' },
    name: S.connections.cluster,
    state: 'READY',
    type: 'Cluster',
  });
  ws.connections.set(S.connections.kafka, {
    authentication: { mechanism: 'SCRAM-256', password: S.kafkaPassword, username: 'ingest' },
    bootstrapServers: 'kafka-1.example.com:9092,kafka-2.example.com:9092',
    name: S.connections.kafka,
    security: { protocol: 'SASL_SSL' },
    state: 'READY',
    type: 'Kafka',
  });
  ws.processors.set(S.processor, {
    _id: S.processorId,
    name: S.processor,
    pipeline: [{ $source: { connectionName: S.connections.sample } }, { $merge: { into: { coll: 'solar', connectionName: S.connections.cluster, db: 'iot' } } }],
    state: 'STOPPED',
  });
  m.set(S.workspace, ws);
  return m;
}

const workspacesOf = storeBeside(seeded);

/** A connection as answered: without its write-only credentials. */
function renderConnection(c: Json): Json {
  const out: Json = structuredClone(c);
  for (const [parent, field] of WRITE_ONLY) {
    const holder = out[parent!] as Json | undefined;
    if (holder && typeof holder === 'object') delete holder[field!];
  }
  return sortedKeys(out);
}

function renderWorkspace(ws: Workspace, withConnections: boolean): Json {
  const doc: Json = structuredClone(ws.doc);
  if (withConnections) doc.connections = [...ws.connections.values()].map(renderConnection);
  return sortedKeys(doc);
}

function renderProcessor(p: Json): Json {
  return sortedKeys(structuredClone(p));
}

function requireWorkspace(ctx: Ctx): { p: Project; ws: Workspace } {
  const p = requireProject(ctx);
  const name = ctx.params.tenantName ?? '';
  const ws = workspacesOf(p).get(name);
  if (!ws) throw new ApiError(404, 'STREAM_TENANT_NOT_FOUND_FOR_NAME', `No stream workspace named ${name} exists in group ${p.id}.`, [name, p.id]);
  return { p, ws };
}

function requireConnection(ctx: Ctx, ws: Workspace): Json {
  const name = ctx.params.connectionName ?? '';
  const c = ws.connections.get(name);
  // guess: the code (no recording, spec example or document shows it)
  if (!c) throw new ApiError(404, 'STREAM_CONNECTION_NOT_FOUND', `No stream connection named ${name} exists in workspace ${ws.doc.name}.`, [name, ws.doc.name]);
  return c;
}

function requireProcessor(ctx: Ctx, ws: Workspace): Json {
  const name = ctx.params.processorName ?? '';
  const sp = ws.processors.get(name);
  // guess: the code
  if (!sp) throw new ApiError(404, 'STREAM_PROCESSOR_NOT_FOUND', `No stream processor named ${name} exists in workspace ${ws.doc.name}.`, [name, ws.doc.name]);
  return sp;
}

/** The connection names a pipeline reads from or writes to ($source, $merge.into, $emit, $lookup.from, $https). */
function connectionNamesOf(pipeline: unknown): string[] {
  const names: string[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'connectionName' && typeof x === 'string') names.push(x);
        else visit(x);
      }
    }
  };
  visit(pipeline);
  return names;
}

export const streamHandlers: HandlerTable = {
  listGroupStreamWorkspaces: (ctx) => {
    const p = requireProject(ctx);
    return paginate(ctx, [...workspacesOf(p).values()], (ws) => renderWorkspace(ws, false));
  },
  getGroupStreamWorkspace: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    return { body: renderWorkspace(ws, ctx.query.get('includeConnections') === 'true') };
  },
  createGroupStreamWorkspace: (ctx) => {
    const p = requireProject(ctx);
    const body = ctx.body as Json;
    const name = body.name;
    if (typeof name !== 'string' || !name) throw errors.missingAttribute('name');
    const region = body.dataProcessRegion as Json | undefined;
    if (!region) throw errors.missingAttribute('dataProcessRegion');
    const all = workspacesOf(p);
    // guess: the code and status of a duplicate name
    if (all.has(name)) throw new ApiError(409, 'STREAM_TENANT_NAME_ALREADY_EXISTS', `A stream workspace named ${name} already exists in group ${p.id}.`, [name, p.id]);
    const ws: Workspace = {
      doc: {
        _id: ctx.state.newId(),
        dataProcessRegion: { cloudProvider: region.cloudProvider, region: region.region },
        groupId: p.id,
        hostnames: [hostnameOf(name, String(region.region))],
        name,
        streamConfig: { tier: (body.streamConfig as Json | undefined)?.tier ?? DEFAULT_STREAM_TIER },
      },
      connections: new Map(),
      processors: new Map(),
    };
    all.set(name, ws);
    return { body: renderWorkspace(ws, false) };
  },
  deleteGroupStreamWorkspace: (ctx) => {
    const { p, ws } = requireWorkspace(ctx);
    if (ws.processors.size) {
      throw new ApiError(400, 'STREAM_TENANT_HAS_STREAM_PROCESSORS', `Stream workspace ${ws.doc.name} has stream processors; delete them first.`, [ws.doc.name]);
    }
    workspacesOf(p).delete(String(ws.doc.name));
    return { status: 202 };
  },

  listGroupStreamConnections: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    return paginate(ctx, [...ws.connections.values()], renderConnection);
  },
  getGroupStreamConnection: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    return { body: renderConnection(requireConnection(ctx, ws)) };
  },
  createGroupStreamConnection: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const body = structuredClone(ctx.body as Json);
    const name = body.name;
    if (typeof name !== 'string' || !name) throw errors.missingAttribute('name');
    if (typeof body.type !== 'string') throw errors.missingAttribute('type');
    // guess: the code and status of a duplicate name
    if (ws.connections.has(name)) throw new ApiError(409, 'STREAM_CONNECTION_ALREADY_EXISTS', `A connection named ${name} already exists in workspace ${ws.doc.name}.`, [name]);
    const c: Json = { ...body, state: 'READY' };
    ws.connections.set(name, c);
    return { body: renderConnection(c) };
  },
  deleteGroupStreamConnection: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const c = requireConnection(ctx, ws);
    ws.connections.delete(String(c.name));
    return { status: 202 };
  },

  getGroupStreamProcessors: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    return paginate(ctx, [...ws.processors.values()], renderProcessor);
  },
  getGroupStreamProcessor: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    return { body: renderProcessor(requireProcessor(ctx, ws)) };
  },
  createGroupStreamProcessor: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const body = ctx.body as Json;
    const name = body.name;
    if (typeof name !== 'string' || !name) throw errors.missingAttribute('name');
    if (!Array.isArray(body.pipeline) || !body.pipeline.length) throw errors.missingAttribute('pipeline');
    // guess: the code and status of a duplicate name
    if (ws.processors.has(name))
      throw new ApiError(409, 'STREAM_PROCESSOR_NAME_ALREADY_EXISTS', `A stream processor named ${name} already exists in workspace ${ws.doc.name}.`, [name]);
    const missing = connectionNamesOf(body.pipeline).find((c) => !ws.connections.has(c));
    // guess: the code; Atlas refuses a pipeline naming a connection the workspace's registry lacks
    if (missing) throw new ApiError(400, 'STREAM_PROCESSOR_INVALID_PIPELINE', `The pipeline names connection ${missing}, which workspace ${ws.doc.name} does not have.`, [missing]);
    const sp: Json = { _id: ctx.state.newId(), name, pipeline: structuredClone(body.pipeline), state: 'CREATED' };
    if (body.options !== undefined) sp.options = structuredClone(body.options);
    if (body.tier !== undefined) sp.tier = body.tier;
    ws.processors.set(name, sp);
    const { state: _state, ...created } = sp;
    return { body: sortedKeys(created) };
  },
  startGroupStreamProcessor: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const sp = requireProcessor(ctx, ws);
    // guess: the code of starting a started processor
    if (sp.state === 'STARTED') throw new ApiError(400, 'STREAM_PROCESSOR_ALREADY_STARTED', `Stream processor ${sp.name} is already started.`, [sp.name]);
    sp.state = 'STARTED';
    return { status: 200, raw: Buffer.alloc(0) };
  },
  stopGroupStreamProcessor: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const sp = requireProcessor(ctx, ws);
    // guess: the code of stopping a processor that is not running
    if (sp.state !== 'STARTED') throw new ApiError(400, 'STREAM_PROCESSOR_NOT_STARTED', `Stream processor ${sp.name} is not started (${sp.state}).`, [sp.name]);
    sp.state = 'STOPPED';
    return { status: 200, raw: Buffer.alloc(0) };
  },
  deleteGroupStreamProcessor: (ctx) => {
    const { ws } = requireWorkspace(ctx);
    const sp = requireProcessor(ctx, ws);
    ws.processors.delete(String(sp.name));
    return { status: 204 };
  },
};
