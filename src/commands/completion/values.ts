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
const regions: Source = async (typed) => (await import('../cluster/validate.js')).offeredRegions(await provider(typed)) ?? [];
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
const policies: Source = async () => (await import('../backup/policy.js')).FREQUENCIES.map((f) => `${f}:`);
const processTypes: Source = async () => Object.keys((await import('../process/views.js')).PROCESS_TYPES);
const eventTypes: Source = async (typed) => [...(await import('../event/options.js')).eventTypes(typed.options.has('--org') ? 'org' : 'project')];
const severities = fixed('F', 'E', 'W', 'I', 'D');
const roles: Source = async () => {
  const { DATABASE_ROLES, ADMIN_ROLES } = await import('../user/input.js');
  return [...DATABASE_ROLES.map((r) => `${r}@`), ...ADMIN_ROLES.map((r) => `${r}@admin`)];
};
/** `cluster:`, `data-lake:`, `stream:`; after `cluster:`, the project's cluster names. */
const scopes: Source = async (typed) => {
  const m = /^cluster:/i.exec(typed.current);
  if (!m) return ['cluster:', 'data-lake:', 'stream:'];
  return ((await live.clusters(typed)) as string[]).map((name) => `${m[0]}${name}`);
};
/** Tags of the spec as `api list --tag` takes them (case, spaces and hyphens aside): `cloud-backups`. */
const apiTags: Source = async () => (await import('../api/catalog.js')).allTags().map((t) => t.toLowerCase().replace(/[\s_]+/g, '-'));

const live = {
  clusters: (async (typed) => (await import('./live.js')).clusterNames(typed)) as Source,
  processes: (async (typed) => (await import('./live.js')).processIds(typed, false)) as Source,
  hosts: (async (typed) => (await import('./live.js')).processIds(typed, true)) as Source,
  profiles: (async (typed) => (await import('./live.js')).profileNames(typed)) as Source,
  keys: (async () => (await import('./live.js')).configKeys()) as Source,
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
const METRICS_WINDOW: Record<string, Source> = { '--granularity': granularities, '--period': periods };
const LOG_WINDOW: Record<string, Source> = { '--type': logTypes };

/** Value sources by command path, then long flag. */
export const OPTION_VALUES: Record<string, Record<string, Source>> = {
  'cluster create': CLUSTER_SHAPE,
  'cluster update': CLUSTER_SHAPE,
  'cluster connection-string': { '--type': connectionTypes },
  'cluster connect': { '--type': fixed('srv', 'standard'), '--role': roles },
  setup: { '--tier': tiers, '--provider': providers, '--region': regions, '--role': roles, '--cluster': live.clusters },
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
  'logs show': { ...LOG_WINDOW, '--severity': severities },
  'metrics process': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessMeasurements') },
  'metrics cluster': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessMeasurements') },
  'metrics database': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessDatabaseMeasurements') },
  'metrics disk': { ...METRICS_WINDOW, '--metric': metrics('getGroupProcessDiskMeasurements') },
  'backup restore create': { '--type': deliveryTypes, '--target-cluster': live.clusters },
  'backup schedule set': { '--policy': policies },
  'process list': { '--type': processTypes, '--cluster': live.clusters },
  'alert list': { '--status': alertStatuses },
  'event list': { '--type': eventTypes, '--cluster': live.clusters },
  'maintenance set': { '--day': days, '--hour': hours },
  'api list': { '--tag': apiTags },
  api: { '--file': FILES, '--out': FILES },
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
  'logs cluster',
  'metrics cluster',
  'backup snapshot list',
  'backup snapshot get',
  'backup snapshot create',
  'backup snapshot delete',
  'backup restore list',
  'backup restore get',
  'backup restore create',
  'backup restore cancel',
  'backup schedule get',
  'backup schedule set',
];
for (const path of CLUSTER_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.clusters };
/** Commands whose first argument is a process as `host:port`. */
export const PROCESS_ARGUMENT = ['process get', 'process databases', 'process disks', 'metrics process', 'metrics database', 'metrics disk'];
for (const path of PROCESS_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.processes };
/** Commands whose first argument is a host name alone. */
export const HOST_ARGUMENT = ['logs download', 'logs show'];
for (const path of HOST_ARGUMENT) ARGUMENT_VALUES[path] = { ...ARGUMENT_VALUES[path], 0: live.hosts };

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
