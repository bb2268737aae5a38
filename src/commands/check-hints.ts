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

const field = (spec: RequestSpec, key: string): string | undefined => {
  const v = (spec.body as Record<string, unknown> | undefined)?.[key];
  return typeof v === 'string' ? v : undefined;
};

/** `atlascli user get <name>`, with `--auth-db` when it is not the default admin. */
const userGet = (username: string | undefined, db: string | undefined): string | undefined =>
  username ? `atlascli user get ${username}${db && db !== 'admin' ? ` --auth-db ${db}` : ''}` : 'atlascli user list';

const BY_OPERATION: { [Id in OperationId]?: (spec: RequestSpec<Id>) => string | undefined } = {
  createGroupCluster: (s) => (name(s) ? `atlascli cluster get ${name(s)}` : 'atlascli cluster list'),
  updateGroupCluster: (s) => (s.pathParams?.clusterName ? `atlascli cluster get ${s.pathParams.clusterName}` : undefined),
  createGroup: (s) => (name(s) ? `atlascli project get --name ${name(s)}` : 'atlascli project list'),
  updateGroup: (s) => (s.pathParams?.groupId ? `atlascli project get ${s.pathParams.groupId}` : undefined),
  createGroupClusterBackupRestoreJob: (s) => (s.pathParams?.clusterName ? `atlascli backup restore list ${s.pathParams.clusterName}` : undefined),
  createGroupFlexCluster: (s) => (name(s) ? `atlascli cluster get ${name(s)}` : 'atlascli cluster list'),
  createGroupDatabaseUser: (s) => userGet(field(s, 'username'), field(s, 'databaseName')),
  updateGroupDatabaseUser: (s) => userGet(s.pathParams?.username, s.pathParams?.databaseName),
  createGroupAccessListEntry: () => 'atlascli whitelist list',
  takeGroupClusterBackupSnapshots: (s) => (s.pathParams?.clusterName ? `atlascli backup snapshot list ${s.pathParams.clusterName}` : undefined),
  updateGroupClusterBackupSchedule: (s) => (s.pathParams?.clusterName ? `atlascli backup schedule get ${s.pathParams.clusterName}` : undefined),
  acknowledgeGroupAlert: (s) => (s.pathParams?.alertId ? `atlascli alert get ${s.pathParams.alertId}` : undefined),
  updateGroupMaintenanceWindow: () => 'atlascli maintenance get',
  updateGroupSettings: () => 'atlascli project settings get',
  upgradeGroupClusterTenantUpgrade: (s) => (name(s) ? `atlascli cluster get ${name(s)}` : 'atlascli cluster list'),
  tenantGroupFlexClusterUpgrade: (s) => (name(s) ? `atlascli cluster get ${name(s)}` : 'atlascli cluster list'),
  createGroupCustomDbRoleRole: (s) => (field(s, 'roleName') ? `atlascli custom-role get ${field(s, 'roleName')}` : 'atlascli custom-role list'),
  updateGroupCustomDbRoleRole: (s) => (s.pathParams?.roleName ? `atlascli custom-role get ${s.pathParams.roleName}` : undefined),
};

/** The command to check a write of `spec` with, when one is known for its operation. */
export function checkCommandFor(spec: RequestSpec): string | undefined {
  return (BY_OPERATION[spec.operationId] as Derive | undefined)?.(spec);
}
