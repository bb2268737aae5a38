// Events of projects and organizations: listGroupEvents, getGroupEvent, listOrgEvents,
// getOrgEvent. Seeded deterministically: hundreds of events spread over the last 30 days
// (more than two pages of 500, so page concurrency and date windows are exercised).
//
// Rules, and where they come from:
// - newest first, as the recordings of both lists show (recorded/generic/events);
// - minDate and maxDate are inclusive bounds on `created` ("returns events whose created
//   date is greater than or equal to" / "less than or equal to" it: MongoDB's CLI docs of
//   the same parameters); a value that is not an ISO 8601 date-time answers 400;
// - eventType (repeatable) keeps the events of any of the types given; a type outside the
//   spec's enum (EventTypeForNdsGroup / EventTypeForOrg) is refused with 400 by the
//   query validation before this file is reached; clusterNames (project events only,
//   repeatable) keeps the events of those clusters and must match the spec's pattern;
// - includeCount=false answers `totalCount: 0`, as both recordings (made with
//   includeCount=false) show, instead of leaving the count out;
// - an organization event links to /groups/{groupId}/events/{id}, or to
//   /groups/null/events/{id} when it belongs to no project: Atlas's own quirk, recorded.
import { isoAt } from '../clock.js';
import { HEX24, link, paginate, requireOrg, requireProject, V2, type Ctx, type HandlerTable, type Reply } from '../context.js';
import { ApiError } from '../errors.js';
import type { Json, SimulatorState } from '../state.js';
import type { SEED } from '../seed-ids.js';

const DAY_MS = 86_400_000;
/** How far back the seeded events go. */
export const EVENT_SPAN_DAYS = 30;
/** Seeded event counts, exported for tests and the README. */
export const SEEDED_EVENTS = { project: 1200, stagingProject: 40, org: 600, secondOrg: 20 } as const;

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;

/** One seeded event kind: its type and the fields it carries. */
interface Kind {
  type: string;
  weight: number;
  cluster?: boolean;
  actor?: boolean;
  extra?: (r: () => number) => Json;
}

const PROJECT_KINDS: Kind[] = [
  { type: 'CLUSTER_UPDATE_STARTED', weight: 8, cluster: true },
  { type: 'CLUSTER_UPDATE_COMPLETED', weight: 8, cluster: true },
  { type: 'PROJECT_SCHEDULED_MAINTENANCE', weight: 10 },
  { type: 'CLUSTER_CREATED', weight: 2, cluster: true, actor: true },
  { type: 'CLUSTER_READY', weight: 2, cluster: true },
  { type: 'CLUSTER_DELETE_SUBMITTED', weight: 1, cluster: true, actor: true },
  { type: 'CLUSTER_DELETED', weight: 1, cluster: true },
  { type: 'CLUSTER_TAGS_MODIFIED', weight: 1, cluster: true, actor: true },
  { type: 'PRIMARY_ELECTED', weight: 3, cluster: true },
  { type: 'MONGODB_USER_ADDED', weight: 3, actor: true, extra: (r) => ({ dbUserUsername: `app-user-${Math.floor(r() * 40)}` }) },
  { type: 'MONGODB_USER_UPDATED', weight: 2, actor: true, extra: (r) => ({ dbUserUsername: `app-user-${Math.floor(r() * 40)}` }) },
  { type: 'MONGODB_USER_DELETED', weight: 1, actor: true, extra: (r) => ({ dbUserUsername: `app-user-${Math.floor(r() * 40)}` }) },
  { type: 'NETWORK_PERMISSION_ENTRY_ADDED', weight: 2, actor: true, extra: (r) => ({ whitelistEntry: `203.0.113.${Math.floor(r() * 250)}/32` }) },
  { type: 'NETWORK_PERMISSION_ENTRY_REMOVED', weight: 1, actor: true, extra: (r) => ({ whitelistEntry: `203.0.113.${Math.floor(r() * 250)}/32` }) },
  { type: 'ALERT_ACKNOWLEDGED_AUDIT', weight: 1, actor: true },
  { type: 'ALERT_UNACKNOWLEDGED_AUDIT', weight: 1, actor: true },
  { type: 'MAINTENANCE_AUTO_DEFERRED', weight: 1 },
];

