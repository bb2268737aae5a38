// Routing: a request to /api/atlas/v2 is matched to its spec operation (404/405 otherwise),
// its version negotiated (negotiation.ts: 406, 410), its query and body checked against the
// spec (415, 400; read-only attributes echoed unchanged are dropped, read-only.ts), and handed
// to the resource family's handler; the handler's reply becomes the answer, with the served
// version's media type and Deprecation/Sunset headers.
import type { IncomingMessage } from 'node:http';
import { matchOperation, methodsForPath, type OperationSpec } from '../spec/index.js';
import { QUERY_VALUES_BEYOND_SPEC } from '../spec/served.js';
import { formatIssues, validateQuery, validateRequestBody, type ValidationIssue } from '../spec/validate.js';
import type { Ctx, HandlerTable, Reply } from './context.js';
import { ApiError, errors } from './errors.js';
import { checkContentType, deprecation, negotiate } from './negotiation.js';
import { attributeName, dropEchoedReadOnly, pointerGet } from './read-only.js';
import { accessListHandlers } from './resources/access-list.js';
import { alertHandlers } from './resources/alerts.js';
import { apiKeyHandlers } from './resources/api-keys.js';
import { backupHandlers } from './resources/backup.js';
import { clusterHandlers } from './resources/clusters.js';
import { databaseUserHandlers } from './resources/database-users.js';
import { customRoleHandlers } from './resources/custom-roles.js';
import { encryptionAtRestHandlers } from './resources/encryption-at-rest.js';
import { eventHandlers } from './resources/events.js';
import { flexClusterHandlers } from './resources/flex-clusters.js';
import { flexBackupHandlers } from './resources/flex-backup.js';
import { logHandlers } from './resources/logs.js';
import { maintenanceHandlers } from './resources/maintenance.js';
import { measurementHandlers } from './resources/measurements.js';
import { orgHandlers } from './resources/orgs.js';
import { processHandlers } from './resources/processes.js';
import { projectHandlers } from './resources/projects.js';
import { performanceAdvisorHandlers } from './resources/performance-advisor.js';
import { teamHandlers } from './resources/teams.js';
import { projectAccessHandlers } from './resources/project-access.js';
import { tenantUpgradeHandlers } from './resources/tenant-upgrade.js';
import { sampleDataHandlers } from './resources/sample-data.js';
import { regionHandlers } from './resources/regions.js';
import { alertConfigHandlers } from './resources/alert-configs.js';
import { streamHandlers } from './resources/streams.js';
import { searchIndexHandlers } from './resources/search-indexes.js';
import { serviceAccountHandlers } from './resources/service-accounts.js';
import { invitationHandlers } from './resources/invitations.js';
import { cloudAccessHandlers } from './resources/cloud-access.js';
import { privateEndpointHandlers } from './resources/private-endpoints.js';
import { networkPeeringHandlers } from './resources/network-peering.js';
import type { SimulatorState } from './state.js';
import type { RecordedRequest } from './types.js';
import { header, type Outcome } from './wire.js';

/** Every simulated operation, by operationId: one table per resource family. */
export const HANDLERS: HandlerTable = {
  ...orgHandlers,
  ...projectHandlers,
  ...clusterHandlers,
  ...flexClusterHandlers,
  ...flexBackupHandlers,
  ...alertHandlers,
  ...eventHandlers,
  ...maintenanceHandlers,
  ...databaseUserHandlers,
  ...customRoleHandlers,
  ...accessListHandlers,
  ...apiKeyHandlers,
  ...backupHandlers,
  ...processHandlers,
  ...measurementHandlers,
  ...logHandlers,
  ...encryptionAtRestHandlers,
  ...tenantUpgradeHandlers,
  ...sampleDataHandlers,
  ...regionHandlers,
  ...alertConfigHandlers,
  ...streamHandlers,
  ...performanceAdvisorHandlers,
  ...teamHandlers,
  ...searchIndexHandlers,
  ...projectAccessHandlers,
  ...serviceAccountHandlers,
  ...invitationHandlers,
  ...cloudAccessHandlers,
  ...privateEndpointHandlers,
  ...networkPeeringHandlers,
};

export interface RouteContext {
  state: SimulatorState;
  /** http://host:port of this simulator */
  base: string;
  /** send Deprecation/Sunset for superseded versions */
  deprecationHeaders: boolean;
}

/**
 * Answers an authenticated request to the Admin API: the spec operation's handler, or the
 * ApiError it throws (thrown on, for the pipeline to answer). Sets `rec.operationId` and
 * `rec.version`.
 */
