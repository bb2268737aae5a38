// Scenarios: the state a simulator starts from, declared in a JSON file
// (`atlascli simulator --scenario <file.json>`, `startSimulator({ scenario })`), in the shape
// of ../shared/CLI-CONTRACT.md "The simulator as a test fixture". The file is checked against
// the JSON Schema that ships beside this module (scenario.schema.json, printed by
// `atlascli simulator --print-schema`), then against what the schema cannot say: tiers and
// regions the spec offers on the provider, CIDR blocks, names unique where Atlas wants them
// unique, role@db roles and cluster scopes. Every refusal names the JSON path ($.orgs[0]…).
//
// Ids are generated once, when the scenario is loaded, so `POST /__simulator/reset` brings
// back the same ids (the environment printed at start stays right).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Ajv, type ErrorObject } from 'ajv';
import { isoAt } from './clock.js';
import { validateFault } from './faults.js';
import { canonicalBlock } from './resources/access-list.js';
import { defaultProcessArgs, fullVersion, newCluster, randomDomain } from './resources/cluster-model.js';
import { ADMIN_ONLY_ROLES, BUILT_IN_ROLES } from './resources/database-users.js';
import { defaultSettings } from './resources/projects.js';
import { DEFAULT_REGION, regionsOf, sizesOf } from './resources/regions.js';
import { MAX_PAUSE_MS } from './resources/clusters.js';
import { sortEvents } from './resources/events.js';
import type { Json, SimulatorState } from './state.js';
import type { Fault } from './types.js';

const SCHEMA_URL = new URL('../../src/simulator/scenario.schema.json', import.meta.url);

/** The scenario's JSON Schema (draft-07), as shipped with the package. */
export function scenarioSchema(): Json {
  return JSON.parse(readFileSync(SCHEMA_URL, 'utf8')) as Json;
}

export interface ScenarioCluster {
  name: string;
  tier: string;
  provider?: 'AWS' | 'GCP' | 'AZURE';
  region?: string;
  paused?: boolean;
  tags?: Record<string, string>;
  mongoDBVersion?: string;
  backup?: boolean;
  terminationProtection?: boolean;
  createDate?: string;
  /** when the cluster was paused (with `paused`); default: when the simulator starts */
  pausedDate?: string;
}

export interface Scenario {
  credentials?: { publicKey: string; privateKey: string; clientId?: string; clientSecret?: string };
  orgs: Array<{
    name: string;
    projects?: Array<{
      name: string;
      tags?: Record<string, string>;
      clusters?: ScenarioCluster[];
      databaseUsers?: Array<{ username: string; roles: string[]; scopes?: string[] }>;
      accessList?: Array<{ cidrBlock?: string; ipAddress?: string; comment?: string }>;
    }>;
  }>;
  faults?: Fault[];
}

/** A checked scenario with its generated ids (`orgIds[i]`, `projectIds[i][j]`, `clusterIds[i][j][k]`). */
export interface LoadedScenario {
  scenario: Scenario;
  orgIds: string[];
  projectIds: string[][];
  clusterIds: string[][][];
}

/** A scenario refused: `path` is the JSON path of the bad value ($, $.orgs[0].projects[1].clusters[0].tier…). */
export class ScenarioError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
    this.name = 'ScenarioError';
  }
}

let validator: ReturnType<Ajv['compile']> | undefined;

/** `/orgs/0/projects/1` → `$.orgs[0].projects[1]` */
function jsonPath(pointer: string, extra?: string): string {
  const parts = pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
  if (extra !== undefined) parts.push(extra);
  return '$' + parts.map((p) => (/^\d+$/.test(p) ? `[${p}]` : /^[A-Za-z_$][\w$]*$/.test(p) ? `.${p}` : `[${JSON.stringify(p)}]`)).join('');
}

function describe(e: ErrorObject): ScenarioError {
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = (e.params as { additionalProperty: string }).additionalProperty;
      return new ScenarioError(jsonPath(e.instancePath, key), `unknown key "${key}"`);
    }
    case 'required':
      return new ScenarioError(jsonPath(e.instancePath), `missing "${(e.params as { missingProperty: string }).missingProperty}"`);
    case 'oneOf':
    case 'not':
      return new ScenarioError(jsonPath(e.instancePath), 'give exactly one of cidrBlock and ipAddress');
    case 'enum':
      return new ScenarioError(jsonPath(e.instancePath), `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`);
    default:
      return new ScenarioError(jsonPath(e.instancePath), e.message ?? 'invalid');
  }
}