const ORG_KINDS: Kind[] = [
  { type: 'GROUP_CREATED', weight: 6, actor: true },
  { type: 'GROUP_DELETED', weight: 1, actor: true },
  { type: 'GROUP_TAGS_MODIFIED', weight: 2, actor: true },
  { type: 'API_KEY_CREATED', weight: 2, actor: true },
  { type: 'API_KEY_DELETED', weight: 2, actor: true },
  { type: 'API_KEY_ACCESS_LIST_ENTRY_ADDED', weight: 1, actor: true },
  { type: 'INVITED_TO_ORG', weight: 2, actor: true, extra: (r) => ({ targetUsername: `user${Math.floor(r() * 90)}@example.com` }) },
  { type: 'JOINED_ORG', weight: 2, extra: (r) => ({ targetUsername: `user${Math.floor(r() * 90)}@example.com` }) },
  { type: 'REMOVED_FROM_ORG', weight: 1, actor: true, extra: (r) => ({ targetUsername: `user${Math.floor(r() * 90)}@example.com` }) },
  { type: 'TEAM_CREATED', weight: 1, actor: true },
  { type: 'TEAM_DELETED', weight: 1, actor: true },
  { type: 'JOINED_TEAM', weight: 2, actor: true, extra: (r) => ({ targetUsername: `user${Math.floor(r() * 90)}@example.com` }) },
  { type: 'REMOVED_FROM_TEAM', weight: 1, actor: true, extra: (r) => ({ targetUsername: `user${Math.floor(r() * 90)}@example.com` }) },
  { type: 'ORG_SETTINGS_UPDATED', weight: 1, actor: true },
];

/** Every project event type the seed uses (all in the spec's enum; a test checks). */
export const SEEDED_PROJECT_EVENT_TYPES = [...PROJECT_KINDS.map((k) => k.type), 'CLUSTER_UPDATE_SUBMITTED'];
export const SEEDED_ORG_EVENT_TYPES = ORG_KINDS.map((k) => k.type);

/** A cluster that project events name besides the seeded ones: deleted long ago. */
export const RETIRED_CLUSTER = 'retired-cluster';

/** mulberry32: a small deterministic PRNG, so every simulator seeds the same events. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(kinds: Kind[], r: () => number): Kind {
  const total = kinds.reduce((n, k) => n + k.weight, 0);
  let x = r() * total;
  for (const k of kinds) if ((x -= k.weight) < 0) return k;
  return kinds[kinds.length - 1]!;
}

/** ObjectId-like: 8 hex of seconds, then a per-scope marker and a counter (unique, time-ordered). */
function eventId(ms: number, scope: number, n: number): string {
  return (
    Math.floor(ms / 1000)
      .toString(16)
      .padStart(8, '0') +
    scope.toString(16).padStart(4, '0') +
    n.toString(16).padStart(12, '0')
  );
}

function actor(r: () => number, ids: typeof SEED): Json {
  return r() < 0.5
    ? { apiKeyId: '6835e821c794bf2ac0a9ec73', publicKey: 'simpublickey', remoteAddress: `198.51.100.${Math.floor(r() * 250)}` }
    : { remoteAddress: `198.51.100.${Math.floor(r() * 250)}`, userId: ids.users.owner, username: 'ada.owner@example.com' };
}

interface SeedScope {
  count: number;
  kinds: Kind[];
  scope: number;
  groupId?: string;
  orgId?: string;
}

/**
 * Seeds the events: times are whole seconds counted back from the start of the current
 * hour, spread over EVENT_SPAN_DAYS, the same for every simulator started in that hour.
 */
