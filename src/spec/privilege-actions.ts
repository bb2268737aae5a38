/**
 * The privilege actions of a custom database role that may be granted on the cluster
 * resource (`{cluster: true}`: `--privilege ACTION` with no `@db`). The spec lists the
 * actions (DatabasePrivilegeAction.action's enum) but not the resource each applies to;
 * that is MongoDB's "Privilege Actions" reference (each action's "Apply this action to the
 * cluster resource"), which Atlas's "Custom Role Actions" page links for every action.
 * Atlas refuses any other action on the cluster resource: 400 ATLAS_INVALID_RESOURCE "One
 * or more of the selected actions was applied to an incorrect resource." (Atlas
 * Administration API error codes). The CLI checks `--privilege` against this list at parse
 * time and the simulator refuses the same.
 *
 * Atlas-only actions the MongoDB reference does not describe (Atlas Data Federation's
 * storage and $out actions, Atlas Stream Processing's) are taken as cluster-wide, as Atlas
 * grants them to the whole deployment: a guess, listed in src/simulator/README.md.
 */
export const CLUSTER_ACTIONS: readonly string[] = [
  // MongoDB "Privilege Actions": cluster resource
  'USE_UUID',
  'KILL_OP',
  'BYPASS_DEFAULT_MAX_TIME_MS',
  'SET_USER_WRITE_BLOCK',
  'BYPASS_USER_WRITE_BLOCK',
  'LIST_SESSIONS',
  'KILL_ANY_SESSION',
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
  'REPL_SET_GET_CONFIG',
  'REPL_SET_GET_STATUS',
  'SERVER_STATUS',
  'SHARDING_STATE',
  'TOP',
  'FLUSH_ROUTER_CONFIG',
  'CHECK_METADATA_CONSISTENCY',
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