function newId(): string {
  return (
    Math.floor(Date.now() / 1000)
      .toString(16)
      .padStart(8, '0') + randomBytes(8).toString('hex')
  );
}

/**
 * Checks a parsed scenario document (the schema, then the rules above) and generates its
 * ids. Throws ScenarioError naming the JSON path of the first bad value.
 */
export function loadScenario(doc: unknown): LoadedScenario {
  if (!validator) {
    const ajv = new Ajv({ allErrors: false, strict: false });
    validator = ajv.compile(scenarioSchema());
  }
  if (!validator(doc)) throw describe(validator.errors![0]!);
  const s = doc as Scenario;
  const orgNames = new Set<string>();
  s.orgs.forEach((org, i) => {
    const at = `$.orgs[${i}]`;
    if (orgNames.has(org.name)) throw new ScenarioError(`${at}.name`, `duplicate organization name "${org.name}"`);
    orgNames.add(org.name);
  });
  const projectNames = new Set<string>();
  s.orgs.forEach((org, i) =>
    (org.projects ?? []).forEach((p, j) => {
      const at = `$.orgs[${i}].projects[${j}]`;
      // Atlas project names are unique across Atlas (GET /groups/byName/{groupName})
      if (projectNames.has(p.name)) throw new ScenarioError(`${at}.name`, `duplicate project name "${p.name}"`);
      projectNames.add(p.name);
      const clusterNames = new Set<string>();
      (p.clusters ?? []).forEach((c, k) => checkCluster(c, `${at}.clusters[${k}]`, clusterNames));
      const users = new Set<string>();
      (p.databaseUsers ?? []).forEach((u, k) => {
        const uat = `${at}.databaseUsers[${k}]`;
        if (users.has(u.username)) throw new ScenarioError(`${uat}.username`, `duplicate database user "${u.username}"`);
        users.add(u.username);
        u.roles.forEach((r, n) => {
          const [role, db] = r.split('@') as [string, string];
          if (!BUILT_IN_ROLES.includes(role)) throw new ScenarioError(`${uat}.roles[${n}]`, `unknown role "${role}": use one of ${BUILT_IN_ROLES.join(', ')}`);
          if (ADMIN_ONLY_ROLES.includes(role) && db !== 'admin') throw new ScenarioError(`${uat}.roles[${n}]`, `${role} exists on the admin database only (${role}@admin)`);
        });
        (u.scopes ?? []).forEach((sc, n) => {
          const name = sc.slice('cluster:'.length);
          if (!clusterNames.has(name)) throw new ScenarioError(`${uat}.scopes[${n}]`, `no cluster "${name}" in project "${p.name}"`);
        });
      });
      const blocks = new Set<string>();
      (p.accessList ?? []).forEach((e, k) => {
        const field = e.cidrBlock !== undefined ? 'cidrBlock' : 'ipAddress';
        const value = (e.cidrBlock ?? e.ipAddress)!;
        const block = field === 'ipAddress' && value.includes('/') ? undefined : canonicalBlock(value);
        if (!block)
          throw new ScenarioError(`${at}.accessList[${k}].${field}`, `"${value}" is not a valid ${field === 'cidrBlock' ? 'CIDR block (no host bits set)' : 'IP address'}`);
        if (blocks.has(block)) throw new ScenarioError(`${at}.accessList[${k}].${field}`, `duplicate entry ${block}`);
        blocks.add(block);
      });
    }),
  );
  (s.faults ?? []).forEach((f, i) => {
    try {
      validateFault(f);
    } catch (e) {
      throw new ScenarioError(`$.faults[${i}]`, (e as Error).message);
    }
  });
  return {
    scenario: s,
    orgIds: s.orgs.map(() => newId()),
    projectIds: s.orgs.map((o) => (o.projects ?? []).map(() => newId())),
    clusterIds: s.orgs.map((o) => (o.projects ?? []).map((p) => (p.clusters ?? []).map(() => newId()))),
  };
}

