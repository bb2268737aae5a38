// In-memory Atlas: organizations, projects, users, teams, clusters. One instance per
// simulator; nothing here is module-level. Time-based transitions (cluster
// CREATING→IDLE, …) are evaluated lazily by tick(), so no timers keep a process alive.
import { randomBytes } from 'node:crypto';
import { seedState, type SeedOptions } from './seed.js';
import type { AccessListRecord } from './resources/access-list.js';
import type { ApiKeyRecord } from './resources/api-keys.js';
import type { DatabaseUserRecord } from './resources/database-users.js';
import { BackupStore } from './resources/backup-store.js';
import { defaultLogSettings, type LogSettings, type ServedLog } from './resources/logs.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Atlas's documents are open JSON
export type Json = Record<string, any>;

/** What GET /api/private/ipinfo answers until a test sets `state.callerIp` (a documentation address). */
export const DEFAULT_CALLER_IP = '198.51.100.23';

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
  /** pending transition: at `at` (epoch ms) the cluster becomes IDLE, or disappears */
  transition?: { at: number; to: 'IDLE' | 'GONE' };
  /** host-name domain, e.g. ab12cd.mongodb.net */
  domain: string;
  /** a Flex cluster: served by /flexClusters only, `doc` in the FlexClusterDescription20241113 shape */
  flex?: boolean;
  /** the project reaches it through network peering and a private endpoint: Atlas then serves the private connection strings */
  privateNetworking?: boolean;
  /** epoch ms of the last resume: Atlas refuses a pause within an hour of it */
  resumedAt?: number;
}

export interface StateOptions extends SeedOptions {
  stepMs: number;
}

export class SimulatorState {
  readonly orgs = new Map<string, Org>();
  readonly projects = new Map<string, Project>();
  readonly users = new Map<string, AppUser>();
  readonly teams = new Map<string, Team>();
  /** key: `${groupId}/${clusterName}` */
  readonly clusters = new Map<string, ClusterRecord>();
  /** alerts of every project, by id (resources/alerts.ts) */
  readonly alerts = new Map<string, Json>();
  /** project and organization events, newest first (resources/events.ts) */
  readonly events: Json[] = [];
  /** maintenance windows and scheduled maintenance, by project id (resources/maintenance.ts) */
  readonly maintenance = new Map<string, Json>();
  /** database users, key `${groupId}/${databaseName}/${username}` (resources/database-users.ts) */
  readonly databaseUsers = new Map<string, DatabaseUserRecord>();
  /** project IP access list entries, key `${groupId}/${cidrBlock}` (resources/access-list.ts) */
  readonly accessList = new Map<string, AccessListRecord>();
  /** organization API keys by id, with their access lists (resources/api-keys.ts) */
  readonly apiKeys = new Map<string, ApiKeyRecord>();
  /** the caller's public address, as GET /api/private/ipinfo answers it; tests may set it */
  callerIp = DEFAULT_CALLER_IP;
  /** cloud backup: snapshots, restore jobs and schedules per cluster id (resources/backup.ts) */
  readonly backup = new BackupStore();
  /** log download knobs (resources/logs.ts) and every download served, newest last */
  logSettings: LogSettings = defaultLogSettings();
  readonly servedLogs: ServedLog[] = [];
  stepMs: number;
  private counter = 0;
  private readonly machine = randomBytes(5).toString('hex');

  constructor(private readonly options: StateOptions) {
    this.stepMs = options.stepMs;
    seedState(this, options);
  }

  now(): number {
    return Date.now();
  }

  /** ISO 8601 timestamp without milliseconds, as Atlas prints them */
  isoNow(offsetMs = 0): string {
    return new Date(this.now() + offsetMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  }

  /** A fresh 24-hex ObjectId-like id. */
  newId(): string {
    this.counter = (this.counter + 1) % 0xffffff;
    const secs = Math.floor(this.now() / 1000).toString(16).padStart(8, '0');
    return secs + this.machine + this.counter.toString(16).padStart(6, '0');
  }

  /** Forgets everything and seeds again. */
  reset(): void {
    this.orgs.clear();
    this.projects.clear();
    this.users.clear();
    this.teams.clear();
    this.clusters.clear();
    this.alerts.clear();
    this.events.length = 0;
    this.maintenance.clear();
    this.databaseUsers.clear();
    this.accessList.clear();
    this.apiKeys.clear();
    this.callerIp = DEFAULT_CALLER_IP;
    this.backup.clear();
    this.logSettings = defaultLogSettings();
    this.servedLogs.length = 0;
    seedState(this, this.options);
  }

  /** Applies due transitions (CREATING/UPDATING → IDLE, DELETING → gone). */
  tick(): void {
    const now = this.now();
    for (const [key, c] of this.clusters) {
      if (!c.transition || c.transition.at > now) continue;
      if (c.transition.to === 'GONE') {
        this.clusters.delete(key);
        continue;
      }
      c.doc.stateName = 'IDLE';
      c.transition = undefined;
    }
  }

  /** Starts a transition of a cluster: it shows `state` now and becomes IDLE (or gone) after stepMs. */
  transition(c: ClusterRecord, state: ClusterState, to: 'IDLE' | 'GONE' = 'IDLE'): void {
    c.doc.stateName = state;
    c.transition = { at: this.now() + this.stepMs, to };
  }

  // ---- look-ups -----------------------------------------------------------------

  org(id: string): Org | undefined {
    return this.orgs.get(id);
  }

  project(id: string): Project | undefined {
    return this.projects.get(id);
  }

  projectByName(name: string): Project | undefined {
    for (const p of this.projects.values()) if (p.name === name) return p;
    return undefined;
  }

  projectsOf(orgId?: string): Project[] {
    return [...this.projects.values()].filter((p) => !orgId || p.orgId === orgId);
  }

  cluster(groupId: string, name: string): ClusterRecord | undefined {
    this.tick();
    return this.clusters.get(`${groupId}/${name}`);
  }

  clustersOf(groupId: string): ClusterRecord[] {
    this.tick();
    return [...this.clusters.values()].filter((c) => c.doc.groupId === groupId);
  }

  addCluster(c: ClusterRecord): void {
    this.clusters.set(`${c.doc.groupId}/${c.doc.name}`, c);
  }

  removeCluster(groupId: string, name: string): void {
    this.clusters.delete(`${groupId}/${name}`);
  }
}
