// Atlas ApiError bodies: {"detail","error","errorCode","parameters","reason"}.
import { STATUS_CODES } from 'node:http';
import { formatIssues, type ValidationIssue } from '../spec/validate.js';

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
// "docs" below is MongoDB's Atlas Administration API error-code list: the table in
// mongodb/docs content/atlas/source/reference/api-errors.txt, published as
// mongodb.com/docs/atlas/reference/api-errors (code, HTTP status, description).
export const errors = {
  // 401 and this detail: real Atlas answers quoted in public issues (akshaykarle/terraform-provider-mongodbatlas
  // #88, #102: "401 You are not authorized for this resource"); the errorCode UNAUTHORIZED is unconfirmed
  unauthorized: () => new ApiError(401, 'UNAUTHORIZED', 'You are not authorized for this resource.'),
  // 406 INVALID_VERSION_DATE "Invalid accept header or version date.": real Atlas answers pasted in public
  // GitHub code (find_string hits quoting {"error":406,"errorCode":"INVALID_VERSION_DATE","reason":"Not Acceptable"});
  // the docs list it as 400 for a request with no version at all, which the simulator does not model
  versionNotAcceptable: (detail = 'Invalid accept header or version date.') => new ApiError(406, 'INVALID_VERSION_DATE', detail),
  // unconfirmed: no recording, spec or public answer shows Atlas's code for a wrong Content-Type
  unsupportedMediaType: (ct: string) =>
    new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', `Unsupported Content-Type ${ct || '(none)'}; send application/json or application/vnd.atlas.<version>+json.`, [ct]),
  // 404 RESOURCE_NOT_FOUND "Cannot find resource %s.": spec (notFound example) and docs
  resourceNotFound: (path: string) => new ApiError(404, 'RESOURCE_NOT_FOUND', `Cannot find resource ${path}.`, [path]),
  // unconfirmed: the docs' 405 codes are specific ones (ATLAS_BACKUP_CANCEL_SHARD_RESTORE_JOB_NOT_ALLOWED)
  methodNotAllowed: (method: string, path: string, allowed: string[]) =>
    new ApiError(405, 'METHOD_NOT_ALLOWED', `Method ${method} is not allowed on ${path}.`, [method, path], { Allow: allowed.join(', ') }),
  // docs: 400 MALFORMED_JSON "Received JSON is malformed." for a body that is not JSON; 400 INVALID_JSON
  // "Received JSON does not match expected format." for JSON of the wrong shape (an empty body is
  // answered with INVALID_JSON here: unconfirmed)
  malformedJson: () => new ApiError(400, 'MALFORMED_JSON', 'Received JSON is malformed.'),
  invalidJson: (detail = 'Received JSON does not match expected format.') => new ApiError(400, 'INVALID_JSON', detail),
  // docs: INVALID_ATTRIBUTE, MISSING_ATTRIBUTE, INVALID_QUERY_PARAMETER are 400
  invalidAttribute: (name: string, why: string) => new ApiError(400, 'INVALID_ATTRIBUTE', `Invalid attribute ${name} specified: ${why}.`, [name]),
  missingAttribute: (name: string) => new ApiError(400, 'MISSING_ATTRIBUTE', `The required attribute ${name} was not specified.`, [name]),
  invalidQuery: (name: string, why: string) => new ApiError(400, 'INVALID_QUERY_PARAMETER', `Invalid query parameter ${name}: ${why}.`, [name]),
  /** A body the spec refuses, every issue named: MISSING_ATTRIBUTE when each is a missing attribute, else INVALID_ATTRIBUTE. */
  invalidBody: (issues: ValidationIssue[]) =>
    new ApiError(
      400,
      issues.every((i) => i.kind === 'missing') ? 'MISSING_ATTRIBUTE' : 'INVALID_ATTRIBUTE',
      `Invalid request body: ${formatIssues(issues)}`,
      issues.map((i) => i.pointer),
    ),
  // docs: INVALID_GROUP_ID and INVALID_ORG_ID are 404 (not 400)
  invalidGroupId: (id: string) => new ApiError(404, 'INVALID_GROUP_ID', `An invalid group ID ${id} was specified.`, [id]),
  invalidOrgId: (id: string) => new ApiError(404, 'INVALID_ORG_ID', `An invalid organization ID ${id} was specified.`, [id]),
  // docs: GROUP_NOT_FOUND, GROUP_NAME_NOT_FOUND, ORG_NOT_FOUND 404; GROUP_ALREADY_EXISTS and
  // CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS 409
  groupNotFound: (id: string) => new ApiError(404, 'GROUP_NOT_FOUND', `No group with ID ${id} exists.`, [id]),
  groupNameNotFound: (name: string) => new ApiError(404, 'GROUP_NAME_NOT_FOUND', `No group with name "${name}" exists.`, [name]),
  orgNotFound: (id: string) => new ApiError(404, 'ORG_NOT_FOUND', `No organization with ID ${id} exists.`, [id]),
  groupAlreadyExists: (name: string) => new ApiError(409, 'GROUP_ALREADY_EXISTS', `A group with name "${name}" already exists.`, [name]),
  groupHasClusters: (id: string) =>
    new ApiError(409, 'CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS', `Cannot close group ${id} while it has active clusters. Terminate all clusters first.`, [id]),
  // 404 CLUSTER_NOT_FOUND: recordings (recorded/clusters/…/Delete, recorded/backup/…) and docs
  clusterNotFound: (name: string, groupId: string) => new ApiError(404, 'CLUSTER_NOT_FOUND', `No cluster named ${name} exists in group ${groupId}.`, [name, groupId]),
  // Atlas answers a duplicate name with 400, not 409 (Atlas API error-code reference:
  // "DUPLICATE_CLUSTER_NAME 400 A cluster named %s is already present in group %s.")
  duplicateClusterName: (name: string, groupId: string) =>
    new ApiError(400, 'DUPLICATE_CLUSTER_NAME', `A cluster named ${name} is already present in group ${groupId}.`, [name, groupId]),
  // docs: DUPLICATE_CLUSTER_NAME_PREFIX 400
  duplicateClusterNamePrefix: (name: string, chars: number) =>
    new ApiError(400, 'DUPLICATE_CLUSTER_NAME_PREFIX', `Cluster name ${name} cannot have same first ${chars} characters as another cluster name in same group.`, [name, chars]),
  // unconfirmed: not in the docs list
  freeClusterLimit: () =>
    new ApiError(
      400,
      'CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API',
      'Cannot create a cluster with instance size M0 via the public api: This project has reached the limit for the number of free clusters.',
      ['This project has reached the limit for the number of free clusters'],
    ),
  // 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API "Flex cluster %s cannot be used in the Cluster API.":
  // terraform-provider-mongodbatlas acceptance-test CI logs ("GET: HTTP 400 Bad Request (Error code:
  // CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API) Detail: Flex cluster … cannot be used in the Cluster API.")
  // and the provider's code matching it (advanced cluster read/delete)
  flexInClusterApi: (name: string) => new ApiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Flex cluster ${name} cannot be used in the Cluster API.`, [name]),
  // 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API: recorded/backup/restores (flexClusters GETs)
  nonFlexInFlexApi: (name: string) => new ApiError(400, 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API', `Cannot use non-flex cluster ${name} in the flex API.`, [name]),
  // docs: CLUSTER_ALREADY_PAUSED, CANNOT_UPDATE_AND_PAUSE_CLUSTER, CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES,
  // CANNOT_PAUSE_NVME_CLUSTER and CANNOT_UPDATE_PAUSED_CLUSTER are 409, with these descriptions
  clusterAlreadyPaused: (name: string) => new ApiError(409, 'CLUSTER_ALREADY_PAUSED', 'Cannot pause a cluster that is already paused.', [name]),
  cannotUpdateAndPause: (name: string) => new ApiError(409, 'CANNOT_UPDATE_AND_PAUSE_CLUSTER', `Cannot update and pause cluster ${name} at the same time.`, [name]),
  cannotPauseWithPendingChanges: (name: string) => new ApiError(409, 'CANNOT_PAUSE_CLUSTER_WITH_PENDING_CHANGES', 'Cannot pause a cluster with pending changes.', [name]),
  // 400 (not 409), wording from the docs ("Recently resumed clusters must remain running for %d minutes
  // to process all queued maintenance."); the code itself also from terraform-provider-mongodbatlas
  // acceptance tests (ExpectError CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER) and python-atlasapi's tests
  cannotPauseRecentlyResumed: (name: string) =>
    new ApiError(400, 'CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER', 'Recently resumed clusters must remain running for 60 minutes to process all queued maintenance.', [name, 60]),
  cannotPauseNvme: (name: string) => new ApiError(409, 'CANNOT_PAUSE_NVME_CLUSTER', 'Cannot pause an NVMe Cluster.', [name]),
  cannotUpdatePausedCluster: (name: string) => new ApiError(409, 'CANNOT_UPDATE_PAUSED_CLUSTER', `Cannot update cluster ${name} while it is paused or being paused.`, [name]),
  // Atlas answers 400 here (docs, and Terraform provider CI logs: "DELETE: HTTP 400 Bad Request (Error code:
  // CLUSTER_ALREADY_REQUESTED_DELETION) Detail: The cluster … has already been requested for deletion").
  clusterDeleting: (name: string) => new ApiError(400, 'CLUSTER_ALREADY_REQUESTED_DELETION', `The cluster ${name} has already been requested for deletion.`, [name]),
  // 400: recorded/clusters/flags/…/Fail_Delete_for_Termination_Protection_enabled
  terminationProtection: (name: string, groupId: string) =>
    new ApiError(
      400,
      'CANNOT_TERMINATE_CLUSTER_WHEN_TERMINATION_PROTECTION_ENABLED',
      'Cannot terminate a cluster when termination protection is enabled. Disable termination protection and try again.',
      [`Cannot terminate cluster ${name} in group ${groupId} because termination protection is enabled. Disable termination protection and try again.`],
    ),
  // cloud backup (resources/backup.ts); CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API as Atlas answers a Flex
  // cluster on the dedicated-cluster API (the flex recordings under recorded/backup/ show the reverse)
  flexClusterInClusterApi: (name: string) => new ApiError(400, 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API', `Flex cluster ${name} cannot be used in the Cluster API.`, [name]),
  // was 400 BACKUP_NOT_ENABLED (a guess no source shows); the docs list 400 BACKUP_JOB_NOT_FOUND with the
  // description "Backups are not enabled for this cluster.", the one code they give for this case
  backupNotEnabled: (name: string) => new ApiError(400, 'BACKUP_JOB_NOT_FOUND', 'Backups are not enabled for this cluster.', [name]),
  // docs: 404 INVALID_SNAPSHOT_ID "An invalid snapshot ID %s was specified.", 404 INVALID_JOB_ID "An
  // invalid restore job ID %s was specified." (was 400 INVALID_ID, a code the docs do not have)
  invalidSnapshotId: (id: string) => new ApiError(404, 'INVALID_SNAPSHOT_ID', `An invalid snapshot ID ${id} was specified.`, [id]),
  invalidRestoreJobId: (id: string) => new ApiError(404, 'INVALID_JOB_ID', `An invalid restore job ID ${id} was specified.`, [id]),
  // docs: 404 SNAPSHOT_NOT_FOUND "No snapshot with ID %s exists for cluster %s."
  snapshotNotFound: (id: string, cluster: string) => new ApiError(404, 'SNAPSHOT_NOT_FOUND', `No snapshot with ID ${id} exists for cluster ${cluster}.`, [id, cluster]),
  // docs: 400 CANNOT_DELETE_IN_PROGRESS_SNAPSHOT "Cannot delete an in progress snapshot %s."
  cannotDeleteInProgressSnapshot: (id: string) => new ApiError(400, 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT', `Cannot delete an in progress snapshot ${id}.`, [id]),
  // unconfirmed: restoring a snapshot that is not completed (no recording; the docs' nearest,
  // CANNOT_START_RESTORE_JOB_FOR_INCOMPLETE_CLUSTER_SNAPSHOT 409, is about sharded "cluster snapshots")
  snapshotNotComplete: (id: string, status: string) => new ApiError(400, 'SNAPSHOT_NOT_COMPLETE', `Snapshot ${id} is ${status}; wait until it is completed.`, [id, status]),
  // docs: 400 UNFINISHED_ON_DEMAND_SNAPSHOT "Another on-demand snapshot is queued or in progress."
  // (was ON_DEMAND_SNAPSHOT_IN_PROGRESS, a guess); the rule itself is the spec's (takeSnapshot)
  onDemandSnapshotInProgress: (cluster: string, id: string) =>
    new ApiError(400, 'UNFINISHED_ON_DEMAND_SNAPSHOT', 'Another on-demand snapshot is queued or in progress.', [cluster, id]),
  // docs: 404 RESTORE_JOB_NOT_FOUND "No restore job with ID %s exists for cluster %s."
  restoreJobNotFound: (id: string, cluster: string) => new ApiError(404, 'RESTORE_JOB_NOT_FOUND', `No restore job with ID ${id} exists for cluster ${cluster}.`, [id, cluster]),
  // unconfirmed: the docs have no code for cancelling a finished job (only CANNOT_CANCEL_AUTOMATED_RESTORE)
  restoreJobNotCancellable: (id: string, state: string) => new ApiError(400, 'CANNOT_CANCEL_RESTORE_JOB', `Restore job ${id} cannot be cancelled: it is ${state}.`, [id, state]),
  // docs: 409 ATLAS_CLUSTER_RESTORE_IN_PROGRESS "Cluster restore already in progress." (was RESTORE_IN_PROGRESS)
  restoreInProgress: (target: string, jobId: string) => new ApiError(409, 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS', 'Cluster restore already in progress.', [target, jobId]),
  // docs: 400 CLUSTER_PAUSED_CANNOT_RESTORE "Backup restore cannot occur on a paused cluster. Please unpause
  // the target cluster or choose another target cluster." (was 409 CANNOT_UPDATE_PAUSED_CLUSTER)
  pausedRestoreTarget: (target: string) =>
    new ApiError(400, 'CLUSTER_PAUSED_CANNOT_RESTORE', 'Backup restore cannot occur on a paused cluster. Please unpause the target cluster or choose another target cluster.', [
      target,
    ]),
  // docs: 404 TEAM_NOT_FOUND

  teamNotFound: (id: string) => new ApiError(404, 'TEAM_NOT_FOUND', `No team with ID ${id} exists.`, [id]),
  // 429: the spec's tooManyRequests example says RATE_LIMITED; the newer docs of the token buckets (GA in 2026)
  // say RATE_LIMITED_TOKEN_BUCKET, which the simulator follows; docs ("Atlas Administration API Rate Limits", its sample error): 429 RATE_LIMITED_TOKEN_BUCKET "Rate limit exceeded for
  // api/atlas/v2/orgs. Please retry after 55 seconds. Request capacity: 10. Refill rate: 5 per 60 seconds.", parameters [path, 55, 10, 5, 60]
  rateLimited: (pathname: string, retryAfterSec: number, capacity: number, refillRate: number, refillSeconds: number) => {
    const path = pathname.replace(/^\//, '');
    return new ApiError(
      429,
      'RATE_LIMITED_TOKEN_BUCKET',
      `Rate limit exceeded for ${path}. Please retry after ${retryAfterSec} seconds. Request capacity: ${capacity}. Refill rate: ${refillRate} per ${refillSeconds} seconds.`,
      [path, retryAfterSec, capacity, refillRate, refillSeconds],
      { 'Retry-After': String(retryAfterSec) },
    );
  },
  // the simulator's own (an operation it does not serve); Atlas never answers this
  // docs: ATTRIBUTE_READ_ONLY 400 "The attribute %s is read-only and cannot be changed by the user."
  attributeReadOnly: (name: string) => new ApiError(400, 'ATTRIBUTE_READ_ONLY', `The attribute ${name} is read-only and cannot be changed by the user.`, [name]),
  // docs: GROUP_MISMATCH 400 "The specified group ID %s does not match the URL."
  groupMismatch: (groupId: string) => new ApiError(400, 'GROUP_MISMATCH', `The specified group ID ${groupId} does not match the URL.`, [groupId]),
  // docs: CLUSTER_CANNOT_CHANGE_NAME 400 "Cannot change name of cluster during an update."
  clusterCannotChangeName: () => new ApiError(400, 'CLUSTER_CANNOT_CHANGE_NAME', 'Cannot change name of cluster during an update.'),
  // docs: INVALID_CLUSTER_CONFIGURATION 400 "The specified cluster configuration is not valid." (its use for a
  // tenant upgrade of a cluster that is not free, or not Flex, is unconfirmed)
  invalidClusterConfiguration: (why: string) => new ApiError(400, 'INVALID_CLUSTER_CONFIGURATION', `The specified cluster configuration is not valid: ${why}.`, [why]),
  notImplemented: (operationId: string) => new ApiError(501, 'NOT_IMPLEMENTED', `The simulator does not implement ${operationId} yet.`, [operationId]),
};
