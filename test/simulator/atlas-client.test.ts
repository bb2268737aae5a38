// The simulator serving an Atlas client that is not atlascli (issue 24): a client generated
// from the spec, as MongoDB's own are, with a plain HTTP client: a service account's token
// (or Digest), ONE version date on every request (`Accept: application/vnd.atlas.2025-03-12+json`),
// `Content-Type: application/json` bodies, and documents round-tripped from GET to PATCH. It
// walks the common path: organizations, projects, clusters (dedicated, free and Flex),
// encryption at rest, upgrades, pause and resume, the access list, database users, alerts.
//
// Where each rule comes from:
// - one date for every operation, served the newest version on or before it: the spec's
//   info.description (its curl example sends Accept 2025-03-12 to GET /orgs, which offers only
//   2023-01-01); before the first version, or not a date: 406 (mongodb/docs
//   content/atlas/source/api/versioned-api-overview.txt, "Versioning Schema", stable); a
//   removed version: 410 Gone (same page, sunset; removal dates are the spec's x-sunset);
// - application/json request bodies: mongodb/docs content/atlas/source/api/migrate-to-new-version.txt,
//   Procedure, "Add the versioning Accept header";
// - read-only attributes echoed back unchanged are ignored, changed ones refused with the Atlas
//   API error-code list's GROUP_MISMATCH / ATTRIBUTE_READ_ONLY / CLUSTER_CANNOT_CHANGE_NAME
//   (mongodb.com/docs/atlas/reference/api-errors);
// - shapes and operations: the spec (EncryptionAtRest, LegacyAtlasTenantClusterUpgradeRequest,
//   AtlasTenantClusterUpgradeRequest20240805 and their 200 responses).
import DigestClient from 'digest-fetch';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED, type RunningSimulator } from '../../src/simulator/index.js';
import { HANDLERS } from '../../src/simulator/routes.js';
import { SEEDED_ALERTS } from '../../src/simulator/resources/alerts.js';
import { operation } from '../../src/spec/index.js';
import { getToken, useSimulator } from './helpers.js';

const DATE = '2025-03-12';
const ACCEPT = `application/vnd.atlas.${DATE}+json`;
const V2 = '/api/atlas/v2';
const P = SEED.projectId;

interface Answer {
  status: number;
  type: string | null;
  json: any;
}