export async function route(rc: RouteContext, req: IncomingMessage, method: string, url: URL, raw: Buffer, rec: RecordedRequest): Promise<Outcome> {
  const m = matchOperation(method, url.pathname);
  if (!m) {
    const allowed = methodsForPath(url.pathname);
    if (allowed.length) throw errors.methodNotAllowed(method, url.pathname, allowed);
    throw errors.resourceNotFound(url.pathname);
  }
  rec.operationId = m.id;
  const today = rc.state.isoNow().slice(0, 10);
  const served = negotiate(m.op, header(req, 'accept'), today);
  const { version, format } = served;
  rec.version = version;

  // as Atlas: a repeated parameter is one value each time (`eventType=A,B` is one unknown
  // type: 400), and the values Atlas serves beyond the spec are accepted (spec/served.ts)
  const qIssues = validateQuery(m.id, url.searchParams, { splitArrays: false, extraEnum: QUERY_VALUES_BEYOND_SPEC[m.id] });
  if (qIssues.length) {
    const first = qIssues[0].pointer.replace(/^\?/, '');
    throw new ApiError(
      400,
      'INVALID_QUERY_PARAMETER',
      `Invalid query parameter ${first}: ${formatIssues(qIssues)}`,
      qIssues.map((i) => i.pointer.replace(/^\?/, '')),
    );
  }

  let body: unknown;
  let requestVersion: string | undefined;
  if (m.op.requestVersions && (raw.length > 0 || m.op.bodyRequired)) {
    requestVersion = checkContentType(m.op, header(req, 'content-type'), served);
    if (!raw.length) throw errors.invalidJson('A request body is required.');
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw errors.malformedJson();
    }
    let issues = validateRequestBody(m.id, requestVersion, body);
    if (issues.some((i) => i.kind !== 'missing')) {
      const current = method === 'PATCH' || method === 'PUT' ? await currentDocument(rc, req, url, today) : undefined;
      issues = dropEchoedReadOnly(body, issues, { params: m.params, current });
    }
    if (issues.length) throw bodyError(body, issues);
  }

  const handler = HANDLERS[m.id];
  if (!handler) throw errors.notImplemented(m.id);
  const ctx: Ctx = {
    state: rc.state,
    operationId: m.id,
    op: m.op,
    params: m.params,
    query: url.searchParams,
    body,
    version,
    requestVersion,
    base: rc.base,
    method,
    pathname: url.pathname,
  };
  const reply = await handler(ctx);
  return success(rc, m.op, version, format, reply);
}

/** The 400 for a body the spec refuses: a changed read-only attribute alone as Atlas names it, else every issue. */
function bodyError(body: unknown, issues: ValidationIssue[]): ApiError {
  if (issues.every((i) => i.kind === 'readOnly')) {
    const first = issues[0];
    if (first.pointer.endsWith('/groupId')) return errors.groupMismatch(String(pointerGet(body, first.pointer)));
    return errors.attributeReadOnly(attributeName(first.pointer));
  }
  // an address the spec's pattern refuses is Atlas's INVALID_IP_ADDRESS_OR_CIDR_NOTATION (400,
  // Atlas API error-code list), in a project's access list as in an API key's
  const address = issues.find((i) => /\/(ipAddress|cidrBlock)$/.test(i.pointer) && i.kind !== 'missing');
  if (address) {
    const value = String(pointerGet(body, address.pointer));
    return new ApiError(400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', `The address ${value} must be in valid IP address or CIDR notation.`, [value]);
  }
  return errors.invalidBody(issues);
}

/**
 * What GET of the same path answers for the request's Accept (the document a client read
 * before changing it); undefined when the path has no GET (or not in that version). An
 * ApiError of the GET (the resource does not exist) is thrown on.
 */
async function currentDocument(rc: RouteContext, req: IncomingMessage, url: URL, today: string): Promise<unknown> {
  const get = matchOperation('GET', url.pathname);
  const handler = get && HANDLERS[get.id];
  if (!get || !handler) return undefined;
  let version: string;
  try {
    version = negotiate(get.op, header(req, 'accept'), today).version;
  } catch {
    return undefined;
  }
  const reply = await handler({
    state: rc.state,
    operationId: get.id,
    op: get.op,
    params: get.params,
    query: new URLSearchParams(),
    body: undefined,
    version,
    base: rc.base,
    method: 'GET',
    pathname: url.pathname,
  });
  return reply.body;
}

function success(rc: RouteContext, op: OperationSpec, version: string, format: string, reply: Reply): Outcome {
  const status = reply.status ?? op.status[0] ?? 200;
  const headers: Record<string, string> = { 'Content-Type': `application/vnd.atlas.${version}+${format}${format === 'json' ? ';charset=utf-8' : ''}` };
  if (rc.deprecationHeaders) Object.assign(headers, deprecation(op, version));
  Object.assign(headers, reply.headers ?? {});
  if (status === 204) return { status, headers };
  if (reply.stream) return { status, headers, stream: reply.stream, unframed: reply.unframed };
  const body = reply.raw ?? Buffer.from(JSON.stringify(reply.body ?? {}));
  return { status, headers, body };
}
