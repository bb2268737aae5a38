// Pins the errorCodes and HTTP statuses of the simulator's error answers that were changed to
// match public evidence of what Atlas answers. "docs" is MongoDB's Atlas Administration API
// error-code list: mongodb.com/docs/atlas/reference/api-errors (source: mongodb/docs,
// content/atlas/source/reference/api-errors.txt), which gives each code's HTTP status and wording.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { BACKUP_SEED } from '../../src/simulator/resources/backup.js';
import { useSimulator } from './helpers.js';

describe('error codes and statuses as Atlas answers them', () => {
  // a manual clock: a snapshot or restore job stays queued until the test moves the clock
  const fx = useSimulator({ stepMs: 50, clock: 'manual' }, { reset: false });
  const G = `/api/atlas/v2/groups/${SEED.projectId}`;
  const O = `/api/atlas/v2/orgs/${SEED.orgId}`;
  const B = `${G}/clusters/Cluster0/backup`;

  /** The error body's status, code and the X-Error-Code header Atlas repeats it in. */
  async function refusal(method: string, path: string, body?: unknown, version?: string) {
    const r = await fx.api(method, path, { body, version });
    expect(r.headers.get('x-error-code')).toBe(r.json?.errorCode);
    expect(r.json?.error).toBe(r.status);
    return { status: r.status, errorCode: r.json?.errorCode as string, detail: r.json?.detail as string };
  }

  it('docs: CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER is 400 (was 409), "Recently resumed clusters must remain running for %d minutes …"', async () => {
    fx.sim.state.cluster(SEED.projectId, 'Cluster0')!.resumedAt = fx.sim.state.now();
    const r = await refusal('PATCH', `${G}/clusters/Cluster0`, { paused: true }, '2024-10-23');
    expect(r).toMatchObject({ status: 400, errorCode: 'CANNOT_PAUSE_RECENTLY_RESUMED_CLUSTER' });
    expect(r.detail).toBe('Recently resumed clusters must remain running for 60 minutes to process all queued maintenance.');
    fx.sim.state.cluster(SEED.projectId, 'Cluster0')!.resumedAt = undefined;
  });

  it('docs: maintenance deferral codes ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED and ATLAS_MAINTENANCE_NOT_SCHEDULED, 400', async () => {
    await fx.api('POST', `${G}/maintenanceWindow/defer`);
    await fx.api('POST', `${G}/maintenanceWindow/defer`);
    expect(await refusal('POST', `${G}/maintenanceWindow/defer`)).toMatchObject({
      status: 400,
      errorCode: 'ATLAS_NUM_MAINTENANCE_DEFERRALS_EXCEEDED',
      detail: 'Scheduled maintenance for a group cannot be deferred more than twice.',
    });
    expect(await refusal('POST', `/api/atlas/v2/groups/${SEED.stagingProjectId}/maintenanceWindow/defer`)).toMatchObject({
      status: 400,
      errorCode: 'ATLAS_MAINTENANCE_NOT_SCHEDULED',
      detail: 'There is no maintenance scheduled for this project.',
    });
  });

  it('docs: backup codes (BACKUP_JOB_NOT_FOUND, UNFINISHED_ON_DEMAND_SNAPSHOT, CANNOT_DELETE_IN_PROGRESS_SNAPSHOT, ATLAS_CLUSTER_RESTORE_IN_PROGRESS, CLUSTER_PAUSED_CANNOT_RESTORE, INVALID_SNAPSHOT_ID, INVALID_JOB_ID)', async () => {
    // "Backups are not enabled for this cluster." (was BACKUP_NOT_ENABLED)
    expect(await refusal('POST', `${G}/clusters/ShardedCluster/backup/snapshots`, {})).toMatchObject({
      status: 400,
      errorCode: 'BACKUP_JOB_NOT_FOUND',
      detail: 'Backups are not enabled for this cluster.',
    });
    // one on-demand snapshot at a time (was ON_DEMAND_SNAPSHOT_IN_PROGRESS)
    const first = await fx.api('POST', `${B}/snapshots`, { body: {} });
    expect(first.status).toBe(200);
    expect(await refusal('POST', `${B}/snapshots`, {})).toMatchObject({
      status: 400,
      errorCode: 'UNFINISHED_ON_DEMAND_SNAPSHOT',
      detail: 'Another on-demand snapshot is queued or in progress.',
    });
    // deleting it while queued (was SNAPSHOT_NOT_COMPLETE)
    expect(await refusal('DELETE', `${B}/snapshots/${first.json.id}`)).toMatchObject({
      status: 400,
      errorCode: 'CANNOT_DELETE_IN_PROGRESS_SNAPSHOT',
      detail: `Cannot delete an in progress snapshot ${first.json.id}.`,
    });
    // a paused restore target (was 409 CANNOT_UPDATE_PAUSED_CLUSTER)
    const snapshotId = BACKUP_SEED.snapshots.scheduled;
    const paused = { deliveryType: 'automated', snapshotId, targetClusterName: 'PausedCluster', targetGroupId: SEED.projectId };
    expect(await refusal('POST', `${B}/restoreJobs`, paused)).toMatchObject({ status: 400, errorCode: 'CLUSTER_PAUSED_CANNOT_RESTORE' });
    // a second restore onto the same target (was RESTORE_IN_PROGRESS)
    const onto = { deliveryType: 'automated', snapshotId, targetClusterName: 'ShardedCluster', targetGroupId: SEED.projectId };
    expect((await fx.api('POST', `${B}/restoreJobs`, { body: onto })).status).toBe(200);
    expect(await refusal('POST', `${B}/restoreJobs`, onto)).toMatchObject({
      status: 409,
      errorCode: 'ATLAS_CLUSTER_RESTORE_IN_PROGRESS',
      detail: 'Cluster restore already in progress.',
    });
    // malformed ids: 404 (was 400 INVALID_ID)
    expect(await refusal('GET', `${B}/snapshots/not-an-id`)).toMatchObject({ status: 404, errorCode: 'INVALID_SNAPSHOT_ID' });
    expect(await refusal('GET', `${B}/restoreJobs/not-an-id`)).toMatchObject({ status: 404, errorCode: 'INVALID_JOB_ID' });
  });

  it('docs: INVALID_GROUP_ID and INVALID_ORG_ID are 404 (were 400)', async () => {
    expect(await refusal('GET', '/api/atlas/v2/groups/not-an-id')).toMatchObject({ status: 404, errorCode: 'INVALID_GROUP_ID' });
    expect(await refusal('GET', '/api/atlas/v2/orgs/not-an-id')).toMatchObject({ status: 404, errorCode: 'INVALID_ORG_ID' });
  });

  it('docs: MALFORMED_JSON 400 "Received JSON is malformed." for a body that is not JSON (was INVALID_JSON)', async () => {
    const r = await fx.api('POST', '/api/atlas/v2/groups', { rawBody: '{"name": "x",' });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: 'MALFORMED_JSON', detail: 'Received JSON is malformed.' });
  });

  it('docs: processes: HOSTNAME_AND_PORT_NOT_FOUND (was PROCESS_NOT_FOUND) and DEVICE_NOT_FOUND (was DISK_PARTITION_NOT_FOUND), 404', async () => {
    expect(await refusal('GET', `${G}/processes/nohost.example.net:27017`)).toMatchObject({
      status: 404,
      errorCode: 'HOSTNAME_AND_PORT_NOT_FOUND',
      detail: `No host with hostname and port nohost.example.net:27017 exists in group ${SEED.projectId}.`,
    });
    const id = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017';
    expect(await refusal('GET', `${G}/processes/${id}/disks/nope`)).toMatchObject({
      status: 404,
      errorCode: 'DEVICE_NOT_FOUND',
      detail: `No device with name nope exists on host ${id}.`,
    });
  });

  it('docs: an organization event is ORG_EVENT_NOT_FOUND, a project event EVENT_NOT_FOUND "… for group %s", both 404', async () => {
    const none = 'ffffffffffffffffffffffff';
    expect(await refusal('GET', `${O}/events/${none}`)).toMatchObject({
      status: 404,
      errorCode: 'ORG_EVENT_NOT_FOUND',
      detail: `No event with ID ${none} exists for organization ${SEED.orgId}.`,
    });
    expect(await refusal('GET', `${G}/events/${none}`)).toMatchObject({
      status: 404,
      errorCode: 'EVENT_NOT_FOUND',
      detail: `No event with ID ${none} exists for group ${SEED.projectId}.`,
    });
  });

  it('docs: API_KEY_NOT_FOUND is 400 (was 404), INVALID_KEY_ID 404 (was 400)', async () => {
    expect(await refusal('GET', `${O}/apiKeys/f9999999999999999999999f`)).toMatchObject({ status: 400, errorCode: 'API_KEY_NOT_FOUND' });
    expect(await refusal('GET', `${O}/apiKeys/not-an-id`)).toMatchObject({ status: 404, errorCode: 'INVALID_KEY_ID' });
  });

  it('docs: the project access list refuses two values with MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY, none with MISSING_ONE_OF_THREE_ATTRIBUTES (both 400; were BAD_WHITELIST_ADD_REQUEST)', async () => {
    expect(await refusal('POST', `${G}/accessList`, [{ ipAddress: '192.0.2.1', cidrBlock: '192.0.2.1/32' }])).toMatchObject({
      status: 400,
      errorCode: 'MULTIPLE_VALUES_SPECIFIED_FOR_ONE_NETWORK_PERMISSION_ENTRY',
      detail: 'Should not specify both the IP address and the CIDR block.',
    });
    expect(await refusal('POST', `${G}/accessList`, [{ comment: 'nothing' }])).toMatchObject({ status: 400, errorCode: 'MISSING_ONE_OF_THREE_ATTRIBUTES' });
  });

  // the CLI exits 5 for all of these alike (errors.ts isAlreadyExists): Atlas's status differs by resource
  it('docs: duplicates as Atlas answers them: DUPLICATE_CLUSTER_NAME 400 (dedicated and Flex), DUPLICATE_CLUSTER_NAME_PREFIX 400, GROUP_ALREADY_EXISTS 409', async () => {
    const flex = { name: 'Cluster0', providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' } };
    expect(await refusal('POST', `${G}/flexClusters`, flex, '2024-11-13')).toMatchObject({
      status: 400,
      errorCode: 'DUPLICATE_CLUSTER_NAME',
      detail: `A cluster named Cluster0 is already present in group ${SEED.projectId}.`,
    });
    const prefixed = { ...flex, name: 'Cluster0-but-a-longer-name-x' };
    expect((await fx.api('POST', `${G}/flexClusters`, { body: prefixed, version: '2024-11-13' })).status).toBe(201);
    expect(await refusal('POST', `${G}/flexClusters`, { ...flex, name: 'Cluster0-but-a-longer-name-y' }, '2024-11-13')).toMatchObject({
      status: 400,
      errorCode: 'DUPLICATE_CLUSTER_NAME_PREFIX',
      detail: 'Cluster name Cluster0-but-a-longer-name-y cannot have same first 23 characters as another cluster name in same group.',
    });
    const project = (await fx.api('GET', `${G}`)).json as { name: string };
    expect(await refusal('POST', '/api/atlas/v2/groups', { name: project.name, orgId: SEED.orgId })).toMatchObject({
      status: 409,
      errorCode: 'GROUP_ALREADY_EXISTS',
      detail: `A group with name "${project.name}" already exists.`,
    });
  });
});
