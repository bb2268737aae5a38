// What a resource handler receives and returns, plus shared helpers (pagination,
// links, id checks).
import type { Readable } from 'node:stream';
import type { OperationSpec } from '../spec/index.js';
import { errors } from './errors.js';
import type { Json, Org, Project, SimulatorState } from './state.js';

export interface Ctx {
  state: SimulatorState;
  operationId: string;
  op: OperationSpec;
  /** decoded path parameters */
  params: Record<string, string>;
  query: URLSearchParams;
  /** parsed, validated JSON body (undefined when none) */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- request bodies are open JSON, checked against the spec before a handler runs
  body: any;
  /** API version negotiated from Accept */
  version: string;
  /** version of the request body's Content-Type */
  requestVersion?: string;
  /** http://host:port of this simulator */
  base: string;
  method: string;
  pathname: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** raw bytes (gzip downloads); sent as is */
  raw?: Buffer;
  /** a body of unknown length (log downloads), sent chunked as it is produced */
  stream?: Readable;
  /**
   * Send the stream as HTTP/1.0 servers and some proxies do: neither Content-Length nor
   * chunked, the end marked only by closing the connection (a cut then looks like an end).
   */
  unframed?: boolean;
}

export type Handler = (ctx: Ctx) => Reply | Promise<Reply>;
export type HandlerTable = Record<string, Handler>;

export const HEX24 = /^[0-9a-f]{24}$/;

export function link(base: string, path: string, rel = 'self'): Json {
  return { href: `${base}${path}`, rel };
}

export const V2 = '/api/atlas/v2';

/** A copy of `doc` with its keys in code-unit order, as Atlas serializes some documents (alert configs, stream workspaces). */
export function sortedKeys(doc: Json): Json {
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The project of {groupId}, or the Atlas error for a malformed or unknown id. */
export function requireProject(ctx: Ctx, groupId = ctx.params.groupId): Project {
  if (!HEX24.test(groupId)) throw errors.invalidGroupId(groupId);
  const p = ctx.state.project(groupId);
  if (!p) throw errors.groupNotFound(groupId);
  return p;
}

export function requireOrg(ctx: Ctx, orgId = ctx.params.orgId): Org {
  if (!HEX24.test(orgId)) throw errors.invalidOrgId(orgId);
  const o = ctx.state.org(orgId);
  if (!o) throw errors.orgNotFound(orgId);
  return o;
}

/**
 * A store kept beside a record (a project, an org, a cluster): `init(record)` on first use,
 * the same store after, gone with the record (a reset makes new records). A family keeps its
 * state this way rather than in state.ts.
 */
export function storeBeside<K extends object, V>(init: (record: K) => V): (record: K) => V {
  const stores = new WeakMap<K, V>();
  return (record) => {
    let v = stores.get(record);
    if (v === undefined) stores.set(record, (v = init(record)));
    return v;
  };
}

function intParam(q: URLSearchParams, name: string, dflt: number): number {
  const v = q.get(name);
  return v === null ? dflt : Number(v);
}

/**
 * The list envelope: {links:[self, previous?, next?], results, totalCount}. Query
 * parameters were validated already (itemsPerPage 1..500, pageNum >= 1).
 */
export function paginate<T>(ctx: Ctx, items: T[], render: (item: T) => unknown = (x) => x): Reply {
  const pageNum = intParam(ctx.query, 'pageNum', 1);
  const itemsPerPage = intParam(ctx.query, 'itemsPerPage', 100);
  const includeCount = ctx.query.get('includeCount') !== 'false';
  const start = (pageNum - 1) * itemsPerPage;
  const results = items.slice(start, start + itemsPerPage).map(render);
  const href = (n: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of ctx.query) if (k !== 'pageNum' && k !== 'itemsPerPage') q.append(k, v);
    if (!q.has('includeCount')) q.set('includeCount', String(includeCount));
    q.set('pageNum', String(n));
    q.set('itemsPerPage', String(itemsPerPage));
    return `${ctx.base}${ctx.pathname}?${q.toString()}`;
  };
  const links: Json[] = [];
  if (pageNum > 1) links.push({ href: href(pageNum - 1), rel: 'previous' });
  links.push({ href: href(pageNum), rel: 'self' });
  if (start + itemsPerPage < items.length) links.push({ href: href(pageNum + 1), rel: 'next' });
  const body: Json = { links, results };
  // with includeCount=false Atlas still sends totalCount, as 0 (recorded/generic/events/…/GET_…_events_1.snaphost)
  body.totalCount = includeCount ? items.length : 0;
  return { status: 200, body };
}

export function successStatus(ctx: Ctx, preferred?: number): number {
  return preferred ?? ctx.op.status[0] ?? 200;
}