export function seedEvents(s: SimulatorState, ids: typeof SEED): void {
  const clusters = [ids.clusters.replicaSet, ids.clusters.sharded, ids.clusters.paused, RETIRED_CLUSTER];
  const anchor = Math.floor(s.now() / 3_600_000) * 3_600_000;
  const scopes: SeedScope[] = [
    { count: SEEDED_EVENTS.project, kinds: PROJECT_KINDS, scope: 1, groupId: ids.projectId },
    { count: SEEDED_EVENTS.stagingProject, kinds: PROJECT_KINDS, scope: 2, groupId: ids.stagingProjectId },
    { count: SEEDED_EVENTS.org, kinds: ORG_KINDS, scope: 3, orgId: ids.orgId },
    { count: SEEDED_EVENTS.secondOrg, kinds: ORG_KINDS, scope: 4, orgId: ids.secondOrgId },
  ];
  for (const sc of scopes) {
    const r = prng(0x5eed + sc.scope);
    for (let i = 0; i < sc.count; i++) {
      const ms = anchor - Math.floor((r() * EVENT_SPAN_DAYS * DAY_MS) / 1000) * 1000;
      const kind = pick(sc.kinds, r);
      const doc: Json = { created: isoAt(ms), eventTypeName: kind.type, id: eventId(ms, sc.scope, i), isGlobalAdmin: false };
      if (sc.groupId) doc.groupId = sc.groupId;
      if (sc.orgId) {
        doc.orgId = sc.orgId;
        // GROUP_* events of an organization name the project they are about
        if (kind.type.startsWith('GROUP_')) doc.groupId = ids.stagingProjectId;
      }
      if (kind.cluster) doc.clusterName = clusters[Math.floor(r() * clusters.length)];
      if (kind.actor) Object.assign(doc, actor(r, ids));
      if (kind.extra) Object.assign(doc, kind.extra(r));
      s.events.push(sc.scope === 1 && i === 0 ? { id: doc.id, groupId: doc.groupId, isGlobalAdmin: false, ...pauseOfSeededCluster(anchor, ids) } : doc);
    }
  }
  sortEvents(s.events);
}

/** How long before the seed's anchor the seeded paused cluster was paused: 3 days. */
export const SEEDED_PAUSE_AGE_MS = 3 * DAY_MS;

/**
 * The pause of the seeded paused cluster, as Atlas records a pause sent through the API: a
 * `CLUSTER_UPDATE_SUBMITTED` of that cluster by the API key. It takes the place of the first
 * seeded event, so the counts stay. A dedicated cluster is paused for at most 30 days
 * (Atlas docs, "Pause, Resume, or Terminate a Cluster": Atlas resumes it after 30 days), so
 * the seed pauses it 3 days before its anchor.
 */
function pauseOfSeededCluster(anchor: number, ids: typeof SEED): Json {
  const ms = anchor - SEEDED_PAUSE_AGE_MS;
  return {
    apiKeyId: '6835e821c794bf2ac0a9ec73',
    clusterName: ids.clusters.paused,
    created: isoAt(ms),
    eventTypeName: 'CLUSTER_UPDATE_SUBMITTED',
    publicKey: 'simpublickey',
    remoteAddress: '198.51.100.23',
  };
}

/** Newest first; equal times by id, newest first. */
export function sortEvents(events: Json[]): void {
  events.sort((a, b) => (a.created === b.created ? (a.id < b.id ? 1 : -1) : a.created < b.created ? 1 : -1));
}

/** Adds an event (an acknowledged alert, a changed maintenance window) at the head of the list. */
export function recordEvent(s: SimulatorState, doc: Json): Json {
  const ev: Json = { created: s.isoNow(), id: s.newId(), isGlobalAdmin: false, ...doc };
  s.events.unshift(ev);
  return ev;
}

