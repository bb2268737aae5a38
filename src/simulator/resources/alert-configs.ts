// Alert configurations of a project: listGroupAlertConfigs, getGroupAlertConfig,
// createGroupAlertConfig, updateGroupAlertConfig (PUT), toggleGroupAlertConfig (PATCH
// {enabled}), deleteGroupAlertConfig.
//
// Rules, and where they come from:
// - the document is GroupAlertsConfig (spec): id, groupId, created, updated, enabled,
//   eventTypeName, matchers, notifications, metricThreshold or threshold where the event type
//   has one, links (self); a list is the paginated envelope;
// - `enabled` defaults to false (spec: `default: false` on every alert-config schema's
//   `enabled`), in a create and in a PUT, which replaces the whole configuration (spec:
//   "Update One Alert Configuration"; the toggle is its own operation, which "updates only the
//   enabled/disabled state");
// - each notification gets a `notifierId` (spec: "a system-generated unique identifier
//   assigned to each notification method … needed when updating third-party notifications
//   without requiring explicit authentication credentials"): a PUT whose notification names
//   a notifierId of the configuration and leaves a credential out keeps the stored one;
// - credentials are never answered in full (spec, notification schemas: API and integration
//   keys "appear partially redacted" when queried through the API; the webhook secret
//   "appears completely redacted"); the exact redacted form is a guess (README, Guesses);
// - an unknown or malformed id: 404 ALERT_CONFIG_NOT_FOUND "No alert configuration with ID
//   <ID> exists in group <group>." (Atlas API error-code list, mongodb/docs
//   content/atlas/source/reference/api-errors.txt);
// - creating, changing and deleting one adds ALERT_CONFIG_ADDED_AUDIT / _CHANGED_AUDIT /
//   _DELETED_AUDIT to the project's events (the event types recorded in
//   recorded/generic/events/TestEvents/List_Project_Events).
// State: kept here, per project record (a WeakMap: a reset makes new project records, so the
// state goes with them); the seeded projects get their configurations when first read.
import { HEX24, link, paginate, requireProject, sortedKeys, storeBeside, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { Json, Project } from '../state.js';
import { recordEvent } from './events.js';

/** The notification fields that hold credentials (src/spec/secrets.json lists the same for the alert-config operations). */
export const NOTIFICATION_SECRETS = [
  'apiToken',
  'datadogApiKey',
  'microsoftTeamsWebhookUrl',
  'notificationToken',
  'opsGenieApiKey',
  'serviceKey',
  'victorOpsApiKey',
  'victorOpsRoutingKey',
  'webhookBodyTemplate',
  'webhookHeadersTemplate',
  'webhookSecret',
  'webhookUrl',
] as const;
/** Shown as asterisks alone (spec: the webhook secret "appears completely redacted"; the templates are `format: password`). */
const FULLY_REDACTED = new Set(['webhookSecret', 'webhookBodyTemplate', 'webhookHeadersTemplate']);

/** The projects with seeded configurations (SEED.projectId, SEED.stagingProjectId, written out: this module does not import the seed). */
export const ALERT_CONFIG_PROJECTS = { main: 'b0123456789abcdef012345b', staging: 'b1123456789abcdef012345b' } as const;

/** The seeded configurations' ids: those the seeded alerts name in `alertConfigId` (resources/alerts.ts), and one more with credentials. */
export const SEEDED_ALERT_CONFIGS = {
  hostCpu: '65a1b2c3d4e5f60718293a01',
  oplogWindow: '65a1b2c3d4e5f60718293a02',
  dailyBill: '65a1b2c3d4e5f60718293a03',
  disk: '65a1b2c3d4e5f60718293a04',
  mongosMissing: '65a1b2c3d4e5f60718293a05',
  usersWithoutMfa: '65a1b2c3d4e5f60718293a06',
  noPrimary: '65a1b2c3d4e5f60718293a07',
  stagingHostDown: '65a1b2c3d4e5f60718293a08',
  pagerDuty: '65a1b2c3d4e5f60718293a09',
} as const;

/** The credentials of the seeded configuration 65a1…a09: what tests look for in output (it must never appear). */
export const SEEDED_NOTIFICATION_SECRETS = { serviceKey: 'pd-service-key-0123456789abcdef', apiToken: 'xoxb-seeded-slack-token-4242' } as const;

const SEED_CREATED = '2025-01-15T10:00:00Z';

const group = (extra: Json = {}): Json => ({ delayMin: 0, emailEnabled: true, intervalMin: 60, roles: ['GROUP_OWNER'], smsEnabled: false, typeName: 'GROUP', ...extra });

function seeded(groupId: string): Json[] {
  const c = (id: string, eventTypeName: string, rest: Json): Json => ({
    created: SEED_CREATED,
    enabled: true,
    eventTypeName,
    groupId,
    id,
    matchers: [],
    updated: SEED_CREATED,
    ...rest,
  });
  if (groupId === ALERT_CONFIG_PROJECTS.staging) {
    return [c(SEEDED_ALERT_CONFIGS.stagingHostDown, 'HOST_DOWN', { notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b08' })] })];
  }
  if (groupId !== ALERT_CONFIG_PROJECTS.main) return [];
  const S = SEEDED_ALERT_CONFIGS;
  return [
    c(S.hostCpu, 'OUTSIDE_METRIC_THRESHOLD', {
      metricThreshold: { metricName: 'NORMALIZED_SYSTEM_CPU_USER', mode: 'AVERAGE', operator: 'GREATER_THAN', threshold: 90, units: 'RAW' },
      notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b01' })],
    }),
    c(S.oplogWindow, 'REPLICATION_OPLOG_WINDOW_RUNNING_OUT', {
      threshold: { operator: 'LESS_THAN', threshold: 1, units: 'HOURS' },
      notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b02' })],
    }),
    c(S.dailyBill, 'DAILY_BILL_OVER_THRESHOLD', {
      threshold: { operator: 'GREATER_THAN', threshold: 100, units: 'RAW' },
      notifications: [{ delayMin: 0, emailAddress: 'billing@example.com', intervalMin: 1440, notifierId: '65a1b2c3d4e5f60718293b03', typeName: 'EMAIL' }],
    }),
    c(S.disk, 'OUTSIDE_METRIC_THRESHOLD', {
      metricThreshold: { metricName: 'DISK_PARTITION_SPACE_USED_DATA', mode: 'AVERAGE', operator: 'GREATER_THAN', threshold: 85, units: 'RAW' },
      notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b04' })],
    }),
    c(S.mongosMissing, 'CLUSTER_MONGOS_IS_MISSING', { notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b05' })] }),
    c(S.usersWithoutMfa, 'USERS_WITHOUT_MULTI_FACTOR_AUTH', { enabled: false, notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b06' })] }),
    c(S.noPrimary, 'NO_PRIMARY', { notifications: [group({ notifierId: '65a1b2c3d4e5f60718293b07' })] }),
    c(S.pagerDuty, 'HOST_DOWN', {
      notifications: [
        { delayMin: 0, notifierId: '65a1b2c3d4e5f60718293b09', region: 'US', serviceKey: SEEDED_NOTIFICATION_SECRETS.serviceKey, typeName: 'PAGER_DUTY' },
        { apiToken: SEEDED_NOTIFICATION_SECRETS.apiToken, channelName: 'ops-alerts', delayMin: 5, intervalMin: 60, notifierId: '65a1b2c3d4e5f60718293b0a', typeName: 'SLACK' },
      ],
    }),
  ];
}

/** The alert configurations of a project, by id, in creation order (seeded on first use). */
const configsOf = storeBeside((p: Project): Map<string, Json> => new Map(seeded(p.id).map((c) => [c.id as string, c])));

/** `pd-service-key-0123456789abcdef` → `***************************cdef` (partially), or asterisks alone. */
export function redact(field: string, value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value;
  if (FULLY_REDACTED.has(field) || value.length <= 8) return '*'.repeat(Math.max(8, value.length));
  return `${'*'.repeat(value.length - 4)}${value.slice(-4)}`;
}

/** As Atlas answers it: keys sorted, credentials redacted, the self link. */
function render(ctx: Ctx, c: Json): Json {
  const notifications = (c.notifications as Json[]).map((n) => {
    const out: Json = { ...n };
    for (const f of NOTIFICATION_SECRETS) if (out[f] !== undefined) out[f] = redact(f, out[f]);
    return sortedKeys(out);
  });
  return sortedKeys({ ...c, notifications, links: [link(ctx.base, `${V2}/groups/${c.groupId}/alertConfigs/${c.id}`)] });
}

function requireConfig(ctx: Ctx, p: Project): Json {
  const id = ctx.params.alertConfigId ?? '';
  const c = HEX24.test(id) ? configsOf(p).get(id) : undefined;
  if (!c) throw new ApiError(404, 'ALERT_CONFIG_NOT_FOUND', `No alert configuration with ID ${id} exists in group ${p.id}.`, [id, p.id]);
  return c;
}

/** The body's notifications with notifierIds; a credential left out of one naming a stored notifier is kept (`old`). */
function notificationsOf(ctx: Ctx, body: Json, old: Json[] = []): Json[] {
  return ((body.notifications ?? []) as Json[]).map((n) => {
    const out: Json = structuredClone(n);
    const before = typeof n.notifierId === 'string' ? old.find((o) => o.notifierId === n.notifierId) : undefined;
    if (before) for (const f of NOTIFICATION_SECRETS) if (out[f] === undefined && before[f] !== undefined) out[f] = before[f];
    out.notifierId ??= ctx.state.newId();
    return out;
  });
}

/** The writable part of a body (what GroupAlertsConfig takes), with Atlas's defaults. */
function configFrom(ctx: Ctx, body: Json, old?: Json): Json {
  const doc: Json = {};
  for (const [k, v] of Object.entries(body)) if (!['id', 'groupId', 'created', 'updated', 'links', 'notifications'].includes(k)) doc[k] = structuredClone(v);
  doc.enabled ??= false;
  doc.matchers ??= [];
  doc.notifications = notificationsOf(ctx, body, (old?.notifications ?? []) as Json[]);
  return doc;
}

export const alertConfigHandlers: HandlerTable = {
  listGroupAlertConfigs: (ctx) => {
    const p = requireProject(ctx);
    return paginate(ctx, [...configsOf(p).values()], (c) => render(ctx, c));
  },
  getGroupAlertConfig: (ctx) => {
    const p = requireProject(ctx);
    return { body: render(ctx, requireConfig(ctx, p)) };
  },
  createGroupAlertConfig: (ctx) => {
    const p = requireProject(ctx);
    const now = ctx.state.isoNow();
    const c: Json = { ...configFrom(ctx, ctx.body as Json), id: ctx.state.newId(), groupId: p.id, created: now, updated: now };
    configsOf(p).set(c.id as string, c);
    recordEvent(ctx.state, { groupId: p.id, eventTypeName: 'ALERT_CONFIG_ADDED_AUDIT', alertConfigId: c.id, publicKey: 'simpublickey' });
    return { body: render(ctx, c) };
  },
  updateGroupAlertConfig: (ctx) => {
    const p = requireProject(ctx);
    const old = requireConfig(ctx, p);
    const c: Json = { ...configFrom(ctx, ctx.body as Json, old), id: old.id, groupId: p.id, created: old.created, updated: ctx.state.isoNow() };
    configsOf(p).set(c.id as string, c);
    recordEvent(ctx.state, { groupId: p.id, eventTypeName: 'ALERT_CONFIG_CHANGED_AUDIT', alertConfigId: c.id, publicKey: 'simpublickey' });
    return { body: render(ctx, c) };
  },
  toggleGroupAlertConfig: (ctx) => {
    const p = requireProject(ctx);
    const c = requireConfig(ctx, p);
    const enabled = (ctx.body as Json).enabled;
    if (typeof enabled === 'boolean' && enabled !== c.enabled) {
      c.enabled = enabled;
      c.updated = ctx.state.isoNow();
      recordEvent(ctx.state, { groupId: p.id, eventTypeName: 'ALERT_CONFIG_CHANGED_AUDIT', alertConfigId: c.id, publicKey: 'simpublickey' });
    }
    return { body: render(ctx, c) };
  },
  deleteGroupAlertConfig: (ctx) => {
    const p = requireProject(ctx);
    const c = requireConfig(ctx, p);
    configsOf(p).delete(c.id as string);
    recordEvent(ctx.state, { groupId: p.id, eventTypeName: 'ALERT_CONFIG_DELETED_AUDIT', alertConfigId: c.id, publicKey: 'simpublickey' });
    return { status: 204 };
  },
};
