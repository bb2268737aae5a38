// Alerts of a project: listGroupAlerts (with ?status), getGroupAlert, acknowledgeGroupAlert
// (2023-01-01 and 2024-05-30 bodies).
//
// Rules, and where they come from (recorded/generic/alerts/TestAlerts):
// - lists carry only the self link and are sorted by `created`, oldest first; `get` and
//   the PATCH answer carry the self, alertConfig and alertConfigs links;
// - acknowledging sets acknowledgedUntil, acknowledgementComment (when given) and
//   acknowledgingUsername (the API key's public key), and moves `updated` and
//   `lastNotified` to now; Atlas does this for a CLOSED alert as well (the recorded
//   acknowledgement of a CLOSED alert answered 200);
// - unacknowledging (2024-05-30 `unacknowledgeAlert: true`, or a 2023-01-01 body without
//   acknowledgedUntil) removes the three acknowledgement fields;
// - an alert of another project, or an unknown or malformed id, answers 404 ALERT_NOT_FOUND.
import { isoAt } from '../clock.js';
import { HEX24, link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { Json, SimulatorState } from '../state.js';
import type { SEED } from '../seed-ids.js';
import { recordEvent } from './events.js';

/** Who the simulator says acknowledged an alert: its API key's public key, as Atlas does. */
const ACKNOWLEDGER = 'simpublickey';

/** Seeded alert ids of the default project (and one of the staging project). */
export const SEEDED_ALERTS = {
  hostCpu: 'f0123456789abcdef012345f',
  oplogWindow: 'f1123456789abcdef012345f',
  dailyBill: 'f2123456789abcdef012345f',
  diskTracking: 'f3123456789abcdef012345f',
  mongosMissing: 'f4123456789abcdef012345f',
  usersWithoutMfa: 'f5123456789abcdef012345f',
  noPrimary: 'f6123456789abcdef012345f',
  staging: 'f7123456789abcdef012345f',
} as const;

const DAY_MS = 86_400_000;
/** A few alerts in every status, with clusters, hosts and replica sets, dated relative to now. */
export function seedAlerts(s: SimulatorState, ids: typeof SEED): void {
  const now = Math.floor(s.now() / 1000) * 1000;
  const ago = (days: number) => isoAt(now - days * DAY_MS);
  const host = (n: number) => `atlas-x7k2pq-shard-00-0${n}.x7k2pq.mongodb.net:27017`;
  const base = (id: string, groupId: string, alertConfigId: string, eventTypeName: string, status: string, created: string): Json => ({
    alertConfigId,
    created,
    eventTypeName,
    groupId,
    id,
    lastNotified: created,
    orgId: ids.orgId,
    status,
    updated: created,
  });
  const docs: Json[] = [
    {
      ...base(SEEDED_ALERTS.hostCpu, ids.projectId, '65a1b2c3d4e5f60718293a01', 'OUTSIDE_METRIC_THRESHOLD', 'OPEN', ago(0.2)),
      clusterName: ids.clusters.replicaSet,
      currentValue: { number: 93.4, units: 'RAW' },
      hostnameAndPort: host(0),
      metricName: 'NORMALIZED_SYSTEM_CPU_USER',
      replicaSetName: 'atlas-x7k2pq-shard-0',
    },
    {
      ...base(SEEDED_ALERTS.oplogWindow, ids.projectId, '65a1b2c3d4e5f60718293a02', 'REPLICATION_OPLOG_WINDOW_RUNNING_OUT', 'OPEN', ago(1.5)),
      clusterName: ids.clusters.sharded,
      replicaSetName: 'atlas-m3n8vw-shard-1',
    },
    {
      ...base(SEEDED_ALERTS.dailyBill, ids.projectId, '65a1b2c3d4e5f60718293a03', 'DAILY_BILL_OVER_THRESHOLD', 'OPEN', ago(3)),
      acknowledgedUntil: isoAt(now + 7 * DAY_MS),
      acknowledgementComment: 'budget raised for the migration',
      acknowledgingUsername: 'ada.owner@example.com',
    },
    {
      ...base(SEEDED_ALERTS.diskTracking, ids.projectId, '65a1b2c3d4e5f60718293a04', 'OUTSIDE_METRIC_THRESHOLD', 'TRACKING', ago(0.05)),
      clusterName: ids.clusters.replicaSet,
      currentValue: { number: 88.1, units: 'RAW' },
      hostnameAndPort: host(1),
      metricName: 'DISK_PARTITION_SPACE_USED_DATA',
      replicaSetName: 'atlas-x7k2pq-shard-0',
    },
    {
      ...base(SEEDED_ALERTS.mongosMissing, ids.projectId, '65a1b2c3d4e5f60718293a05', 'CLUSTER_MONGOS_IS_MISSING', 'CLOSED', ago(12)),
      clusterName: ids.clusters.sharded,
      resolved: ago(11.9),
    },
    {
      ...base(SEEDED_ALERTS.usersWithoutMfa, ids.projectId, '65a1b2c3d4e5f60718293a06', 'USERS_WITHOUT_MULTI_FACTOR_AUTH', 'CLOSED', ago(40)),
      resolved: ago(38),
    },
    {
      ...base(SEEDED_ALERTS.noPrimary, ids.projectId, '65a1b2c3d4e5f60718293a07', 'NO_PRIMARY', 'CLOSED', ago(20)),
      clusterName: ids.clusters.paused,
      replicaSetName: 'atlas-q9r4st-shard-0',
      resolved: ago(19.99),
    },
    {
      ...base(SEEDED_ALERTS.staging, ids.stagingProjectId, '65a1b2c3d4e5f60718293a08', 'HOST_DOWN', 'OPEN', ago(0.5)),
      hostnameAndPort: 'atlas-s7g2ng-shard-00-02.s7g2ng.mongodb.net:27017',
      replicaSetName: 'atlas-s7g2ng-shard-0',
    },
  ];
  for (const d of docs) s.alerts.set(d.id, d);
}

function sorted(doc: Json): Json {
  return Object.fromEntries(Object.entries(doc).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** As `get` and the PATCH answer show it: self, alertConfig and alertConfigs links. */
function renderFull(ctx: Ctx, a: Json): Json {
  const group = `${V2}/groups/${a.groupId}`;
  return sorted({
    ...a,
    links: [
      link(ctx.base, `${group}/alerts/${a.id}`),
      link(ctx.base, `${group}/alertConfigs/${a.alertConfigId}`, `${ctx.base}/alertConfig`),
      link(ctx.base, `${group}/alerts/${a.id}/alertConfigs`, `${ctx.base}/alertConfigs`),
    ],
  });
}

/** As lists show it: the self link only. */
function renderSummary(ctx: Ctx, a: Json): Json {
  return sorted({ ...a, links: [link(ctx.base, `${V2}/groups/${a.groupId}/alerts/${a.id}`)] });
}

function requireAlert(ctx: Ctx): Json {
  const p = requireProject(ctx);
  const id = ctx.params.alertId;
  const a = HEX24.test(id) ? ctx.state.alerts.get(id) : undefined;
  // docs: 404 ALERT_NOT_FOUND "No alert with ID %s exists in group %s." (mongodb.com/docs/atlas/reference/api-errors)
  if (!a || a.groupId !== p.id) throw new ApiError(404, 'ALERT_NOT_FOUND', `No alert with ID ${id} exists in group ${p.id}.`, [id, p.id]);
  return a;
}

export const alertHandlers: HandlerTable = {
  listGroupAlerts: (ctx) => {
    const p = requireProject(ctx);
    const status = ctx.query.get('status');
    const items = [...ctx.state.alerts.values()]
      .filter((a) => a.groupId === p.id && (!status || a.status === status))
      .sort((a, b) => (a.created === b.created ? (a.id < b.id ? -1 : 1) : a.created < b.created ? -1 : 1));
    return paginate(ctx, items, (a) => renderSummary(ctx, a));
  },

  getGroupAlert: (ctx) => ({ body: renderFull(ctx, requireAlert(ctx)) }),

  acknowledgeGroupAlert: (ctx) => {
    const a = requireAlert(ctx);
    const b = (ctx.body ?? {}) as Json;
    const unack = ctx.requestVersion === '2023-01-01' ? b.acknowledgedUntil === undefined : b.unacknowledgeAlert === true || b.acknowledgedUntil === undefined;
    const now = ctx.state.isoNow();
    if (unack) {
      delete a.acknowledgedUntil;
      delete a.acknowledgementComment;
      delete a.acknowledgingUsername;
    } else {
      const until = Date.parse(b.acknowledgedUntil);
      if (Number.isNaN(until)) throw new ApiError(400, 'INVALID_ATTRIBUTE', 'Invalid attribute acknowledgedUntil specified.', ['acknowledgedUntil']);
      a.acknowledgedUntil = isoAt(until);
      if (b.acknowledgementComment !== undefined) a.acknowledgementComment = b.acknowledgementComment;
      else delete a.acknowledgementComment;
      a.acknowledgingUsername = ACKNOWLEDGER;
      a.lastNotified = now;
    }
    a.updated = now;
    recordEvent(ctx.state, {
      alertConfigId: a.alertConfigId,
      alertId: a.id,
      eventTypeName: unack ? 'ALERT_UNACKNOWLEDGED_AUDIT' : 'ALERT_ACKNOWLEDGED_AUDIT',
      groupId: a.groupId,
      publicKey: ACKNOWLEDGER,
    });
    return { body: renderFull(ctx, a) };
  },
};