function checkCluster(c: ScenarioCluster, at: string, names: Set<string>, now = Date.now()): void {
  // 400 DUPLICATE_CLUSTER_NAME in Atlas (error-code list); names are case-insensitive there
  const lower = c.name.toLowerCase();
  if (names.has(lower) || [...names].some((n) => n.toLowerCase() === lower)) throw new ScenarioError(`${at}.name`, `duplicate cluster name "${c.name}" in this project`);
  names.add(c.name);
  if (c.name.endsWith('-')) throw new ScenarioError(`${at}.name`, `"${c.name}" ends with a hyphen`);
  const provider = c.provider ?? 'AWS';
  if (c.tier !== 'M0' && c.tier !== 'FLEX') {
    const sizes = sizesOf(provider);
    if (sizes && !sizes.includes(c.tier)) throw new ScenarioError(`${at}.tier`, `${c.tier} is not offered on ${provider}`);
  }
  if (c.region !== undefined) {
    const regions = regionsOf(provider);
    if (regions && !regions.includes(c.region)) throw new ScenarioError(`${at}.region`, `"${c.region}" is not a region of ${provider} (e.g. ${DEFAULT_REGION[provider]})`);
  }
  // Atlas pauses an idle M0 itself (after 60 days without a connection) and nobody can pause a Flex cluster;
  // a dedicated cluster is resumed by Atlas after 30 days paused (Atlas docs, "Pause, Resume, or Terminate a Cluster")
  if (c.paused && c.tier === 'FLEX') throw new ScenarioError(`${at}.paused`, 'a FLEX cluster cannot be paused');
  if (c.pausedDate !== undefined) {
    const t = Date.parse(c.pausedDate);
    if (!c.paused) throw new ScenarioError(`${at}.pausedDate`, 'pausedDate needs "paused": true');
    if (Number.isNaN(t)) throw new ScenarioError(`${at}.pausedDate`, `"${c.pausedDate}" is not a date`);
    if (c.createDate !== undefined && t < Date.parse(c.createDate)) throw new ScenarioError(`${at}.pausedDate`, 'the cluster was paused before it was created');
    if (c.tier !== 'M0' && now - t > MAX_PAUSE_MS) {
      throw new ScenarioError(`${at}.pausedDate`, 'Atlas resumes a dedicated cluster after 30 days paused (only an M0 that Atlas paused stays paused longer)');
    }
  }
  if (c.backup && (c.tier === 'M0' || c.tier === 'FLEX')) throw new ScenarioError(`${at}.backup`, `cloud backup is for dedicated tiers, not ${c.tier}`);
  if (c.createDate !== undefined && Number.isNaN(Date.parse(c.createDate))) throw new ScenarioError(`${at}.createDate`, `"${c.createDate}" is not a date`);
}

/** Reads and checks a scenario file; ScenarioError naming the path ($) when it is not JSON. */
export function readScenarioFile(file: string): LoadedScenario {
  const text = readFileSync(file, 'utf8');
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ScenarioError('$', `not valid JSON (${(e as Error).message})`);
  }
  return loadScenario(doc);
}

const tagList = (tags: Record<string, string> | undefined) => Object.entries(tags ?? {}).map(([key, value]) => ({ key, value }));

/** Seeds `state` with the scenario (nothing else: no default seed). */
export function seedScenario(state: SimulatorState, loaded: LoadedScenario): void {
  const { scenario, orgIds, projectIds, clusterIds } = loaded;
  const started = state.isoNow();
  scenario.orgs.forEach((org, i) => {
    state.orgs.set(orgIds[i]!, { id: orgIds[i]!, name: org.name, isDeleted: false, skipDefaultAlertsSettings: false });
    (org.projects ?? []).forEach((p, j) => {
      const groupId = projectIds[i]![j]!;
      state.projects.set(groupId, {
        id: groupId,
        name: p.name,
        orgId: orgIds[i]!,
        created: started,
        tags: tagList(p.tags),
        withDefaultAlertsSettings: true,
        settings: defaultSettings(),
        teams: [],
      });
      (p.clusters ?? []).forEach((c, k) => {
        const rec = buildCluster(state, groupId, c, clusterIds[i]![j]![k]!, started);
        state.addCluster(rec);
        if (c.paused) {
          const ev = recordPause(state, groupId, c, started);
          if (c.tier !== 'M0') rec.autoResumeAt = Date.parse(String(ev.created)) + MAX_PAUSE_MS;
        }
      });
      for (const u of p.databaseUsers ?? []) {
        const roles = u.roles.map((r) => {
          const [roleName, databaseName] = r.split('@');
          return { databaseName, roleName };
        });
        const scopes = (u.scopes ?? []).map((sc) => ({ name: sc.slice('cluster:'.length), type: 'CLUSTER' }));
        state.databaseUsers.set(`${groupId}/admin/${u.username}`, {
          hasPassword: true,
          doc: {
            awsIAMType: 'NONE',
            databaseName: 'admin',
            groupId,
            labels: [],
            ldapAuthType: 'NONE',
            oidcAuthType: 'NONE',
            roles,
            scopes,
            username: u.username,
            x509Type: 'NONE',
          },
        });
      }
      for (const e of p.accessList ?? []) {
        const block = canonicalBlock((e.cidrBlock ?? e.ipAddress)!)!;
        state.accessList.set(`${groupId}/${block}`, {
          groupId,
          cidrBlock: block,
          ...(e.ipAddress !== undefined ? { ipAddress: e.ipAddress } : {}),
          ...(e.comment !== undefined ? { comment: e.comment } : {}),
          activeAt: 0,
        });
      }
    });
  });
}

