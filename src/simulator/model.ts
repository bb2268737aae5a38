// The records the simulator keeps, as plain data: no behaviour, no imports. The state
// (state.ts) holds them; resource families (resources/) read and change them. Families with
// knobs of their own keep their store beside them (resources/backup-store.ts,
// resources/log-settings.ts), as leaves like this one.

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Atlas's documents are open JSON
export type Json = Record<string, any>;

export interface Org {
  id: string;
  name: string;
  isDeleted: boolean;
  skipDefaultAlertsSettings: boolean;
}

export interface ProjectTeam {
  teamId: string;
  roleNames: string[];
}

export interface Project {
  id: string;
  name: string;
  orgId: string;
  created: string;
  tags: Array<{ key: string; value: string }>;
  withDefaultAlertsSettings: boolean;
  regionUsageRestrictions?: string;
  settings: Json;
  teams: ProjectTeam[];
}

export interface AppUser {
  id: string;
  username: string;
  firstName?: string;
  lastName?: string;
  country?: string;
  mobileNumber?: string | null;
  createdAt: string;
  lastAuth?: string;
  orgMembershipStatus: 'ACTIVE' | 'PENDING';
  invitationCreatedAt?: string;
  invitationExpiresAt?: string;
  inviterUsername?: string;
  /** orgId -> org roles */
  orgRoles: Record<string, string[]>;
  /** groupId -> project roles */
  groupRoles: Record<string, string[]>;
  teamIds: string[];
}

export interface Team {
  id: string;
  orgId: string;
  name: string;
}

export type ClusterState = 'IDLE' | 'CREATING' | 'UPDATING' | 'DELETING' | 'REPAIRING';

export interface ClusterRecord {
  /** the cluster document in the 2024-08-05 shape, without `links` */
  doc: Json;
  /** advanced configuration (processArgs), superset of the 2023-01-01 and 2024-08-05 shapes */
  processArgs: Json;
  /** pending transition: at `at` (epoch ms, clock time) the cluster becomes IDLE, or disappears */
  transition?: { at: number; to: 'IDLE' | 'GONE' };
  /** host-name domain, e.g. ab12cd.mongodb.net */
  domain: string;
  /** a Flex cluster: served by /flexClusters only, `doc` in the FlexClusterDescription20241113 shape */
  flex?: boolean;
  /** the project reaches it through network peering and a private endpoint: Atlas then serves the private connection strings */
  privateNetworking?: boolean;
  /** epoch ms (clock time) of the last resume: Atlas refuses a pause within an hour of it */
  resumedAt?: number;
  /** epoch ms (clock time) when Atlas resumes this paused dedicated cluster on its own: 30 days after the pause */
  autoResumeAt?: number;
}

/** One entry of a project's access list (resources/access-list.ts). */
export interface AccessListRecord {
  groupId: string;
  /** the key: a.b.c.d/n or the IPv6 block in normalized form, or an AWS security group id */
  cidrBlock?: string;
  ipAddress?: string;
  awsSecurityGroup?: string;
  comment?: string;
  deleteAfterDate?: string;
  /** epoch ms (clock time) from which the entry is ACTIVE */
  activeAt: number;
}

/** One entry of an organization API key's access list (resources/api-keys.ts). */
export interface ApiKeyEntry {
  cidrBlock: string;
  ipAddress?: string;
  created: string;
}

/** An organization API key (resources/api-keys.ts). */
export interface ApiKeyRecord {
  id: string;
  orgId: string;
  desc: string;
  publicKey: string;
  privateKey: string;
  roles: Json[];
  accessList: ApiKeyEntry[];
}

/** A stored database user: the document without links, and whether it has a password (resources/database-users.ts). */
export interface DatabaseUserRecord {
  doc: Json;
  hasPassword: boolean;
}
