// The seed's fixed ids and names, which tests, docs and the resource families' own seeds
// name. A leaf: the resource families import it without importing the seed itself.

export const SEED = {
  orgId: 'a0123456789abcdef012345a',
  orgName: 'atlascli Simulated Org',
  secondOrgId: 'a1123456789abcdef012345a',
  secondOrgName: 'atlascli Partner Org',
  projectId: 'b0123456789abcdef012345b',
  projectName: 'atlascli-sim',
  stagingProjectId: 'b1123456789abcdef012345b',
  stagingProjectName: 'atlascli-sim-staging',
  analyticsProjectId: 'b2123456789abcdef012345b',
  analyticsProjectName: 'atlascli-sim-analytics',
  partnerProjectId: 'b3123456789abcdef012345b',
  partnerProjectName: 'partner-app',
  /** a project whose name has a space, in the partner org, with one cluster (names on the command line) */
  spacedProjectId: 'b4123456789abcdef012345b',
  spacedProjectName: 'Proj Beta',
  spacedCluster: 'BetaCluster',
  /** two organizations with one name (the ambiguity of `--org <name>`) */
  twinOrgIds: ['a2123456789abcdef012345a', 'a3123456789abcdef012345a'],
  twinOrgName: 'Twin Org',
  /** clusters of the default project */
  clusters: { replicaSet: 'Cluster0', sharded: 'ShardedCluster', paused: 'PausedCluster' },
  /** clusters of the staging project: a free M0 (its one free cluster) and a Flex cluster */
  stagingClusters: { free: 'FreeCluster', flex: 'FlexCluster' },
  /**
   * The simulator's own service account, in the default organization: a client id as Atlas
   * issues them (`mdb_sa_id_` and 24 hexadecimal characters, spec: OrgServiceAccount.clientId)
   */
  serviceAccount: { clientId: 'mdb_sa_id_aa0123456789abcdef0123aa', clientSecret: 'mdb_sa_sk_simulator' },
  teams: { dba: 'e0123456789abcdef012345e', developers: 'e1123456789abcdef012345e' },
  users: {
    owner: 'd0123456789abcdef012345d',
    developer: 'd1123456789abcdef012345d',
    readOnly: 'd2123456789abcdef012345d',
    billing: 'd3123456789abcdef012345d',
    invited: 'd4123456789abcdef012345d',
  },
} as const;
