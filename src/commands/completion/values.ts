/**
 * What completion offers for an option's value or a command's argument: a table keyed
 * by command path and flag (`cluster create --tier`), or by command path and argument
 * position (`cluster get #0`), with the values taken from the same constants and spec
 * index the commands check their input against, so the two never disagree.
 *
 * A source is a function of what is already typed (`--region` offers the regions of the
 * `--provider` on the line, AWS by default); sources that need the network or the
 * config file are in live.ts. Each module is imported only when its value is asked for,
 * so a TAB loads nothing it does not need.
 */
import { GLOBAL_OPTIONS, longFlag, type GlobalOptionDefinition } from '../../settings/definitions.js';

/** What a source sees: the command path, the options typed so far (long flag → values) and the environment. */
export interface Typed {
  /** `cluster create` (canonical names, aliases resolved); '' for atlascli itself. */
  path: string;
  /** Option values typed before the current word, by long flag (`--provider` → ['GCP']). */
  options: Map<string, string[]>;
  /** The word being completed, as typed so far. */
  current: string;
  env: NodeJS.ProcessEnv;
}

/** Candidates, or a directive for the shell: complete file names, or folder names. */
export type Values = string[] | 'files' | 'dirs';
export type Source = (typed: Typed) => Values | Promise<Values>;

const fixed =
  (...values: readonly string[]): Source =>
  () => [...values];

const BOOL = fixed('true', 'false');
const FILES: Source = () => 'files';
const DIRS: Source = () => 'dirs';

/** The `--provider` typed on the line, upper-cased; AWS (the commands' default) when none is. */
async function provider(typed: Typed) {
  const { PROVIDERS } = await import('../cluster/validate.js');
  const given = typed.options.get('--provider')?.at(-1)?.trim().toUpperCase();
  return PROVIDERS.find((p) => p === given) ?? 'AWS';
}

const providers: Source = async () => [...(await import('../cluster/validate.js')).PROVIDERS];
/**
 * The regions of the `--provider` on the line (AWS by default) as Atlas offers them to the
 * project (for the `--tier` on the line, when it is a dedicated one); the spec's list when
 * Atlas cannot be asked (no credentials, no answer in time).
 */
const regions: Source = async (typed) => {
  const { offeredRegions, tierKind } = await import('../cluster/validate.js');
  const cloud = await provider(typed);
  const tier = typed.options.get('--tier')?.at(-1) ?? typed.options.get('--size')?.at(-1);
  const dedicated = tier !== undefined && tierKind(tier.trim().toUpperCase()) === 'dedicated' ? tier.trim().toUpperCase() : undefined;
  const live = await (await import('./live.js')).providerRegions(typed, cloud, dedicated);
  return live.length ? live : (offeredRegions(cloud) ?? []);
};
/** `FIND,LIST_`: the spec's privilege actions after what is typed up to the last comma. */
const privileges: Source = async (typed) => {
  if (typed.current.includes('@')) return [];
  const head = typed.current.slice(0, typed.current.lastIndexOf(',') + 1);
  return (await import('../custom-role/privileges.js')).privilegeActions().map((a) => `${head}${a}`);
};
/** The accepter region of an AWS peering connection: AWS's regions whatever `--provider` says. */
const awsRegions: Source = async () => (await import('../cluster/validate.js')).offeredRegions('AWS') ?? [];
const dedicatedSizes: Source = async (typed) => (await import('../cluster/validate.js')).offeredSizes(await provider(typed)) ?? [];
/** Every tier `--tier` takes: the free M0, Flex, and the dedicated sizes of the provider. */
const tiers: Source = async (typed) => {
  const { FREE, FLEX } = await import('../cluster/validate.js');
  return [FREE, FLEX, ...((await dedicatedSizes(typed)) as string[])];
};
const clusterTypes: Source = async () => [...(await import('../cluster/validate.js')).CLUSTER_TYPES];
const mongoVersions: Source = async () => {
  const { OFFERED_MAJORS, LATEST } = await import('../cluster/validate.js');
  return [...OFFERED_MAJORS, LATEST];
};
const tlsVersions: Source = async () => (await import('../cluster/validate.js')).tlsVersions();
const connectionTypes: Source = async () => [...(await import('../cluster/connection.js')).CONNECTION_TYPES];
const logTypes: Source = async () => [...(await import('../logs/download.js')).LOG_TYPES];
const granularities: Source = async () => Object.keys((await import('../metrics/options.js')).GRANULARITIES);
/** Periods worth offering: the default period of each granularity. */
const periods: Source = async () => [...new Set(Object.values((await import('../metrics/options.js')).GRANULARITIES).map((g) => g.defaultPeriod))];
const metrics =
  (operationId: import('../metrics/options.js').MeasurementsOperation): Source =>
  async () =>
    (await import('../metrics/options.js')).metricNames(operationId);
