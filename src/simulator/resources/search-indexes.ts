// Atlas Search and Vector Search indexes: the spec's current operations (version 2024-05-30),
// /groups/{groupId}/clusters/{clusterName}/search/indexes[/{databaseName}/{collectionName}[/{indexName}]]
// and …/search/indexes/{indexId}: list per cluster or per collection, create, get, update and
// delete by id or by name.
//
// Rules, and where they come from:
// - an index document is SearchIndexResponse (spec): collectionName, database, indexID,
//   latestDefinition, latestDefinitionVersion {createdAt, version}, name, queryable, status,
//   statusDetail (one SearchHostStatusDetail per host, with mainIndex / stagedIndex), type;
//   lists are plain JSON arrays (spec: the 200 responses are `type: array`);
// - create answers 201 with the index PENDING (spec: createGroupClusterSearchIndex's 201;
//   status enum "PENDING: Atlas has not yet started building the index"); the build moves
//   PENDING → BUILDING → READY, each step `stepMs` of the simulator clock (time, never the
//   number of reads); an update rebuilds: BUILDING (still queryable on the old definition,
//   which stays mainIndex while the new one is the stagedIndex) then READY with the next
//   definition version (spec: "BUILDING: Atlas is building or re-building the index after an
//   edit"); a delete answers 204 and the index is DELETING for stepMs, then gone (spec: "This
//   deletion is eventually consistent"; status "DELETING");
// - a build FAILS (status FAILED, queryable false, the reason in statusDetail[].mainIndex.message)
//   when the definition names an analyzer that is neither a built-in lucene.* analyzer nor one
//   of its own `analyzers` (spec: "Indexes can enter the FAILED state due to an invalid index
//   definition"; which definitions, and the message, are a guess: src/simulator/README.md);
// - a name is unique per collection: 409 ATLAS_SEARCH_DUPLICATE_INDEX "Duplicate Index."
//   (the message: Atlas API error-code list; the code and status: a public Terraform module
//   that meets it, "HTTP 409 ATLAS_SEARCH_DUPLICATE_INDEX");
// - an unknown cluster: 404 CLUSTER_NAME_NOT_FOUND "No cluster with name "X" exists in group
//   Y." (as Atlas answered a search index create, pulumi/pulumi-mongodbatlas issue 522);
// - an unknown index: 404 ATLAS_SEARCH_INDEX_NOT_FOUND (a guess: no source shows it);
// - a vector field without a path, a vector field without numDimensions from 1 to 8192 or
//   without a similarity of euclidean, cosine or dotProduct, or an index without a vector
//   field: 400 INVALID_ATTRIBUTE (Atlas Vector Search docs for the limits; the code is a guess).
// State: one list of indexes per cluster record, kept here (a WeakMap), so a deleted or
// re-created cluster, and a reset simulator, start with none.
import { requireProject, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { ClusterRecord, Json, SimulatorState } from '../state.js';
import { hostNames } from './cluster-model.js';
import { validateRequestBody } from '../../spec/validate.js';

/** One definition of an index and its version (SearchIndexDefinitionVersion). */
interface Built {
  definition: Json;
  version: number;
  createdAt: string;
}

export interface SearchIndexRecord {
  id: string;
  name: string;
  database: string;
  collectionName: string;
  type: 'search' | 'vectorSearch';
  /** the definition that built and is served; undefined until the first build is done */
  main?: Built;
  /** the build in progress (or failed): its definition, when it started (clock ms), why it fails */
  building?: Built & { startedAt: number; failure?: string };
  /** clock ms the delete was asked for */
  deletingAt?: number;
}

const STORE = storeBeside((_c: ClusterRecord): SearchIndexRecord[] => []);

/** The indexes of a cluster at the clock's time (finished builds applied, finished deletes dropped). */
export function searchIndexesOf(state: SimulatorState, c: ClusterRecord): SearchIndexRecord[] {
  const list = STORE(c);
  const now = state.now();
  for (let i = list.length - 1; i >= 0; i--) {
    const r = list[i]!;
    if (r.deletingAt !== undefined && now >= r.deletingAt + state.stepMs) list.splice(i, 1);
    else if (r.building && !r.building.failure && now >= r.building.startedAt + 2 * state.stepMs) {
      const { definition, version, createdAt } = r.building;
      r.main = { definition, version, createdAt };
      r.building = undefined;
    }
  }
  return list;
}

type Status = 'PENDING' | 'BUILDING' | 'READY' | 'FAILED' | 'DELETING';

/** Where the index stands at the clock's time (after searchIndexesOf settled it). */
export function statusOf(state: SimulatorState, r: SearchIndexRecord): Status {
  if (r.deletingAt !== undefined) return 'DELETING';
  if (!r.building) return 'READY';
  const t = state.now() - r.building.startedAt;
  if (t < state.stepMs && !r.main) return 'PENDING';
  if (t < 2 * state.stepMs) return 'BUILDING';
  return 'FAILED';
}

function hostsOf(c: ClusterRecord): string[] {
  try {
    const hosts = hostNames(c);
    if (hosts.length) return hosts;
  } catch {
    // a Flex cluster's document has no node counts
  }
  const base = String(c.doc.name).toLowerCase();
  return [0, 1, 2].map((i) => `${base}-shard-00-0${i}.${c.domain}`);
}

function detailOf(b: Built, status: Status, queryable: boolean, message?: string): Json {
  const d: Json = { definition: structuredClone(b.definition), definitionVersion: { createdAt: b.createdAt, version: b.version } };
  if (message !== undefined) d.message = message;
  d.queryable = queryable;
  d.status = status;
  return d;
}

/** The index as Atlas serves it (SearchIndexResponse), keys in alphabetical order as Atlas's v2 documents. */
export function renderSearchIndex(state: SimulatorState, c: ClusterRecord, r: SearchIndexRecord): Json {
  const status = statusOf(state, r);
  const queryable = status !== 'DELETING' && r.main !== undefined;
  const failure = status === 'FAILED' ? r.building?.failure : undefined;
  const latest = (r.building ?? r.main)!;
  const detail = hostsOf(c).map((hostname) => {
    const d: Json = { hostname };
    if (r.main) {
      d.mainIndex = detailOf(r.main, status === 'DELETING' ? 'DELETING' : 'READY', queryable);
      if (r.building) d.stagedIndex = detailOf(r.building, status, false, failure);
    } else {
      d.mainIndex = detailOf(r.building!, status, false, failure);
    }
    d.queryable = queryable;
    d.status = status;
    return d;
  });
  return {
    collectionName: r.collectionName,
    database: r.database,
    indexID: r.id,
    latestDefinition: structuredClone(latest.definition),
    latestDefinitionVersion: { createdAt: latest.createdAt, version: latest.version },
    name: r.name,
    queryable,
    status,
    statusDetail: detail,
    type: r.type,
  };
}

// ---- errors ------------------------------------------------------------------------

const searchErrors = {
  clusterNameNotFound: (name: string, groupId: string) =>
    new ApiError(404, 'CLUSTER_NAME_NOT_FOUND', `No cluster with name "${name}" exists in group ${groupId}.`, [name, groupId]),
  indexNotFound: (what: string) => new ApiError(404, 'ATLAS_SEARCH_INDEX_NOT_FOUND', `No search index ${what} exists.`, [what]),
  duplicate: (name: string) => new ApiError(409, 'ATLAS_SEARCH_DUPLICATE_INDEX', 'Duplicate Index.', [name]),
};

function requireSearchCluster(ctx: Ctx): ClusterRecord {
  const p = requireProject(ctx);
  const name = ctx.params.clusterName!;
  const c = ctx.state.cluster(p.id, name);
  if (!c) throw searchErrors.clusterNameNotFound(name, p.id);
  return c;
}

function byId(ctx: Ctx, c: ClusterRecord): SearchIndexRecord {
  const id = ctx.params.indexId!;
  const r = searchIndexesOf(ctx.state, c).find((x) => x.id === id);
  if (!r) throw searchErrors.indexNotFound(`with ID ${id}`);
  return r;
}

function byName(ctx: Ctx, c: ClusterRecord): SearchIndexRecord {
  const { databaseName, collectionName, indexName } = ctx.params;
  const r = searchIndexesOf(ctx.state, c).find((x) => x.database === databaseName && x.collectionName === collectionName && x.name === indexName);
  if (!r) throw searchErrors.indexNotFound(`named ${indexName} on ${databaseName}.${collectionName}`);
  return r;
}

// ---- definitions -------------------------------------------------------------------

const SIMILARITIES = ['euclidean', 'cosine', 'dotProduct'];
const MAX_DIMENSIONS = 8192;

/** The 400 for a vector definition Atlas cannot build (the spec leaves its fields open objects). */
function checkVectorDefinition(def: Json): void {
  const fields: Json[] = Array.isArray(def.fields) ? def.fields : [];
  fields.forEach((f, i) => {
    const at = `definition.fields[${i}]`;
    if (f.type !== 'vector' && f.type !== 'filter') throw errors.invalidAttribute(`${at}.type`, 'must be vector or filter');
    if (typeof f.path !== 'string' || !f.path) throw errors.invalidAttribute(`${at}.path`, 'a field needs a path');
    if (f.type === 'vector') {
      if (!Number.isInteger(f.numDimensions) || f.numDimensions < 1 || f.numDimensions > MAX_DIMENSIONS) {
        throw errors.invalidAttribute(`${at}.numDimensions`, `must be an integer from 1 to ${MAX_DIMENSIONS}`);
      }
      if (!SIMILARITIES.includes(f.similarity)) throw errors.invalidAttribute(`${at}.similarity`, 'must be euclidean, cosine or dotProduct');
    }
  });
  if (!fields.some((f) => f.type === 'vector')) throw errors.invalidAttribute('definition.fields', 'a vector search index needs at least one vector field');
}

/** Analyzer names a search definition uses in its field mappings and synonyms. */
function analyzersUsed(def: Json): string[] {
  const out: string[] = [];
  const walk = (fields: unknown) => {
    if (!fields || typeof fields !== 'object') return;
    for (const m of Object.values(fields as Json)) {
      for (const one of Array.isArray(m) ? m : [m]) {
        if (!one || typeof one !== 'object') continue;
        for (const k of ['analyzer', 'searchAnalyzer']) if (typeof one[k] === 'string') out.push(one[k]);
        walk(one.fields);
        if (one.multi && typeof one.multi === 'object') walk(one.multi);
      }
    }
  };
  walk(def.mappings?.fields);
  for (const s of Array.isArray(def.synonyms) ? def.synonyms : []) if (typeof s?.analyzer === 'string') out.push(s.analyzer);
  return out;
}

/** Why a search definition will fail to build, or undefined: an analyzer it names is nowhere defined. */
export function buildFailure(type: string, def: Json): string | undefined {
  if (type !== 'search') return undefined;
  const custom = new Set((Array.isArray(def.analyzers) ? def.analyzers : []).map((a: Json) => a?.name));
  const missing = analyzersUsed(def).find((a) => !a.startsWith('lucene.') && !custom.has(a));
  return missing === undefined ? undefined : `Invalid index definition: analyzer "${missing}" is not defined; define it in "analyzers" or use a built-in lucene analyzer.`;
}

/**
 * A body without `type` is a search index (spec: "The default type is search"); the route's
 * spec check cannot know that (no discriminator value: only the names are checked), so the
 * definition is checked here as a search one, with the route's 400s.
 */
function checkAsSearch(ctx: Ctx, body: Json): void {
  const issues = validateRequestBody(ctx.operationId, ctx.requestVersion ?? ctx.version, { ...body, type: 'search' });
  if (issues.length) throw errors.invalidBody(issues);
}

function checkDefinition(type: string, def: Json): void {
  if (type === 'vectorSearch') checkVectorDefinition(def);
}

// ---- handlers ----------------------------------------------------------------------

function create(ctx: Ctx) {
  const c = requireSearchCluster(ctx);
  const body = ctx.body as Json;
  const type = body.type ?? 'search';
  if (body.type === undefined) checkAsSearch(ctx, body);
  const definition = (body.definition ?? {}) as Json;
  checkDefinition(type, definition);
  const list = searchIndexesOf(ctx.state, c);
  if (list.some((x) => x.database === body.database && x.collectionName === body.collectionName && x.name === body.name)) throw searchErrors.duplicate(body.name);
  const r: SearchIndexRecord = {
    id: ctx.state.newId(),
    name: body.name,
    database: body.database,
    collectionName: body.collectionName,
    type,
    building: { definition: structuredClone(definition), version: 0, createdAt: ctx.state.isoNow(), startedAt: ctx.state.now(), failure: buildFailure(type, definition) },
  };
  list.push(r);
  return { status: 201, body: renderSearchIndex(ctx.state, c, r) };
}

/** A new definition: built again from the start; what built before stays served (mainIndex) meanwhile. */
function update(ctx: Ctx, r: SearchIndexRecord, c: ClusterRecord) {
  if (r.deletingAt !== undefined) throw searchErrors.indexNotFound(`with ID ${r.id}`);
  const definition = (ctx.body as Json).definition as Json;
  const given = Array.isArray(definition.fields) && definition.mappings === undefined ? 'vectorSearch' : 'search';
  if (given !== r.type) throw errors.invalidAttribute('definition', `index ${r.name} is a ${r.type} index; its definition cannot become a ${given} one`);
  checkDefinition(r.type, definition);
  const version = (r.building?.version ?? r.main?.version ?? 0) + 1;
  r.building = { definition: structuredClone(definition), version, createdAt: ctx.state.isoNow(), startedAt: ctx.state.now(), failure: buildFailure(r.type, definition) };
  return { body: renderSearchIndex(ctx.state, c, r) };
}

function remove(ctx: Ctx, r: SearchIndexRecord) {
  r.deletingAt ??= ctx.state.now();
  return { status: 204 };
}

export const searchIndexHandlers: HandlerTable = {
  listGroupClusterSearchIndexes: (ctx) => {
    const c = requireSearchCluster(ctx);
    return { body: searchIndexesOf(ctx.state, c).map((r) => renderSearchIndex(ctx.state, c, r)) };
  },
  listGroupClusterSearchIndex: (ctx) => {
    const c = requireSearchCluster(ctx);
    const { databaseName, collectionName } = ctx.params;
    const list = searchIndexesOf(ctx.state, c).filter((r) => r.database === databaseName && r.collectionName === collectionName);
    return { body: list.map((r) => renderSearchIndex(ctx.state, c, r)) };
  },
  createGroupClusterSearchIndex: create,
  getGroupClusterSearchIndex: (ctx) => {
    const c = requireSearchCluster(ctx);
    return { body: renderSearchIndex(ctx.state, c, byId(ctx, c)) };
  },
  getGroupClusterSearchIndexByName: (ctx) => {
    const c = requireSearchCluster(ctx);
    return { body: renderSearchIndex(ctx.state, c, byName(ctx, c)) };
  },
  updateGroupClusterSearchIndex: (ctx) => {
    const c = requireSearchCluster(ctx);
    return update(ctx, byId(ctx, c), c);
  },
  updateGroupClusterSearchIndexByName: (ctx) => {
    const c = requireSearchCluster(ctx);
    return update(ctx, byName(ctx, c), c);
  },
  deleteGroupClusterSearchIndex: (ctx) => remove(ctx, byId(ctx, requireSearchCluster(ctx))),
  deleteGroupClusterSearchIndexByName: (ctx) => remove(ctx, byName(ctx, requireSearchCluster(ctx))),
};
