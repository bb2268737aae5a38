/**
 * The privilege actions of a custom database role that may be granted on the cluster
 * resource (`{cluster: true}`: `--privilege ACTION` with no `@db`). The spec lists the
 * actions (DatabasePrivilegeAction.action's enum) but not the resource each applies to.
 * Atlas refuses any other action on the cluster resource: 400 ATLAS_INVALID_RESOURCE "One
 * or more of the selected actions was applied to an incorrect resource." (Atlas
 * Administration API error codes). The CLI checks `--privilege` against this list at parse
 * time and the simulator refuses the same; neither checks an action given on a database or
 * collection, so an action that applies to both (ENABLE_SHARDING, CHECK_METADATA_CONSISTENCY,
 * SPLIT_CHUNK) is simply listed here.
 *
 * Sources, checked against the pages (each action's "Apply this action to …" line):
 * - MongoDB Manual, "Privilege Actions",
 *   https://www.mongodb.com/docs/manual/reference/privilege-actions/ (the same text in the
 *   v7.0 and v8.0 versions of the page), sections Query and Write Actions (useUUID),
 *   Deployment Management Actions (inprog, killop), Replication Actions (replSetGetConfig,
 *   replSetGetStatus), Sharding Actions, Server Administration Actions, Session Actions and
 *   Diagnostic Actions. Atlas's "Custom Role Actions" page
 *   (https://www.mongodb.com/docs/atlas/reference/custom-role-actions/) maps each API name
 *   to these actions (SET_USER_WRITE_BLOCK is setUserWriteBlockMode, BYPASS_USER_WRITE_BLOCK
 *   is bypassWriteBlockingMode) without naming resources, and the official CLI's
 *   `customDbRoles create --privilege` help sends readers to the manual page for which
 *   actions are cluster-wide.
 * - Not on the cluster, by the same page: the query, write, database-management and index
 *   actions (database or collection), KILL_ANY_CURSOR (collection), CHANGE_STREAM (a
 *   collection, a database or all databases: a namespace, never `cluster`), the Atlas Search
 *   index actions (database, collection or view), ANALYZE_SHARD_KEY, MOVE_CHUNK,
 *   REFINE_COLLECTION_SHARD_KEY, CLEAR_JUMBO_FLAG, RESHARD_COLLECTION (database or
 *   collection), and COMPACT: compact is a database or collection action; the page's cluster
 *   grant for autoCompact is for self-managed deployments only, Atlas gives autoCompact
 *   through a built-in role (manual, "autoCompact", Required Privileges).
 * - ANALYZE is not on the page at all; it stays off the cluster.
 *
 * Where the page is not plain:
 * - SPLIT_CHUNK: the v7.0, v8.0 and current pages apply splitChunk to the cluster resource;
 *   the v4.4 page (…/docs/v4.4/reference/privilege-actions/) said database or collection and
 *   the v6.0 page leaves it out. Listed here, the current page winning (taken on both).
 * - BYPASS_DEFAULT_MAX_TIME_MS (Server Administration Actions) and
 *   SHARDED_DATA_DISTRIBUTION (Sharding Actions) have no "Apply this action to" line; both
 *   are cluster-wide by what they do (a deployment's defaultMaxTimeMS; a stage run on admin
 *   over every sharded collection): a guess, listed in src/simulator/README.md.
 * - NET_STAT: netstat is on the v4.4 page (Diagnostic Actions, cluster resource), no longer
 *   on the current one.
 *
 * Atlas-only actions the MongoDB reference does not describe (Atlas Data Federation's
 * storage, history and $out actions; Atlas Stream Processing's, which its "Stream Processing
 * Privilege Actions" page says apply to the stream processing workspace as a whole) are
 * taken as cluster-wide: a guess, listed in src/simulator/README.md. Data Federation's
 * SQL_GET_SCHEMA and SQL_SET_SCHEMA act on a collection's schema and stay off the cluster
 * (also a guess).
 */
export const CLUSTER_ACTIONS: readonly string[] = [
  // manual: Query and Write Actions
  'USE_UUID',
  // manual: Deployment Management Actions
  'KILL_OP',
  // manual: Server Administration Actions (no resource line for BYPASS_DEFAULT_MAX_TIME_MS: a guess)
  'BYPASS_DEFAULT_MAX_TIME_MS',
  'SET_USER_WRITE_BLOCK',
  'BYPASS_USER_WRITE_BLOCK',
  // manual: Session Actions
  'LIST_SESSIONS',
  'KILL_ANY_SESSION',
  // manual: Diagnostic Actions (NET_STAT: older versions of the page)
  'CONN_POOL_STATS',
  'GET_CMD_LINE_OPTS',
  'GET_LOG',
  'GET_PARAMETER',
  'GET_SHARD_MAP',
  'HOST_INFO',
  'IN_PROG',
  'LIST_DATABASES',
  'LIST_SHARDS',
  'NET_STAT',
  // manual: Replication Actions
  'REPL_SET_GET_CONFIG',
  'REPL_SET_GET_STATUS',
  // manual: Diagnostic Actions, Sharding Actions
  'SERVER_STATUS',
  'SHARDING_STATE',
  'TOP',
  // manual: Sharding Actions (ENABLE_SHARDING, CHECK_METADATA_CONSISTENCY: also database or
  // collection; SPLIT_CHUNK: see above; SHARDED_DATA_DISTRIBUTION: no resource line, a guess)
  'FLUSH_ROUTER_CONFIG',
  'ENABLE_SHARDING',
  'CHECK_METADATA_CONSISTENCY',
  'SPLIT_CHUNK',
  'SHARDED_DATA_DISTRIBUTION',
  // Atlas-only (guess: see above)
  'VIEW_ALL_HISTORY',
  'OUT_TO_S3',
  'OUT_TO_AZURE',
  'OUT_TO_GCS',
  'STORAGE_GET_CONFIG',
  'STORAGE_SET_CONFIG',
  'GET_STREAM_PROCESSOR',
  'CREATE_STREAM_PROCESSOR',
  'PROCESS_STREAM_PROCESSOR',
  'MODIFY_STREAM_PROCESSOR',
  'START_STREAM_PROCESSOR',
  'STOP_STREAM_PROCESSOR',
  'DROP_STREAM_PROCESSOR',
  'SAMPLE_STREAM_PROCESSOR',
  'LIST_STREAM_PROCESSORS',
  'LIST_CONNECTIONS',
  'STREAM_PROCESSOR_STATS',
];

/** True when Atlas takes the action on the cluster resource (exact, upper case). */
export function isClusterAction(action: string): boolean {
  return CLUSTER_ACTIONS.includes(action);
}