const alertStatuses: Source = async () => [...(await import('../alert/options.js')).ALERT_STATUSES];
const days: Source = async () => [...(await import('../maintenance/views.js')).DAYS];
const hours = fixed(...Array.from({ length: 24 }, (_, h) => String(h)));
const deliveryTypes: Source = async () => [...(await import('../backup/options.js')).DELIVERY_TYPES];
const policies: Source = async () => (await import('../../spec/backup-policy.js')).FREQUENCIES.map((f) => `${f}:`);
const processTypes: Source = async () => Object.keys((await import('../process/views.js')).PROCESS_TYPES);
const eventTypes: Source = async (typed) => [...(await import('../event/options.js')).eventTypes(typed.options.has('--org') ? 'org' : 'project')];
const severities = fixed('F', 'E', 'W', 'I', 'D');
/**
 * A database role as `--role`, `--inherit` take it: the built-in ones (`read@`, a database
 * to add; `readAnyDatabase@admin`), then the project's custom roles, which Atlas holds on
 * admin (`salesAuditor@admin`).
 */
const roles: Source = async (typed) => {
  const { DATABASE_ROLES, ADMIN_ROLES } = await import('../user/input.js');
  const custom = (await live.customRoles(typed)) as string[];
  return [...DATABASE_ROLES.map((r) => `${r}@`), ...ADMIN_ROLES.map((r) => `${r}@admin`), ...custom.map((r) => `${r}@admin`)];
};
const orgRoles: Source = async () => [...(await import('../../args/roles.js')).ORG_ROLES];
const groupRoles: Source = async () => [...(await import('../../args/roles.js')).GROUP_ROLES];
/** Secret lifetimes worth offering (8 hours to 365 days). */
const secretLifetimes = fixed('8h', '1d', '7d', '30d', '90d', '180d', '365d');
/** `cluster:`, `data-lake:`, `stream:`; after `cluster:`, the project's cluster names. */
const scopes: Source = async (typed) => {
  const m = /^cluster:/i.exec(typed.current);
  if (!m) return ['cluster:', 'data-lake:', 'stream:'];
  return ((await live.clusters(typed)) as string[]).map((name) => `${m[0]}${name}`);
};
/** Tags of the spec as `api list --tag` takes them (case, spaces and hyphens aside): `cloud-backups`. */
const apiTags: Source = async () => (await import('../api/catalog.js')).allTags().map((t) => t.toLowerCase().replace(/[\s_]+/g, '-'));

/** The project roles a team may be given (`project teams add --role`). */
/**
 * `search-index create --field`, as the `--type` on the line takes it (search when none is):
 * a search index, after `path:` the field types; a vectorSearch index, after `path:`
 * `vector:` and `filter`, after `path:vector:` common dimensions, after `path:vector:<dims>:`
 * the similarities.
 */
const searchFields: Source = async (typed) => {
  const { SEARCH_FIELD_TYPES, SIMILARITIES, INDEX_TYPES } = await import('../search-index/options.js');
  const given = typed.options.get('--type')?.at(-1)?.trim().toLowerCase();
  const type = INDEX_TYPES.find((t) => t.toLowerCase() === given) ?? 'search';
  const path = /^([^:]+):/.exec(typed.current);
  if (type === 'search') return path ? SEARCH_FIELD_TYPES.map((t) => `${path[0]}${t}`) : [];
  const dims = /^([^:]+):vector:(\d+):/i.exec(typed.current);
  if (dims) return SIMILARITIES.map((s) => `${dims[0]}${s}`);
  const vector = /^([^:]+):vector:/i.exec(typed.current);
  if (vector) return ['384', '768', '1024', '1536', '3072'].map((d) => `${vector[0]}${d}:`);
  if (path) return ['vector:', 'filter'].map((t) => `${path[0]}${t}`);
  return [];
};
const searchIndexTypes: Source = async () => [...(await import('../search-index/options.js')).INDEX_TYPES];

