// The built-in database roles, a leaf module: database users (database-users.ts) and custom
// roles (custom-roles.ts, which inherit them) both check names against it.

export const ADMIN_ONLY_ROLES = ['atlasAdmin', 'backup', 'clusterMonitor', 'dbAdminAnyDatabase', 'enableSharding', 'readAnyDatabase', 'readWriteAnyDatabase'];
/** The built-in roles: the spec's enum of DatabaseUserRole.roleName, less its "<a custom role name>". */
export const BUILT_IN_ROLES = ['dbAdmin', 'read', 'readWrite', ...ADMIN_ONLY_ROLES];
