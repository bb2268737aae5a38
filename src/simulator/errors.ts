// Atlas ApiError bodies: {"detail","error","errorCode","parameters","reason"}.
import { STATUS_CODES } from 'node:http';

export interface ApiErrorBody {
  detail: string;
  error: number;
  errorCode: string;
  parameters: unknown[];
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly detail: string,
    readonly parameters: unknown[] = [],
    /** extra response headers, e.g. Retry-After */
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${errorCode}: ${detail}`);
  }

  toBody(): ApiErrorBody {
    return {
      detail: this.detail,
      error: this.status,
      errorCode: this.errorCode,
      parameters: this.parameters,
      reason: reasonPhrase(this.status),
    };
  }
}

export function reasonPhrase(status: number): string {
  return STATUS_CODES[status] ?? 'Error';
}

// Constructors for the errors Atlas returns, with Atlas' wording where known.
export const errors = {
  unauthorized: () => new ApiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.'),
  versionNotAcceptable: (detail = 'Invalid accept header or version date.') =>
    new ApiError(406, 'INVALID_VERSION_DATE', detail),
  unsupportedMediaType: (ct: string) =>
    new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type ${ct || '(none)'}; send application/vnd.atlas.<version>+json.`, [ct]),
  resourceNotFound: (path: string) =>
    new ApiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path]),
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new ApiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}.`, [method, path], { Allow: allowed.join(', ') }),
  invalidJson: (detail = 'Received JSON is malformed.') => new ApiError(400, 'INVALID_JSON', detail),
  invalidAttribute: (name: string, why: string) =>
    new ApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${name} specified: ${why}.`, [name]),
  missingAttribute: (name: string) =>
    new ApiError(400, 'MISSING_ATTRIBUTE', `The required attribute ${name} was not specified.`, [name]),
  invalidQuery: (name: string, why: string) =>
    new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name}: ${why}.`, [name]),
  invalidGroupId: (id: string) => new ApiError(400, 'INVALID_GROUP_ID', `An invalid group ID ${id} was specified.`, [id]),
  invalidOrgId: (id: string) => new ApiError(400, 'INVALID_ORG_ID', `An invalid organization ID ${id} was specified.`, [id]),
  groupNotFound: (id: string) => new ApiError(404, 'GROUP_NOT_FOUND', `No group with ID ${id} exists.`, [id]),
  groupNameNotFound: (name: string) =>
    new ApiError(404, 'GROUP_NAME_NOT_FOUND', `No group with name "${name}" exists.`, [name]),
  orgNotFound: (id: string) => new ApiError(404, 'ORG_NOT_FOUND', `No organization with ID ${id} exists.`, [id]),
  groupAlreadyExists: (name: string) =>
    new ApiError(409, 'GROUP_ALREADY_EXISTS', `A group with name "${name}" already exists.`, [name]),
  groupHasClusters: (id: string) =>
    new ApiError(409, 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', `Cannot close group ${id} while it has active clusters. Terminate all clusters first.`, [id]),
  clusterNotFound: (name: string, groupId: string) =>
    new ApiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${groupId}.`, [name, groupId]),
  // Atlas answers a duplicate name with 400, not 409 (Atlas API error-code reference:
  // "DUPLICATE_CLUSTER_NAME 400 A cluster named %s is already present in group %s.")
  duplicateClusterName: (name: string, groupId: string) =>
    new ApiError(400, 'DUPLICATE_CLUSTER_NAME', `A cluster named ${name} is already present in group ${groupId}.`, [name, groupId]),
  duplicateClusterNamePrefix: (name: string, chars: number) =>
    new ApiError(400, 'DUPLICATE_CLUSTER_NAME_PREFIX', `Cluster name ${name} cannot have same first ${chars} characters as another cluster name in same group.`, [name, chars]),
  freeClusterLimit: () =>
    new ApiError(
      400,
      'CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API',
      'Cannot create a cluster with instance size M0 via the public api: This project has reached the limit for the number of free clusters.',
      ['This project has reached the limit for the number of free clusters'],
    ),
  flexInClusterApi: (name: string) =>
    new ApiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Flex cluster ${name} cannot be used in the Cluster API.`, [name]),
  nonFlexInFlexApi: (name: string) =>
    new ApiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cannot use non-flex cluster ${name} in the flex API.`, [name]),
  clusterAlreadyPaused: (name: string) => new ApiError(409, 'CLUSTER_ALREADY_PAUSED', 'Cannot pause a cluster that is already paused.', [name]),
  cannotUpdateAndPause: (name: string) =>
    new ApiError(409, 'CANNOT_UPDATE_AND_PAUSE_CLUSTER', `Cannot update and pause cluster ${name} at the same time.`, [name]),
  cannotPauseWithPendingChanges: (name: string) =>
    new ApiError(409, 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES', 'Cannot pause a cluster with pending changes.', [name]),
  cannotPauseRecentlyResumed: (name: string) =>
    new ApiError(409, 'CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER', `Cannot pause cluster ${name}: it was resumed less than 60 minutes ago.`, [name]),
  cannotPauseNvme: (name: string) => new ApiError(409, 'CANNOT_PAUSE_NVME_CLUSTER', 'Cannot pause an NVMe Cluster.', [name]),
  cannotUpdatePausedCluster: (name: string) =>
    new ApiError(409, 'CANNOT_UPDATE_PAUSED_CLUSTER', `Cannot update cluster ${name} while it is paused or being paused.`, [name]),
  // Atlas answers 400 here (Terraform provider CI logs: "DELETE: HTTP 400 Bad Request (Error code:
  // CLUSTER_ALREADY_REQUESTED_DELETION) Detail: The cluster … has already been requested for deletion").
  clusterDeleting: (name: string) =>
    new ApiError(400, 'CLUSTER_ALREADY_REQUESTED_DELETION', `The cluster ${name} has already been requested for deletion.`, [name]),
  terminationProtection: (name: string, groupId: string) =>
    new ApiError(
      400,
      'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED',
      'Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again.',
      [`Cannot terminate cluster ${name} in group ${groupId} because termination protection is enabled. Disable termination protection and try again.`],
    ),
  // cloud backup (resources/backup.ts); CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API as Atlas answers a Flex
  // cluster on the dedicated-cluster API (the flex recordings under recorded/backup/ show the reverse)
  flexClusterInClusterApi: (name: string) =>
    new ApiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Flex cluster ${name} cannot be used in the Cluster API.`, [name]),
  backupNotEnabled: (name: string) =>
    new ApiError(400, 'BACKUP_NOT_ENABLED', `Cloud backup is not enabled for cluster ${name}.`, [name]),
  invalidId: (what: string, id: string) =>
    new ApiError(400, 'INVALID_ID', `An invalid ${what} ID ${id} was specified.`, [id]),
  snapshotNotFound: (id: string, cluster: string) =>
    new ApiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists for cluster ${cluster}.`, [id, cluster]),
  snapshotNotComplete: (id: string, status: string) =>
    new ApiError(400, 'SNAPSHOT_NOT_COMPLETE', `Snapshot ${id} is ${status}; wait until it is completed.`, [id, status]),
  onDemandSnapshotInProgress: (cluster: string, id: string) =>
    new ApiError(400, 'ON_DEMAND_SNAPSHOT_IN_PROGRESS', `An on-demand snapshot (${id}) of cluster ${cluster} is queued or in progress; wait until it completes before taking another.`, [cluster, id]),
  restoreJobNotFound: (id: string, cluster: string) =>
    new ApiError(404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${id} exists for cluster ${cluster}.`, [id, cluster]),
  restoreJobNotCancellable: (id: string, state: string) =>
    new ApiError(400, 'CANNOT_CANCEL_RESTORE_JOB', `Restore job ${id} cannot be cancelled: it is ${state}.`, [id, state]),
  restoreInProgress: (target: string, jobId: string) =>
    new ApiError(409, 'RESTORE_IN_PROGRESS', `Cluster ${target} is already the target of restore job ${jobId}.`, [target, jobId]),
  teamNotFound: (id: string) => new ApiError(404, 'TEAM_NOT_FOUND', `No team with ID ${id} exists.`, [id]),
  rateLimited: (retryAfterSec: number) =>
    new ApiError(429, 'RATE_LIMITED', 'Resource requests for this API key have exceeded the rate limit. Retry later.', [], {
      'Retry-After': String(retryAfterSec),
    }),
  notImplemented: (operationId: string) =>
    new ApiError(501, 'NOT_IMPLEMENTED', `The simulator does not implement ${operationId} yet.`, [operationId]),
};