/** The document as Atlas serves it: fields in name order, with its self link. */
function render(ctx: Ctx, e: Json, org: boolean): Json {
  const path = org && !e.groupId ? `${V2}/groups/null/events/${e.id}` : `${V2}/groups/${e.groupId}/events/${e.id}`;
  const doc: Json = { ...e, links: [link(ctx.base, path)] };
  if (!org) delete doc.orgId;
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function dateParam(ctx: Ctx, name: string): number | undefined {
  const v = ctx.query.get(name);
  if (v === null) return undefined;
  const t = ISO_DATE_TIME.test(v) ? Date.parse(v) : NaN;
  if (Number.isNaN(t)) {
    throw new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name}: ${JSON.stringify(v)} is not an ISO 8601 date and time.`, [name]);
  }
  return t;
}

/** The events of a scope that pass the filters of the query. */
function filtered(ctx: Ctx, events: Json[], allowClusters: boolean): Json[] {
  const min = dateParam(ctx, 'minDate');
  const max = dateParam(ctx, 'maxDate');
  const types = new Set(ctx.query.getAll('eventType'));
  const excluded = new Set(ctx.query.getAll('excludedEventType'));
  const clusters = new Set(allowClusters ? ctx.query.getAll('clusterNames') : []);
  for (const c of clusters) {
    if (!CLUSTER_NAME.test(c)) {
      throw new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter clusterNames: ${JSON.stringify(c)} is not a cluster name.`, ['clusterNames']);
    }
  }
  return events.filter((e) => {
    const t = Date.parse(e.created);
    if (min !== undefined && t < min) return false;
    if (max !== undefined && t > max) return false;
    if (types.size && !types.has(e.eventTypeName)) return false;
    if (excluded.has(e.eventTypeName)) return false;
    if (clusters.size && !clusters.has(e.clusterName)) return false;
    return true;
  });
}

/** A page of events; with includeCount=false Atlas answers totalCount 0 (recorded). */
function page(ctx: Ctx, items: Json[], org: boolean): Reply {
  const reply = paginate(ctx, items, (e) => render(ctx, e, org));
  if (ctx.query.get('includeCount') === 'false') (reply.body as Json).totalCount = 0;
  return reply;
}

// docs (mongodb.com/docs/atlas/reference/api-errors; mongodb/docs content/atlas/source/reference/api-errors.txt):
// 404 EVENT_NOT_FOUND "No event with ID %s exists for group %s." for a project's event,
// 404 ORG_EVENT_NOT_FOUND "No event with ID %s exists for organization %s." for an organization's
function eventNotFound(id: string, groupId: string): ApiError {
  return new ApiError(404, 'EVENT_NOT_FOUND', `No event with ID ${id} exists for group ${groupId}.`, [id, groupId]);
}

function orgEventNotFound(id: string, orgId: string): ApiError {
  return new ApiError(404, 'ORG_EVENT_NOT_FOUND', `No event with ID ${id} exists for organization ${orgId}.`, [id, orgId]);
}

export const eventHandlers: HandlerTable = {
  listGroupEvents: (ctx) => {
    const p = requireProject(ctx);
    return page(
      ctx,
      filtered(
        ctx,
        ctx.state.events.filter((e) => e.groupId === p.id && !e.orgId),
        true,
      ),
      false,
    );
  },

  getGroupEvent: (ctx) => {
    const p = requireProject(ctx);
    const id = ctx.params.eventId;
    const e = HEX24.test(id) ? ctx.state.events.find((x) => x.id === id && x.groupId === p.id && !x.orgId) : undefined;
    if (!e) throw eventNotFound(id, p.id);
    return { body: render(ctx, e, false) };
  },

  listOrgEvents: (ctx) => {
    const o = requireOrg(ctx);
    return page(
      ctx,
      filtered(
        ctx,
        ctx.state.events.filter((e) => e.orgId === o.id),
        false,
      ),
      true,
    );
  },

  getOrgEvent: (ctx) => {
    const o = requireOrg(ctx);
    const id = ctx.params.eventId;
    const e = HEX24.test(id) ? ctx.state.events.find((x) => x.id === id && x.orgId === o.id) : undefined;
    if (!e) throw orgEventNotFound(id, o.id);
    return { body: render(ctx, e, true) };
  },
};
