/**
 * The atlascli command that shows whether a write took effect when its answer was lost,
 * for the writes whose commands do not say it themselves (`RequestSpec.checkWith`). The
 * core names no CLI command: the program hands this to the client (ClientOptions.checkWith).
 */
import type { RequestSpec } from '../atlas/client.js';
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

/** The command to check a write of `spec` with, when one is known for its operation. */
export function checkCommandFor(spec: RequestSpec): string | undefined {
  return (BY_OPERATION[spec.operationId] as Derive | undefined)?.(spec);
}
