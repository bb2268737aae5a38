// Routing: a request to /api/atlas/v2 is matched to its spec operation (404/405 otherwise),
// its version negotiated (406), its query and body checked against the spec (415, 400), and
// handed to the resource family's handler; the handler's reply becomes the answer, with the
// version's media type and Deprecation/Sunset headers.
import type { IncomingMessage } from 'node:http';
import { matchOperation, methodsForPath, type OperationSpec } from '../spec/index.js';
import { formatIssues, validateQuery, validateRequestBody } from '../spec/validate.js';
import type { Ctx, HandlerTable, Reply } from './context.js';
import { ApiError, errors } from './errors.js';
import { checkContentType, deprecation, negotiate } from './negotiation.js';
import { accessListHandlers } from './resources/access-list.js';
import { alertHandlers } from './resources/alerts.js';
import { apiKeyHandlers } from './resources/api-keys.js';
import { backupHandlers } from './resources/backup.js';
import { clusterHandlers } from './resources/clusters.js';
import { databaseUserHandlers } from './resources/database-users.js';
import { eventHandlers } from './resources/events.js';
import { flexClusterHandlers } from './resources/flex-clusters.js';
import { logHandlers } from './resources/logs.js';
import { maintenanceHandlers } from './resources/maintenance.js';
import { measurementHandlers } from './resources/measurements.js';
import { orgHandlers } from './resources/orgs.js';
import { processHandlers } from './resources/processes.js';
import { projectHandlers } from './resources/projects.js';
import type { SimulatorState } from './state.js';
import type { RecordedRequest } from './types.js';
import { header, type Outcome } from './wire.js';

/** Every simulated operation, by operationId: one table per resource family. */
export const HANDLERS: HandlerTable = {
  ...orgHandlers,
  ...projectHandlers,
  ...clusterHandlers,
  ...flexClusterHandlers,
  ...alertHandlers,
  ...eventHandlers,
  ...maintenanceHandlers,
  ...databaseUserHandlers,
  ...accessListHandlers,
  ...apiKeyHandlers,
  ...backupHandlers,
  ...processHandlers,
  ...measurementHandlers,
  ...logHandlers,
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
  const { version, format } = negotiate(m.op, header(req, 'accept'));
  rec.version = version;

  const qIssues = validateQuery(m.id, url.searchParams);
  if (qIssues.length) {
    const first = qIssues[0].pointer.replace(/^\?/, '');
    throw new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${first}: ${formatIssues(qIssues)}`, qIssues.map((i) => i.pointer.replace(/^\?/, '')));
  }

  let body: unknown;
  let requestVersion: string | undefined;
  if (m.op.requestVersions && (raw.length > 0 || m.op.bodyRequired)) {
    requestVersion = checkContentType(m.op, header(req, 'content-type'), version);
    if (!raw.length) throw errors.invalidJson('A request body is required.');
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw errors.malformedJson();
    }
    const issues = validateRequestBody(m.id, requestVersion, body);
    if (issues.length) {
      const code = issues.every((i) => i.kind === 'missing') ? 'MISSING_ATTRIBUTE' : 'INVALID_ATTRIBUTE';
      throw new ApiError(400, code, `Invalid request body: ${formatIssues(issues)}`, issues.map((i) => i.pointer));
    }
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