/** The client: bearer token, one Accept for every request, application/json bodies. */
function atlasClient(sim: RunningSimulator, token: () => string) {
  return async (method: string, path: string, body?: unknown): Promise<Answer> => {
    const headers: Record<string, string> = { Accept: ACCEPT, Authorization: `Bearer ${token()}`, 'User-Agent': 'generated-client/1.0' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(`${sim.url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, type: res.headers.get('content-type'), json: text ? JSON.parse(text) : undefined };
  };
}

const dedicated = (name: string, extra: object = {}) => ({
  name,
  clusterType: 'REPLICASET',
  replicationSpecs: [{ regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
  ...extra,
});
const free = (name: string) => ({
  name,
  clusterType: 'REPLICASET',
  replicationSpecs: [{ regionConfigs: [{ providerName: 'TENANT', backingProviderName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M0' } }] }],
});

describe('a generated Atlas client: one version date, application/json, a service account', () => {
  let api: ReturnType<typeof atlasClient>;
  const STEP = 60_000;
  const fx = useSimulator({ clock: 'manual', stepMs: STEP }, { reset: false });
  beforeAll(async () => {
    const token = await getToken(fx.sim);
    api = atlasClient(fx.sim, () => token);
  });

  it('lists organizations and their projects: each operation answers in its newest version on or before the date asked', async () => {
    const from = fx.sim.requests.length;
    const orgs = await api('GET', `${V2}/orgs`);
    expect(orgs.status).toBe(200);
    expect(orgs.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(orgs.json.results.map((o: any) => o.id)).toEqual([SEED.orgId, SEED.secondOrgId, ...SEED.twinOrgIds]);
    const projects = await api('GET', `${V2}/orgs/${SEED.orgId}/groups`);
    expect(projects.json.results.map((p: any) => p.name)).toContain(SEED.projectName);
    expect(fx.sim.requests.slice(from).map((r) => [r.accept, r.version, r.auth])).toEqual([
      [ACCEPT, '2023-01-01', 'bearer'],
      [ACCEPT, '2023-01-01', 'bearer'],
    ]);
  });

  // 201 and 202 as recorded: recorded/clusters/file/…/POST_api_atlas_v2_groups_1.snaphost, recorded/backup/restores/…/DELETE_api_atlas_v2_groups_…_1.snaphost
  it('creates a project, finds it by name, renames it (GroupUpdate) and deletes it', async () => {
    const made = await api('POST', `${V2}/groups`, { name: 'client-made', orgId: SEED.orgId });
    expect(made.status).toBe(201);
    expect((await api('GET', `${V2}/groups/byName/client-made`)).json.id).toBe(made.json.id);
    // GET → modify → PATCH: the whole document back, its id, orgId, created, clusterCount and links unchanged
    const doc = (await api('GET', `${V2}/groups/${made.json.id}`)).json;
    const renamed = await api('PATCH', `${V2}/groups/${made.json.id}`, { ...doc, name: 'client-renamed', tags: [{ key: 'team', value: 'a' }] });
    expect(renamed.status).toBe(200);
    expect(renamed.json).toMatchObject({ id: doc.id, name: 'client-renamed', tags: [{ key: 'team', value: 'a' }] });
    const moved = await api('PATCH', `${V2}/groups/${made.json.id}`, { ...doc, orgId: SEED.secondOrgId });
    expect([moved.status, moved.json.errorCode]).toEqual([400, 'INVALID_ATTRIBUTE']);
    expect((await api('DELETE', `${V2}/groups/${made.json.id}`)).status).toBe(202);
  });

  it('reads encryption at rest before creating a cluster: nothing configured (spec: EncryptionAtRest)', async () => {
    const r = await api('GET', `${V2}/groups/${P}/encryptionAtRest`);
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(r.json).toEqual({
      awsKms: { enabled: false, requirePrivateNetworking: false, valid: false },
      azureKeyVault: { enabled: false, requirePrivateNetworking: false, valid: false },
      enabledForSearchNodes: false,
      googleCloudKms: { enabled: false, valid: false },
    });
  });

  it("creates a dedicated cluster whose body carries the project's own groupId (read-only, unchanged: ignored); another groupId is GROUP_MISMATCH", async () => {
    const r = await api('POST', `${V2}/groups/${P}/clusters`, dedicated('client-dedicated', { groupId: P }));
    expect(r.status).toBe(201);
    expect(r.type).toBe('application/vnd.atlas.2024-10-23+json;charset=utf-8');
    expect(r.json).toMatchObject({ name: 'client-dedicated', groupId: P, stateName: 'CREATING' });
    const other = await api('POST', `${V2}/groups/${P}/clusters`, dedicated('client-other', { groupId: SEED.stagingProjectId }));
    expect(other.status).toBe(400);
    expect(other.json).toMatchObject({ errorCode: 'GROUP_MISMATCH', detail: `The specified group ID ${SEED.stagingProjectId} does not match the URL.` });
    expect(fx.sim.state.cluster(P, 'client-other')).toBeUndefined();
    fx.sim.clock.advance(STEP);
    const got = await api('GET', `${V2}/groups/${P}/clusters/client-dedicated`);
    expect(got.type).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
    expect(got.json.stateName).toBe('IDLE');
  });

  // the document as Atlas answers it also carries effectiveDatabaseEdition (outside the spec) and readPreference
  // "secondary" (recorded/clusters/file/…/Update_via_file/GET_…_1.snaphost): echoed unchanged, they are no error either
  it('GET → modify → PATCH of a whole cluster document: read-only attributes echoed unchanged are ignored', async () => {
    const doc = (await api('GET', `${V2}/groups/${P}/clusters/client-dedicated`)).json;
    const spec = doc.replicationSpecs[0];
    expect(spec.id).toMatch(/^[0-9a-f]{24}$/);
    expect(spec.zoneId).toMatch(/^[0-9a-f]{24}$/);
    spec.regionConfigs[0].electableSpecs.instanceSize = 'M20';
    const r = await api('PATCH', `${V2}/groups/${P}/clusters/client-dedicated`, doc);
    expect(r.json.detail).toBeUndefined();
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ stateName: 'UPDATING', id: doc.id, createDate: doc.createDate });
    expect(r.json.replicationSpecs[0]).toMatchObject({ id: spec.id, zoneId: spec.zoneId, regionConfigs: [{ electableSpecs: { instanceSize: 'M20' } }] });
    fx.sim.clock.advance(STEP);
  });

  it('a PATCH that changes an immutable value is refused as Atlas refuses it', async () => {
    const doc = (await api('GET', `${V2}/groups/${P}/clusters/client-dedicated`)).json;
    const changedId = structuredClone(doc);
    changedId.replicationSpecs[0].id = 'ffffffffffffffffffffffff';
    const r = await api('PATCH', `${V2}/groups/${P}/clusters/client-dedicated`, changedId);
    expect([r.status, r.json.errorCode, r.json.detail]).toEqual([
      400,
      'ATTRIBUTE_READ_ONLY',
      'The attribute replicationSpecs.0.id is read-only and cannot be changed by the user.',
    ]);
    const moved = await api('PATCH', `${V2}/groups/${P}/clusters/client-dedicated`, { ...doc, groupId: SEED.stagingProjectId });
    expect(moved.json.errorCode).toBe('GROUP_MISMATCH');
    const renamed = await api('PATCH', `${V2}/groups/${P}/clusters/client-dedicated`, { name: 'client-renamed' });
    expect([renamed.status, renamed.json.errorCode]).toEqual([400, 'CLUSTER_CANNOT_CHANGE_NAME']);
    expect(fx.sim.state.cluster(P, 'client-dedicated')!.doc.replicationSpecs[0].id).toBe(doc.replicationSpecs[0].id);
  });

  it('pauses and resumes a cluster (PATCH {paused}), each taking a step of the clock', async () => {
    const C = `${V2}/groups/${P}/clusters/client-dedicated`;
    expect((await api('PATCH', C, { paused: true })).json).toMatchObject({ paused: true, stateName: 'UPDATING' });
    fx.sim.clock.advance(STEP);
    expect((await api('GET', C)).json).toMatchObject({ paused: true, stateName: 'IDLE' });
    expect((await api('PATCH', C, { paused: false })).json).toMatchObject({ paused: false });
    fx.sim.clock.advance(STEP);
    expect((await api('GET', C)).json).toMatchObject({ paused: false, stateName: 'IDLE' });
  });

  it('upgrades a free cluster to a dedicated M10 (tenantUpgrade, offered only as 2023-01-01): same name and id', async () => {
    const made = await api('POST', `${V2}/groups/${SEED.stagingProjectId}/clusters`, free('unused-free'));
    // the staging project already has its free cluster (seed): Atlas's one-per-project rule
    expect(made.json.errorCode).toBe('CANNOT_CREATE_FREE_CLUSTER_VIA_PUBLIC_API');
    const before = (await api('GET', `${V2}/groups/${SEED.stagingProjectId}/clusters/${SEED.stagingClusters.free}`)).json;
    const r = await api('POST', `${V2}/groups/${SEED.stagingProjectId}/clusters/tenantUpgrade`, {
      name: SEED.stagingClusters.free,
      providerSettings: { providerName: 'AWS', instanceSizeName: 'M10', regionName: 'US_EAST_1' },
    });
    expect(r.status).toBe(200);
    expect(r.type).toBe('application/vnd.atlas.2023-01-01+json;charset=utf-8');
    expect(r.json).toMatchObject({ name: SEED.stagingClusters.free, id: before.id, stateName: 'UPDATING', providerSettings: { providerName: 'AWS', instanceSizeName: 'M10' } });
    fx.sim.clock.advance(STEP);
    const after = (await api('GET', `${V2}/groups/${SEED.stagingProjectId}/clusters/${SEED.stagingClusters.free}`)).json;
    expect(after).toMatchObject({ id: before.id, createDate: before.createDate, stateName: 'IDLE' });
    expect(after.replicationSpecs[0].regionConfigs[0]).toMatchObject({ providerName: 'AWS', electableSpecs: { instanceSize: 'M10', nodeCount: 3 } });
    // a dedicated cluster is not upgraded again
    const again = await api('POST', `${V2}/groups/${SEED.stagingProjectId}/clusters/tenantUpgrade`, {
      name: SEED.stagingClusters.free,
      providerSettings: { providerName: 'AWS', instanceSizeName: 'M20' },
    });
    expect([again.status, again.json.errorCode]).toEqual([400, 'INVALID_CLUSTER_CONFIGURATION']);
  });

  it('upgrades a free cluster to Flex, then the Flex cluster to dedicated (flexClusters:tenantUpgrade)', async () => {
    const group = (await api('POST', `${V2}/groups`, { name: 'client-upgrades', orgId: SEED.orgId })).json.id;
    expect((await api('POST', `${V2}/groups/${group}/clusters`, free('growing'))).status).toBe(201);
    fx.sim.clock.advance(STEP);
    const toFlex = await api('POST', `${V2}/groups/${group}/clusters/tenantUpgrade`, {
      name: 'growing',
      providerSettings: { providerName: 'FLEX', instanceSizeName: 'FLEX', backingProviderName: 'GCP', regionName: 'CENTRAL_US' },
    });
    expect(toFlex.status).toBe(200);
    fx.sim.clock.advance(STEP);
    const flex = await api('GET', `${V2}/groups/${group}/flexClusters/growing`);
    expect(flex.type).toBe('application/vnd.atlas.2024-11-13+json;charset=utf-8');
    expect(flex.json).toMatchObject({ stateName: 'IDLE', providerSettings: { providerName: 'FLEX', backingProviderName: 'GCP', regionName: 'CENTRAL_US' } });

    const toDedicated = await api('POST', `${V2}/groups/${group}/flexClusters:tenantUpgrade`, {
      name: 'growing',
      clusterType: 'REPLICASET',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'GCP', regionName: 'CENTRAL_US', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 } }] }],
    });
    expect(toDedicated.status).toBe(200);
    expect(toDedicated.json).toMatchObject({ name: 'growing', id: flex.json.id, stateName: 'UPDATING' });
    fx.sim.clock.advance(STEP);
    const now = await api('GET', `${V2}/groups/${group}/clusters/growing`);
    expect(now.json).toMatchObject({
      id: flex.json.id,
      stateName: 'IDLE',
      replicationSpecs: [{ regionConfigs: [{ providerName: 'GCP', electableSpecs: { instanceSize: 'M10' } }] }],
    });
    expect((await api('GET', `${V2}/groups/${group}/flexClusters/growing`)).json.errorCode).toBe('CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API');
  });

  it('creates, reads and deletes a Flex cluster through the Flex API', async () => {
    const F = `${V2}/groups/${P}/flexClusters`;
    const made = await api('POST', F, { name: 'client-flex', providerSettings: { backingProviderName: 'AWS', regionName: 'US_EAST_1' } });
    expect(made.status).toBe(201);
    fx.sim.clock.advance(STEP);
    expect((await api('GET', F)).json.results.map((c: any) => c.name)).toContain('client-flex');
    expect((await api('DELETE', `${F}/client-flex`)).status).toBe(204);
    fx.sim.clock.advance(STEP);
    expect((await api('GET', `${F}/client-flex`)).status).toBe(404);
  });

  it("adds access-list entries carrying the project's groupId, lists and deletes them", async () => {
    const L = `${V2}/groups/${P}/accessList`;
    const added = await api('POST', L, [{ ipAddress: '192.0.2.77', comment: 'client', groupId: P }]);
    expect(added.status).toBe(201);
    expect(added.json.results.find((e: any) => e.ipAddress === '192.0.2.77')).toMatchObject({ cidrBlock: '192.0.2.77/32', groupId: P, comment: 'client' });
    const moved = await api('POST', L, [{ ipAddress: '192.0.2.78', groupId: SEED.stagingProjectId }]);
    expect([moved.status, moved.json.errorCode]).toEqual([400, 'GROUP_MISMATCH']);
    expect((await api('GET', `${L}/192.0.2.77/status`)).json).toEqual({ STATUS: 'PENDING' });
    fx.sim.clock.advance(STEP);
    expect((await api('GET', `${L}/192.0.2.77/status`)).json).toEqual({ STATUS: 'ACTIVE' });
    expect((await api('DELETE', `${L}/192.0.2.77`)).status).toBe(204);
    expect((await api('GET', L)).json.results.map((e: any) => e.ipAddress)).not.toContain('192.0.2.77');
  });

  it('creates a database user, round-trips it GET → modify → PATCH (links echoed), and deletes it', async () => {
    const U = `${V2}/groups/${P}/databaseUsers`;
    const made = await api('POST', U, {
      databaseName: 'admin',
      groupId: P,
      username: 'client-user',
      password: 'a-long-password-1',
      roles: [{ databaseName: 'sales', roleName: 'read' }],
    });
    expect(made.status).toBe(201);
    const doc = (await api('GET', `${U}/admin/client-user`)).json;
    expect(doc.links.length).toBeGreaterThan(0);
    doc.roles = [{ databaseName: 'sales', roleName: 'readWrite' }];
    const patched = await api('PATCH', `${U}/admin/client-user`, doc);
    expect(patched.status).toBe(200);
    expect(patched.json.roles).toEqual([{ databaseName: 'sales', roleName: 'readWrite' }]);
    expect((await api('GET', U)).json.results.map((u: any) => u.username)).toContain('client-user');
    expect((await api('DELETE', `${U}/admin/client-user`)).status).toBe(204);
  });

  it('lists open alerts, reads one and acknowledges it (acknowledgeGroupAlert answers in 2024-05-30)', async () => {
    const A = `${V2}/groups/${P}/alerts`;
    const open = await api('GET', `${A}?status=OPEN`);
    expect(open.json.results.every((a: any) => a.status === 'OPEN')).toBe(true);
    expect((await api('GET', `${A}/${SEEDED_ALERTS.hostCpu}`)).json.id).toBe(SEEDED_ALERTS.hostCpu);
    const ack = await api('PATCH', `${A}/${SEEDED_ALERTS.hostCpu}`, { acknowledgedUntil: '2099-01-01T00:00:00Z', acknowledgementComment: 'client' });
    expect(ack.status).toBe(200);
    expect(ack.type).toBe('application/vnd.atlas.2024-05-30+json;charset=utf-8');
    expect(ack.json).toMatchObject({ acknowledgedUntil: '2099-01-01T00:00:00Z', acknowledgementComment: 'client' });
  });

  it('the same client with Digest (an API key) is served alike', async () => {
    const dc = new DigestClient(fx.sim.credentials.publicKey, fx.sim.credentials.privateKey);
    const res: Response = await dc.fetch(`${fx.sim.url}${V2}/groups/${P}/clusters`, { headers: { Accept: ACCEPT } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
  });

  // the operations such a client calls on the common path of its commands; none may answer 501
  it('implements every operation of the common path', () => {
    const common = [
      'listOrgs',
      'getOrg',
      'getOrgGroups',
      'listGroups',
      'getGroup',
      'getGroupByName',
      'createGroup',
      'updateGroup',
      'deleteGroup',
      'listClusterDetails',
      'listGroupClusters',
      'getGroupCluster',
      'createGroupCluster',
      'updateGroupCluster',
      'deleteGroupCluster',
      'getGroupClusterStatus',
      'getGroupEncryptionAtRest',
      'upgradeGroupClusterTenantUpgrade',
      'tenantGroupFlexClusterUpgrade',
      'listGroupFlexClusters',
      'getGroupFlexCluster',
      'createGroupFlexCluster',
      'updateGroupFlexCluster',
      'deleteGroupFlexCluster',
      'listGroupAccessListEntries',
      'createGroupAccessListEntry',
      'getGroupAccessListEntry',
      'getGroupAccessListStatus',
      'deleteGroupAccessListEntry',
      'listGroupDatabaseUsers',
      'createGroupDatabaseUser',
      'getGroupDatabaseUser',
      'updateGroupDatabaseUser',
      'deleteGroupDatabaseUser',
      'listGroupAlerts',
      'getGroupAlert',
      'acknowledgeGroupAlert',
    ];
    expect(common.filter((id) => !operation(id))).toEqual([]);
    expect(common.filter((id) => !HANDLERS[id])).toEqual([]);
  });
});

describe('version negotiation at the edges (versioned-api-overview, "Versioning Schema")', () => {
  const fx = useSimulator({ clock: 'manual' }, { reset: false });
  const get = (path: string, accept: string) =>
    new DigestClient(fx.sim.credentials.publicKey, fx.sim.credentials.privateKey).fetch(`${fx.sim.url}${path}`, { headers: { Accept: accept } }) as Promise<Response>;
  const C = `${V2}/groups/${P}/clusters/Cluster0`;

  it('a date between two versions gets the older one, with its Deprecation and Sunset headers', async () => {
    // getGroupCluster offers 2023-01-01, 2023-02-01 and 2024-08-05
    const r = await get(C, 'application/vnd.atlas.2024-01-01+json');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('application/vnd.atlas.2023-02-01+json;charset=utf-8');
    expect(r.headers.get('deprecation')).toBe('Mon, 5 Aug 2024 00:00:00 GMT');
    expect(fx.sim.requests.at(-1)).toMatchObject({ version: '2023-02-01' });
  });

  it.each([
    ['before the first version', 'application/vnd.atlas.2022-12-31+json'],
    ['not a calendar date', 'application/vnd.atlas.2025-02-30+json'],
    ['not a date', 'application/vnd.atlas.latest+json'],
    ['preview, which this resource does not offer', 'application/vnd.atlas.preview+json'],
  ])('a date %s is 406 INVALID_VERSION_DATE', async (_what, accept) => {
    const r = await get(C, accept);
    expect(r.status).toBe(406);
    expect(((await r.json()) as { errorCode: string }).errorCode).toBe('INVALID_VERSION_DATE');
  });

  it("a version past its sunset date (spec x-sunset, on the simulator's clock) is 410 Gone; newer dates are served", async () => {
    const sunset = operation('getGroupCluster')!.sunset!['2023-02-01']!;
    expect(sunset).toBe('2027-07-01'); // as the recordings' Sunset header says: Thu, 1 Jul 2027
    fx.sim.clock.advance(Math.max(0, Date.parse(`${sunset}T00:00:00Z`) - fx.sim.clock.now()));
    for (const asked of ['2023-02-01', '2024-01-01']) {
      const r = await get(C, `application/vnd.atlas.${asked}+json`);
      expect(r.status, asked).toBe(410);
      expect((await r.json()) as { error: number; reason: string }).toMatchObject({ error: 410, reason: 'Gone' });
    }
    expect((await get(C, ACCEPT)).status).toBe(200);
  });
});
