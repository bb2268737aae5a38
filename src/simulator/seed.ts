// The simulator's seed data: the project's own, in the shape of real Atlas responses.
// Ids are fixed so tests and docs can name them (seed-ids.ts).
import type { AppUser, Json, Project, SimulatorState } from './state.js';
import { SEED } from './seed-ids.js';
import { defaultProcessArgs, newCluster } from './resources/cluster-model.js';
import { defaultSettings } from './resources/projects.js';
import { seedAlerts } from './resources/alerts.js';
import { SEEDED_PAUSE_AGE_MS, seedEvents } from './resources/events.js';
import { MAX_PAUSE_MS } from './resources/clusters.js';
import { seedMaintenance } from './resources/maintenance.js';
import { seedAccessList } from './resources/access-list.js';
import { seedApiKeys } from './resources/api-keys.js';
import { seedServiceAccounts } from './resources/service-accounts.js';
import { seedDatabaseUsers } from './resources/database-users.js';
import { seedBackups } from './resources/backup.js';

export { SEED } from './seed-ids.js';

export interface SeedOptions {
  /** extra projects in the default org, named extra-project-0001 … (pagination tests) */
  extraProjects?: number;
  /** a fleet of projects with clusters (SimulatorOptions.seed.fleet) */
  fleet?: { projects: number; clustersPerProject?: number };
}

const FLEET_ENVS = ['dev', 'prod', 'staging'];

/** `fleet.projects` projects of `clustersPerProject` IDLE M10 clusters each (ids c9…/ba…). */
function seedFleet(s: SimulatorState, fleet: NonNullable<SeedOptions['fleet']>): void {
  const per = fleet.clustersPerProject ?? 3;
  const base = Date.parse(SEED_DATE);
  for (let i = 1; i <= fleet.projects; i++) {
    const groupId = `ba${i.toString(16).padStart(22, '0')}`;
    const name = `fleet-${String(i).padStart(4, '0')}`;
    s.projects.set(groupId, project(groupId, name, SEED.orgId, SEED_DATE, { tags: [{ key: 'team', value: i % 2 ? 'a' : 'b' }] }));
    for (let j = 1; j <= per; j++) {
      const body: Json = {
        name: `${name}-c${j}`,
        clusterType: 'REPLICASET',
        mongoDBMajorVersion: '8.0',
        backupEnabled: true,
        replicationSpecs: [
          {
            zoneName: 'Zone 1',
            regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 } }],
          },
        ],
        tags: [{ key: 'env', value: FLEET_ENVS[(j - 1) % FLEET_ENVS.length]! }],
      };
      const rec = newCluster(s, groupId, body, '2024-10-23');
      rec.doc.id = `c9${(i * 16 + j).toString(16).padStart(22, '0')}`;
      rec.doc.createDate = new Date(base - (i + j) * 86_400_000).toISOString().replace('.000Z', 'Z');
      rec.doc.stateName = 'IDLE';
      rec.doc.paused = false;
      rec.domain = `f${i.toString(36)}x${j}.mongodb.net`;
      rec.processArgs = defaultProcessArgs();
      s.addCluster(rec);
    }
  }
}

const SEED_DATE = '2025-01-15T09:30:00Z';

function project(id: string, name: string, orgId: string, created: string, extra: Partial<Project> = {}): Project {
  return { id, name, orgId, created, tags: [], withDefaultAlertsSettings: true, settings: defaultSettings(), teams: [], ...extra };
}