const live = {
  clusters: (async (typed) => (await import('./live.js')).clusterNames(typed)) as Source,
  teams: (async (typed) => (await import('./live.js')).teamNames(typed, 'org')) as Source,
  orgTeamsOfProject: (async (typed) => (await import('./live.js')).teamNames(typed, 'project-org')) as Source,
  projectTeams: (async (typed) => (await import('./live.js')).teamNames(typed, 'project')) as Source,
  processes: (async (typed) => (await import('./live.js')).processIds(typed, false)) as Source,
  hosts: (async (typed) => (await import('./live.js')).processIds(typed, true)) as Source,
  profiles: (async (typed) => (await import('./live.js')).profileNames(typed)) as Source,
  keys: (async () => (await import('./live.js')).configKeys()) as Source,
  customRoles: (async (typed) => (await import('./live.js')).customRoleNames(typed)) as Source,
};

/** Flags that take a value wherever they appear (the global options): the values their table gives, the profiles for --profile. */
const GLOBAL_VALUES: Record<string, Source> = {
  ...Object.fromEntries(Object.values<GlobalOptionDefinition>(GLOBAL_OPTIONS).flatMap((o) => (o.values ? [[longFlag(o), fixed(...o.values)]] : []))),
  '--profile': live.profiles,
};

const CLUSTER_SHAPE: Record<string, Source> = {
  '--size': tiers,
  '--tier': tiers,
  '--analytics-size': dedicatedSizes,
  '--provider': providers,
  '--region': regions,
  '--mongodb-version': mongoVersions,
  '--type': clusterTypes,
  '--file': FILES,
};
/** `stream instance create`: the clouds, the stream regions of the `--provider` typed (AWS by default) and the tiers, from the spec's enums. */
const streamProviders: Source = async () => [...(await import('../stream/options.js')).STREAM_PROVIDERS];
const streamRegions: Source = async (typed) => {
  const { STREAM_PROVIDERS, STREAM_REGIONS } = await import('../stream/options.js');
  const given = typed.options.get('--provider')?.at(-1)?.trim().toUpperCase();
  return [...STREAM_REGIONS[STREAM_PROVIDERS.find((p) => p === given) ?? 'AWS']];
};
const streamTiers: Source = async () => [...(await import('../stream/options.js')).STREAM_TIERS];
const METRICS_WINDOW: Record<string, Source> = { '--granularity': granularities, '--period': periods };
const LOG_WINDOW: Record<string, Source> = { '--type': logTypes };

/** Value sources by command path, then long flag. */
export const OPTION_VALUES: Record<string, Record<string, Source>> = {
  'cluster create': CLUSTER_SHAPE,
  'cluster update': CLUSTER_SHAPE,
  'cluster connection-string': { '--type': connectionTypes },
  'cluster connect': { '--type': fixed('srv', 'standard'), '--role': roles },
  setup: { '--tier': tiers, '--provider': providers, '--region': regions, '--role': roles, '--cluster': live.clusters },
  'cluster upgrade': { '--tier': dedicatedSizes, '--provider': providers, '--region': regions },
  'cluster regions': { '--provider': providers, '--tier': dedicatedSizes },
  'custom-role create': { '--privilege': privileges, '--inherit': roles },
  'custom-role update': { '--privilege': privileges, '--inherit': roles },
  'cluster advanced set': { '--min-tls': tlsVersions, '--javascript-enabled': BOOL, '--no-table-scan': BOOL },
  'user create': {
    '--role': roles,
    '--scope': scopes,
    '--aws-iam': fixed('USER', 'ROLE'),
    '--x509': fixed('MANAGED', 'CUSTOMER'),
    '--oidc': fixed('IDP_GROUP', 'USER'),
    '--ldap': fixed('USER', 'GROUP'),
  },
  'user update': { '--role': roles, '--add-role': roles, '--remove-role': roles, '--scope': scopes },
  'logs download': { ...LOG_WINDOW, '--out': FILES },
  'logs cluster': { ...LOG_WINDOW, '--out-dir': DIRS },
  'logs project': { ...LOG_WINDOW, '--out-dir': DIRS },
  'logs show': { ...LOG_WINDOW, '--severity': severities },
  'metrics process': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessMeasurements') },
  'metrics cluster': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessMeasurements') },
  'metrics project': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessMeasurements') },
  'project api-keys assign': { '--role': groupRoles },
  'metrics database': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessDatabaseMeasurements') },
  'metrics disk': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessDiskMeasurements') },
  'backup restore create': { '--type': deliveryTypes, '--target-cluster': live.clusters },
  'backup snapshot download': { '--out': FILES },
  'backup schedule set': { '--policy': policies },
  'process list': { '--type': processTypes, '--cluster': live.clusters },
  'alert list': { '--status': alertStatuses },
  'event list': { '--type': eventTypes, '--cluster': live.clusters },
  'maintenance set': { '--day': days, '--hour': hours },
  'project teams add': { '--role': groupRoles },
  'api list': { '--tag': apiTags },
  'stream instance create': { '--provider': streamProviders, '--region': streamRegions, '--tier': streamTiers },
  'org api-keys create': { '--role': orgRoles },
  'org api-keys update': { '--role': orgRoles },
  'service-account create': { '--role': orgRoles, '--secret-expires-after': secretLifetimes },
  'service-account secret create': { '--expires-after': secretLifetimes },
  'invitation create': { '--role': orgRoles, '--project-role': groupRoles },
  api: { '--file': FILES, '--out': FILES },
  'search-index create': { '--type': searchIndexTypes, '--field': searchFields, '--file': FILES },
  'search-index update': { '--file': FILES },
  'cloud-access create': { '--provider': fixed('AWS') },
  'private-endpoint list': { '--provider': providers },
  'private-endpoint get': { '--provider': providers },
  'private-endpoint create': { '--provider': providers, '--region': regions },
  'private-endpoint delete': { '--provider': providers },
  'private-endpoint interface create': { '--provider': providers },
  'network container list': { '--provider': providers },
  'network container create': { '--provider': providers, '--region': regions },
  'network peering list': { '--provider': providers },
  'network peering create': { '--region': awsRegions },
};

