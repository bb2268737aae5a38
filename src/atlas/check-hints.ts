/**
 * How a user checks whether a write took effect when its answer was lost. A command
 * can say it precisely (`RequestSpec.checkWith`); these cover the writes whose commands
 * do not, and the generic answer names the resource path to read.
 */
import type { RequestSpec } from './client.js';
import type { OperationId } from '../spec/operation-types.js';

type Derive = (spec: RequestSpec) => string | undefined;

const name = (spec: RequestSpec): string | undefined => {
  const b = spec.body as { name?: unknown } | undefined;
  return typeof b?.name === 'string' ? b.name : undefined;
};

const BY_OPERATION: { [Id in OperationId]?: (spec: RequestSpec<Id>) => string | undefined } = {
  createGroupCluster: (s) => (name(s) ? `atlascli cluster get ${name(s)}` : 'atlascli cluster list'),
  updateGroupCluster: (s) => (s.pathParams?.clusterName ? `atlascli cluster get ${s.pathParams.clusterName}` : undefined),
  createGroup: (s) => (name(s) ? `atlascli project get --name ${name(s)}` : 'atlascli project list'),
  updateGroup: (s) => (s.pathParams?.groupId ? `atlascli project get ${s.pathParams.groupId}` : undefined),
  createGroupClusterBackupRestoreJob: (s) => (s.pathParams?.clusterName ? `atlascli backup restore list ${s.pathParams.clusterName}` : undefined),
};

/**
 * The check to suggest for a write of `spec` sent to `path` (the API path, e.g.
 * /api/atlas/v2/groups/{id}/clusters): the caller's `checkWith`, else one known for the
 * operation, else "read <path>".
 */
export function checkHint(spec: RequestSpec, path: string): string {
  const check = spec.checkWith ?? (BY_OPERATION[spec.operationId] as Derive | undefined)?.(spec);
  return check ? `check with \`${check}\` before trying again` : `check whether it did (GET ${path}) before trying again`;
}