export function seedState(s: SimulatorState, opts: SeedOptions = {}): void {
  s.orgs.set(SEED.orgId, { id: SEED.orgId, name: SEED.orgName, isDeleted: false, skipDefaultAlertsSettings: false });
  s.orgs.set(SEED.secondOrgId, { id: SEED.secondOrgId, name: SEED.secondOrgName, isDeleted: false, skipDefaultAlertsSettings: false });
  for (const id of SEED.twinOrgIds) s.orgs.set(id, { id, name: SEED.twinOrgName, isDeleted: false, skipDefaultAlertsSettings: false });

  const projects = [
    project(SEED.projectId, SEED.projectName, SEED.orgId, '2024-03-02T09:19:46Z', {
      tags: [{ key: 'env', value: 'dev' }],
      teams: [
        { teamId: SEED.teams.dba, roleNames: ['GROUP_OWNER'] },
        { teamId: SEED.teams.developers, roleNames: ['GROUP_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE'] },
      ],
    }),
    project(SEED.stagingProjectId, SEED.stagingProjectName, SEED.orgId, '2024-06-11T14:02:10Z', { tags: [{ key: 'env', value: 'staging' }] }),
    project(SEED.analyticsProjectId, SEED.analyticsProjectName, SEED.orgId, '2024-09-23T08:45:31Z'),
    project(SEED.partnerProjectId, SEED.partnerProjectName, SEED.secondOrgId, '2024-11-05T17:20:00Z'),
    project(SEED.spacedProjectId, SEED.spacedProjectName, SEED.secondOrgId, '2024-12-01T10:00:00Z'),
  ];
  for (const p of projects) s.projects.set(p.id, p);
  for (let i = 1; i <= (opts.extraProjects ?? 0); i++) {
    const id = `b9${i.toString(16).padStart(22, '0')}`;
    const name = `extra-project-${String(i).padStart(4, '0')}`;
    s.projects.set(id, project(id, name, SEED.orgId, SEED_DATE));
  }

  s.teams.set(SEED.teams.dba, { id: SEED.teams.dba, orgId: SEED.orgId, name: 'dba-team' });
  s.teams.set(SEED.teams.developers, { id: SEED.teams.developers, orgId: SEED.orgId, name: 'developers' });

  const users: AppUser[] = [
    {
      id: SEED.users.owner,
      username: 'ada.owner@example.com',
      firstName: 'Ada',
      lastName: 'Owner',
      country: 'IE',
      mobileNumber: null,
      createdAt: '2023-02-18T10:58:47Z',
      lastAuth: '2025-01-14T18:15:51Z',
      orgMembershipStatus: 'ACTIVE',
      orgRoles: { [SEED.orgId]: ['ORG_OWNER'], [SEED.secondOrgId]: ['ORG_OWNER'] },
      groupRoles: { [SEED.projectId]: ['GROUP_OWNER'], [SEED.stagingProjectId]: ['GROUP_OWNER'] },
      teamIds: [SEED.teams.dba],
    },
    {
      id: SEED.users.developer,
      username: 'dev.eloper@example.com',
      firstName: 'Devi',
      lastName: 'Eloper',
      country: 'US',
      mobileNumber: null,
      createdAt: '2023-05-06T18:17:36Z',
      lastAuth: '2025-01-10T09:39:13Z',
      orgMembershipStatus: 'ACTIVE',
      orgRoles: { [SEED.orgId]: ['ORG_MEMBER'] },
      groupRoles: { [SEED.projectId]: ['GROUP_DATA_ACCESS_READ_WRITE'] },
      teamIds: [SEED.teams.developers],
    },
    {
      id: SEED.users.readOnly,
      username: 'rita.reader@example.com',
      firstName: 'Rita',
      lastName: 'Reader',
      country: 'DE',
      mobileNumber: null,
      createdAt: '2024-01-15T10:32:13Z',
      lastAuth: '2024-12-30T11:24:47Z',
      orgMembershipStatus: 'ACTIVE',
      orgRoles: { [SEED.orgId]: ['ORG_READ_ONLY'] },
      groupRoles: { [SEED.projectId]: ['GROUP_READ_ONLY'] },
      teamIds: [],
    },
    {
      id: SEED.users.billing,
      username: 'bill.payer@example.com',
      firstName: 'Bill',
      lastName: 'Payer',
      country: 'GB',
      mobileNumber: null,
      createdAt: '2024-06-30T09:58:14Z',
      lastAuth: '2024-12-16T10:46:24Z',
      orgMembershipStatus: 'ACTIVE',
      orgRoles: { [SEED.orgId]: ['ORG_BILLING_ADMIN'] },
      groupRoles: {},
      teamIds: [],
    },
    {
      id: SEED.users.invited,
      username: 'new.hire@example.com',
      createdAt: '2025-01-10T03:03:42Z',
      orgMembershipStatus: 'PENDING',
      invitationCreatedAt: '2025-01-10T03:03:42Z',
      invitationExpiresAt: '2025-02-09T03:03:42Z',
      inviterUsername: 'ada.owner@example.com',
      orgRoles: { [SEED.orgId]: ['ORG_READ_ONLY'] },
      groupRoles: {},
      teamIds: [],
    },
  ];
  for (const u of users) s.users.set(u.id, u);

  // clusters of the default project: an M10 replica set, a 2-shard cluster, a paused one
  const aws = (size: string, region: string, disk: number) => ({
    providerName: 'AWS',
    regionName: region,
    priority: 7,
    electableSpecs: { instanceSize: size, nodeCount: 3, diskSizeGB: disk },
  });
  const seeds: Array<{ id: string; domain: string; body: Json; paused?: boolean; groupId?: string; privateNetworking?: boolean }> = [
    {
      id: 'c0123456789abcdef012345c',
      domain: 'x7k2pq.mongodb.net',
      body: {
        name: SEED.clusters.replicaSet,
        clusterType: 'REPLICASET',
        mongoDBMajorVersion: '8.0',
        backupEnabled: true,
        replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [aws('M10', 'US_EAST_1', 10)] }],
        tags: [{ key: 'env', value: 'dev' }],
      },
    },
    {
      id: 'c1123456789abcdef012345c',
      domain: 'm3n8vw.mongodb.net',
      privateNetworking: true,
      body: {
        name: SEED.clusters.sharded,
        clusterType: 'SHARDED',
        mongoDBMajorVersion: '7.0',
        backupEnabled: false,
        replicationSpecs: [
          { zoneName: 'Zone 1', regionConfigs: [aws('M30', 'EU_WEST_1', 40)] },
          { zoneName: 'Zone 1', regionConfigs: [aws('M30', 'EU_WEST_1', 40)] },
        ],
      },
    },
    {
      id: 'c2123456789abcdef012345c',
      domain: 'q9r4st.mongodb.net',
      paused: true,
      body: {
        name: SEED.clusters.paused,
        clusterType: 'REPLICASET',
        mongoDBMajorVersion: '7.0',
        replicationSpecs: [
          {
            zoneName: 'Zone 1',
            regionConfigs: [{ providerName: 'GCP', regionName: 'CENTRAL_US', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 } }],
          },
        ],
      },
    },
  ];
  // the staging project: a free cluster (TENANT, backed by AWS) and a Flex cluster
  seeds.push({
    id: 'c3123456789abcdef012345c',
    domain: 'f5g6hj.mongodb.net',
    groupId: SEED.stagingProjectId,
    body: {
      name: SEED.stagingClusters.free,
      clusterType: 'REPLICASET',
      mongoDBMajorVersion: '8.0',
      replicationSpecs: [
        {
          zoneName: 'Zone 1',
          regionConfigs: [{ providerName: 'TENANT', backingProviderName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M0' } }],
        },
      ],
    },
  });
  // the partner org's project with a space in its name: one M10
  seeds.push({
    id: 'c5123456789abcdef012345c',
    domain: 'b7c8de.mongodb.net',
    groupId: SEED.spacedProjectId,
    body: {
      name: SEED.spacedCluster,
      clusterType: 'REPLICASET',
      mongoDBMajorVersion: '8.0',
      backupEnabled: true,
      replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [aws('M10', 'US_EAST_1', 10)] }],
    },
  });
  for (const c of seeds) {
    const rec = newCluster(s, c.groupId ?? SEED.projectId, c.body, '2024-10-23');
    rec.doc.id = c.id;
    rec.doc.createDate = SEED_DATE;
    rec.doc.stateName = 'IDLE';
    rec.doc.paused = Boolean(c.paused);
    // paused 3 days before the events' anchor (the seeded CLUSTER_UPDATE_SUBMITTED), so Atlas resumes it 27 days after it
    if (c.paused) rec.autoResumeAt = Math.floor(s.now() / 3_600_000) * 3_600_000 - SEEDED_PAUSE_AGE_MS + MAX_PAUSE_MS;
    rec.domain = c.domain;
    if (c.privateNetworking) rec.privateNetworking = true;
    rec.processArgs = defaultProcessArgs();
    s.addCluster(rec);
  }

  seedAlerts(s, SEED);
  seedEvents(s, SEED);
  seedMaintenance(s, SEED);
  seedDatabaseUsers(s, SEED.projectId);
  seedAccessList(s, SEED.projectId);
  seedApiKeys(s, SEED.orgId);
  seedServiceAccounts(s, SEED.orgId);
  seedBackups(s, SEED.projectId);
  s.addCluster({
    domain: 'k8l9mn.mongodb.net',
    flex: true,
    processArgs: {},
    doc: {
      backupSettings: { enabled: true },
      clusterType: 'REPLICASET',
      createDate: SEED_DATE,
      groupId: SEED.stagingProjectId,
      id: 'c4123456789abcdef012345c',
      mongoDBVersion: '8.0.29',
      name: SEED.stagingClusters.flex,
      providerSettings: { backingProviderName: 'AWS', diskSizeGB: 5, providerName: 'FLEX', regionName: 'US_EAST_1' },
      stateName: 'IDLE',
      tags: [],
      terminationProtectionEnabled: false,
      versionReleaseSystem: 'LTS',
    },
  });
  if (opts.fleet) seedFleet(s, opts.fleet);
}