/** `<bool>` options everywhere (project settings set has a dozen) take true or false. */
const PLACEHOLDER_VALUES: Record<string, Source> = { bool: BOOL, file: FILES, path: FILES };

/** Value sources of positional arguments, by command path, then position. */
export const ARGUMENT_VALUES: Record<string, Record<number, Source>> = {
  'config set': { 0: live.keys },
  'config get': { 0: live.keys },
  'config unset': { 0: live.keys },
  'config use': { 0: live.profiles },
  'config delete': { 0: live.profiles },
  'custom-role get': { 0: live.customRoles },
  'custom-role update': { 0: live.customRoles },
  'custom-role delete': { 0: live.customRoles },
};
/** Commands whose first argument names an existing cluster (not `cluster create`: a new name). */
export const CLUSTER_ARGUMENT = [
  'cluster get',
  'cluster update',
  'cluster delete',
  'cluster pause',
  'cluster resume',
  'cluster watch',
  'cluster connection-string',
  'cluster connect',
  'cluster failover',
  'cluster advanced get',
  'cluster advanced set',
  'cluster sample-data load',
  'cluster sample-data status',
  'cluster upgrade',
  'logs cluster',
  'metrics cluster',
  'backup snapshot list',
  'backup snapshot get',
  'backup snapshot create',
  'backup snapshot delete',
  'backup snapshot download',
  'backup snapshot watch',
  'backup restore list',
  'backup restore get',
  'backup restore create',
  'backup restore cancel',
  'backup schedule get',
  'backup schedule set',
  'search-index list',
  'search-index get',
  'search-index create',
  'search-index update',
  'search-index delete',
];
for (const path of CLUSTER_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.clusters };
/** Commands whose first argument is a process as `host:port`. */
export const PROCESS_ARGUMENT = [
  'process get',
  'process databases',
  'process disks',
  'metrics process',
  'metrics database',
  'metrics disk',
  'performance namespaces',
  'performance slow-queries',
  'performance suggested-indexes',
];
for (const path of PROCESS_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.processes };
/** Commands whose first argument is a host name alone. */
export const HOST_ARGUMENT = ['logs download', 'logs show'];
for (const path of HOST_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.hosts };
/** Commands whose first argument is a team of the organization, by name (or id); `project teams add`: of the project's organization; `remove`: of the project. */
export const TEAM_ARGUMENT = ['team get', 'team rename', 'team delete', 'team users list', 'team users add', 'team users remove'];
for (const path of TEAM_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.teams };
ARGUMENT_VALUES['project teams add'] = { ...ARGUMENT_VALUES['project teams add'], 0: live.orgTeamsOfProject };
ARGUMENT_VALUES['project teams remove'] = { ...ARGUMENT_VALUES['project teams remove'], 0: live.projectTeams };

/**
 * The source for a flag's value: the command's own table first, then the global
 * flags, then by placeholder (`<bool>`, `<file>`); undefined when the value is free text.
 */
export function optionSource(path: string, long: string, placeholder: string | undefined): Source | undefined {
  return OPTION_VALUES[path]?.[long] ?? GLOBAL_VALUES[long] ?? (placeholder ? PLACEHOLDER_VALUES[placeholder] : undefined);
}

export function argumentSource(path: string, index: number): Source | undefined {
  return ARGUMENT_VALUES[path]?.[index];
}