/**
 * The event of a scenario cluster's pause, at its pausedDate (default: the start), so that
 * `audit`'s long-paused check reads what Atlas would show: an M0 paused by Atlas is
 * CLUSTER_AUTOMATICALLY_PAUSED, a dedicated cluster paused through the API a
 * CLUSTER_UPDATE_SUBMITTED (the spec's EventTypeForNdsGroup).
 */
function recordPause(state: SimulatorState, groupId: string, c: ScenarioCluster, started: string): Json {
  const created = c.pausedDate ? isoAt(Date.parse(c.pausedDate)) : started;
  const ev: Json = {
    clusterName: c.name,
    created,
    eventTypeName: c.tier === 'M0' ? 'CLUSTER_AUTOMATICALLY_PAUSED' : 'CLUSTER_UPDATE_SUBMITTED',
    groupId,
    id: state.newId(),
    isGlobalAdmin: false,
  };
  if (c.tier !== 'M0') ev.publicKey = 'simpublickey';
  state.events.push(ev);
  sortEvents(state.events);
  return ev;
}

function buildCluster(state: SimulatorState, groupId: string, c: ScenarioCluster, id: string, started: string) {
  const provider = c.provider ?? 'AWS';
  const regionName = c.region ?? DEFAULT_REGION[provider];
  const major = c.mongoDBVersion?.split('.').slice(0, 2).join('.');
  const createDate = c.createDate ? isoAt(Date.parse(c.createDate)) : started;
  if (c.tier === 'FLEX') {
    return {
      domain: randomDomain(),
      flex: true,
      processArgs: {},
      doc: {
        backupSettings: { enabled: true },
        clusterType: 'REPLICASET',
        createDate,
        groupId,
        id,
        mongoDBVersion: c.mongoDBVersion && c.mongoDBVersion.split('.').length === 3 ? c.mongoDBVersion : fullVersion(major ?? '8.0'),
        name: c.name,
        providerSettings: { backingProviderName: provider, diskSizeGB: 5, providerName: 'FLEX', regionName },
        stateName: 'IDLE',
        tags: tagList(c.tags),
        terminationProtectionEnabled: Boolean(c.terminationProtection),
        versionReleaseSystem: 'LTS',
      },
    };
  }
  const regionConfig: Json =
    c.tier === 'M0'
      ? { providerName: 'TENANT', backingProviderName: provider, regionName, priority: 7, electableSpecs: { instanceSize: 'M0' } }
      : { providerName: provider, regionName, priority: 7, electableSpecs: { instanceSize: c.tier, nodeCount: 3 } };
  const body: Json = {
    name: c.name,
    clusterType: 'REPLICASET',
    replicationSpecs: [{ zoneName: 'Zone 1', regionConfigs: [regionConfig] }],
    backupEnabled: Boolean(c.backup),
    terminationProtectionEnabled: Boolean(c.terminationProtection),
    tags: tagList(c.tags),
  };
  if (major) body.mongoDBMajorVersion = major;
  const rec = newCluster(state, groupId, body, '2024-10-23');
  rec.doc.id = id;
  rec.doc.createDate = createDate;
  rec.doc.stateName = 'IDLE';
  rec.doc.paused = Boolean(c.paused);
  if (c.mongoDBVersion && c.mongoDBVersion.split('.').length === 3) rec.doc.mongoDBVersion = c.mongoDBVersion;
  rec.processArgs = defaultProcessArgs();
  return rec;
}
