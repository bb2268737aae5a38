// In-memory Atlas: organizations, projects, users, teams, clusters and every resource
// family's records (model.ts). One instance per simulator; nothing here is module-level.
// Time is the clock's (clock.ts): transitions (cluster CREATING→IDLE, …) are due at a clock
// time and applied lazily by tick(), so no timers keep a process alive, and a manual clock
// decides when they happen. The seed data is given by the caller (seed.ts), so the state
// never imports the resource families that seed it.
import { randomBytes } from 'node:crypto';
import { isoAt, type SimClock } from './clock.js';
import { durationOf, type ChangeKind } from './durations.js';
import type { AccessListRecord, ApiKeyRecord, AppUser, ClusterRecord, ClusterState, DatabaseUserRecord, Json, Org, Project, Team } from './model.js';
import { BackupStore } from './resources/backup-store.js';
import { defaultLogSettings, type LogSettings, type ServedLog } from './resources/log-settings.js';

export type { AccessListRecord, ApiKeyEntry, ApiKeyRecord, AppUser, ClusterRecord, ClusterState, DatabaseUserRecord, Json, Org, Project, ProjectTeam, Team } from './model.js';

/** What GET /api/private/ipinfo answers until a test sets `state.callerIp` (a documentation address). */
export const DEFAULT_CALLER_IP = '198.51.100.23';

export interface StateOptions {
  /** the simulator's clock: every time the state reads */
  clock: SimClock;
  /** how long every state change takes, in clock milliseconds; absent: Atlas's durations (durations.ts) */
  stepMs?: number;
  /** fills an empty state with the seed data (at start and on reset()) */
  seed: (state: SimulatorState) => void;
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
  /** set (a test, `--step-ms`): every state change takes this long, in clock ms; unset: Atlas's durations */
  private stepOverride: number | undefined;
  readonly clock: SimClock;
  private counter = 0;
  private readonly machine = randomBytes(5).toString('hex');

  constructor(private readonly options: StateOptions) {
    this.stepOverride = options.stepMs;
    this.clock = options.clock;
    options.seed(this);
  }

  /** One step of a change that has no kind of its own (a snapshot's, a restore job's), clock ms. Setting it makes every change take that long. */
  get stepMs(): number {
    return this.duration('step');
  }

  set stepMs(ms: number) {
    this.stepOverride = ms;
  }

  /** How long a change of that kind takes, clock ms: the override when set, else Atlas's duration for the clock's mode (durations.ts). */
  duration(kind: ChangeKind): number {
    return this.stepOverride ?? durationOf(kind, this.clock.mode);
  }

  /** The clock's time, epoch ms. */
  now(): number {
    return this.clock.now();
  }

  /** ISO 8601 timestamp without milliseconds, as Atlas prints them */
  isoNow(offsetMs = 0): string {
    return isoAt(this.now() + offsetMs);
  }

  /** A fresh 24-hex ObjectId-like id. */
  newId(): string {
    this.counter = (this.counter + 1) % 0xffffff;
    const secs = Math.floor(this.now() / 1000)
      .toString(16)
      .padStart(8, '0');
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
    this.options.seed(this);
  }

  /** Applies due transitions (CREATING/UPDATING → IDLE, DELETING → gone). */
  tick(): void {
    const now = this.now();
    for (const [key, c] of this.clusters) {
      // Atlas resumes a dedicated cluster paused for 30 days (Atlas docs, "Pause, Resume, or Terminate a Cluster")
      if (c.autoResumeAt !== undefined && c.autoResumeAt <= now) {
        if (c.doc.paused) c.doc.paused = false;
        c.resumedAt = c.autoResumeAt;
        c.autoResumeAt = undefined;
      }
      if (!c.transition || c.transition.at > now) continue;
      if (c.transition.to === 'GONE') {
        this.clusters.delete(key);
        continue;
      }
      c.doc.stateName = 'IDLE';
      c.transition = undefined;
    }
  }

  /**
   * Starts a transition of a cluster: it shows `state` now and becomes IDLE (or gone) once
   * the change's duration has passed (`kind`; default by state: a create, an update, a delete).
   */
  transition(c: ClusterRecord, state: ClusterState, to: 'IDLE' | 'GONE' = 'IDLE', kind?: ChangeKind): void {
    c.doc.stateName = state;
    c.transition = { at: this.now() + this.duration(kind ?? (state === 'CREATING' ? 'clusterCreate' : state === 'DELETING' ? 'clusterDelete' : 'clusterUpdate')), to };
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
