/**
 * The global options, declared once (GLOBAL_OPTIONS): each one's flags, help, values and
 * parser, and for those that carry a setting, the setting (profile key, environment
 * variables, secret, default). Derived from the table: the root command's options
 * (src/program/cli.ts), `GlobalOptions` (what commander hands over), SETTINGS (settings
 * resolution, `config describe`), the settings part of `help environment`
 * (src/environment.ts) and the values completion offers for the global options.
 */
import { UsageError } from '../errors.js';
import { parseSeconds, TIMEOUT_SECONDS } from '../args/values.js';

/** The settings, in the order `config describe` and `help environment` list them. */
export const SETTING_KEYS = ['publicKey', 'privateKey', 'clientId', 'clientSecret', 'projectId', 'orgId', 'baseUrl', 'profile', 'output'] as const;

export type SettingKey = (typeof SETTING_KEYS)[number];

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
export const DEFAULT_PROFILE = 'default';

/** `-o`: how documents are printed. */
export const OUTPUT_FORMATS = ['table', 'json', 'jsonl', 'csv', 'value'] as const;
/** `--format`: how much of each document a table shows. */
export const DETAIL_FORMATS = ['short', 'full'] as const;

/** The setting a global option carries. */
export interface OptionSetting {
  /** Profile key in the config file, camelCase (`projectId`). */
  key: SettingKey;
  /** The environment variables that carry it, first wins. */
  env: readonly string[];
  /** What it is, for messages and `help environment` (`project id`). */
  description: string;
  /** Never printed (masked), scrubbed from stderr. */
  secret?: boolean;
  /** Stored in a profile (all but `profile` itself); default true. */
  inProfile?: boolean;
  defaultValue?: string;
}

export interface GlobalOptionDefinition {
  /** commander's flags (`-o, --output <format>`); the table's key is the attribute commander stores the value in. */
  flags: string;
  /** What `--help` says of it; default: the setting's description. An option carrying a setting gets its first variable added: `(env ATLAS_ORG_ID)`. */
  help?: string;
  /** Left out of `--help` (an old name kept working). */
  hidden?: boolean;
  /** The values it takes, which completion offers. */
  values?: readonly string[];
  /**
   * What the program uses, from the value typed (an option without a setting; settings are
   * checked by src/settings/check.ts). Throws a UsageError naming the flag.
   */
  parse?: (value: string) => unknown;
  setting?: OptionSetting;
}

/** Every global option, in the order `--help` lists them, by the attribute commander stores it in. */
export const GLOBAL_OPTIONS = {
  output: {
    flags: '-o, --output <format>',
    help: 'table, json, jsonl, csv or value (the values alone, tab-separated, no header)',
    values: OUTPUT_FORMATS,
    setting: { key: 'output', env: ['ATLAS_OUTPUT'], description: 'output format', defaultValue: 'table' },
  },
  format: {
    flags: '--format <detail>',
    help: 'short (key columns) or full (every field)',
    values: DETAIL_FORMATS,
    parse: (value: string) => oneOf('--format', value, DETAIL_FORMATS),
  },
  fields: {
    flags: '--fields <paths>',
    help: 'pick fields, comma-separated dot paths (also in JSON)',
    /** The field paths, trimmed; at least one. */
    parse: (value: string): string[] => {
      const fields = value
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      if (!fields.length) throw new UsageError('--fields needs at least one field name');
      return fields;
    },
  },
  query: {
    flags: '--query <expr>',
    help: 'a JMESPath expression applied to what -o json prints (output JSON; -o value: one value a line)',
  },
  color: { flags: '--no-color', help: 'no colour (also NO_COLOR; off when stdout is not a terminal)' },
  debug: { flags: '--debug', help: 'trace HTTP requests on stderr, secrets masked' },
  yes: { flags: '-y, --yes', help: 'answer yes to every prompt' },
  force: { flags: '--force', help: 'go ahead without a prompt (deletes)' },
  timeout: {
    flags: '--timeout <seconds>',
    help: 'bound on each HTTP request, 0.1 to 3600 seconds (default: fail after 60 s without a byte)',
    /** The bound in ms. */
    parse: (value: string): number => parseSeconds('--timeout', value, TIMEOUT_SECONDS) * 1000,
  },
  project: {
    flags: '-p, --project <id|name>',
    setting: { key: 'projectId', env: ['ATLAS_PROJECT_ID', 'MONGODB_ATLAS_PROJECT_ID'], description: 'project id or name' },
  },
  atlasgroup: { flags: '--atlasgroup <id|name>', help: 'alias of --project', hidden: true },
  org: { flags: '--org <id|name>', setting: { key: 'orgId', env: ['ATLAS_ORG_ID', 'MONGODB_ATLAS_ORG_ID'], description: 'organization id or name' } },
  profile: {
    flags: '--profile <name>',
    help: 'profile in the config file',
    setting: { key: 'profile', env: ['ATLAS_PROFILE'], description: 'profile', inProfile: false, defaultValue: DEFAULT_PROFILE },
  },
  baseUrl: {
    flags: '--base-url <url>',
    setting: { key: 'baseUrl', env: ['ATLAS_BASE_URL', 'MONGODB_ATLAS_OPS_MANAGER_URL'], description: 'API base URL', defaultValue: DEFAULT_BASE_URL },
  },
  publicKey: {
    flags: '--public-key <key>',
    setting: { key: 'publicKey', env: ['ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PUBLIC_API_KEY'], description: 'API public key' },
  },
  privateKey: {
    flags: '--private-key <key>',
    setting: { key: 'privateKey', env: ['ATLAS_PRIVATE_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'], description: 'API private key', secret: true },
  },
  clientId: {
    flags: '--client-id <id>',
    help: 'service account client id, mdb_sa_id_…',
    setting: { key: 'clientId', env: ['ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_ID'], description: 'service account client id' },
  },
  clientSecret: {
    flags: '--client-secret <secret>',
    help: 'service account client secret, mdb_sa_sk_…',
    setting: { key: 'clientSecret', env: ['ATLAS_CLIENT_SECRET', 'MONGODB_ATLAS_CLIENT_SECRET'], description: 'service account client secret', secret: true },
  },
} as const satisfies Record<string, GlobalOptionDefinition>;

export type GlobalOptionName = keyof typeof GLOBAL_OPTIONS;

/** The global options as commander hands them over: a string for a flag that takes a value, true (false for `--no-…`) for a switch. */
export type GlobalOptions = {
  [Name in GlobalOptionName]?: (typeof GLOBAL_OPTIONS)[Name]['flags'] extends `${string}<${string}>` ? string : boolean;
};

/** The long flag of an option, as the user types it (`--output`). */
export function longFlag(def: GlobalOptionDefinition): string {
  const flag = /--[\w-]+/.exec(def.flags)?.[0];
  if (!flag) throw new Error(`no long flag in ${def.flags}`);
  return flag;
}

/** What `--help` says of a global option. */
export function optionHelp(def: GlobalOptionDefinition): string {
  const text = def.help ?? def.setting?.description ?? '';
  return def.setting ? `${text} (env ${def.setting.env[0]})` : text;
}

function oneOf<T extends string>(flag: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`invalid ${flag} "${value}"`, `use one of: ${allowed.join(', ')}`);
  }
  return value as T;
}

/** A setting, as resolution, `config` and `help environment` read it. */
export interface SettingDefinition {
  /** Profile key in the config file, camelCase (`projectId`). */
  key: SettingKey;
  /** The commander attribute the global flag lands in. */
  flagAttr: GlobalOptionName;
  /** The flag as the user types it, for messages. */
  flag: string;
  env: readonly string[];
  secret: boolean;
  /** Stored in a profile (all but `profile` itself). */
  inProfile: boolean;
  defaultValue?: string;
  description: string;
}

/** Every setting the CLI reads, from the global option that carries it, in SETTING_KEYS order. */
export const SETTINGS: readonly SettingDefinition[] = SETTING_KEYS.map((key): SettingDefinition => {
  const found = (Object.entries(GLOBAL_OPTIONS) as Array<[GlobalOptionName, GlobalOptionDefinition]>).find(([, o]) => o.setting?.key === key);
  if (!found) throw new Error(`no global option carries the setting ${key}`);
  const [attr, option] = found;
  const s = option.setting!;
  return {
    key,
    flagAttr: attr,
    flag: longFlag(option),
    env: s.env,
    secret: s.secret ?? false,
    inProfile: s.inProfile ?? true,
    ...(s.defaultValue === undefined ? {} : { defaultValue: s.defaultValue }),
    description: s.description,
  };
});

export const PROFILE_KEYS = SETTINGS.filter((s) => s.inProfile).map((s) => s.key);

/** `project-id` and `projectId` both name `projectId`; undefined when unknown. */
export function profileKeyFromUser(name: string): SettingKey | undefined {
  const camel = name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  return SETTINGS.find((s) => s.inProfile && s.key === camel)?.key;
}

export function definition(key: SettingKey): SettingDefinition {
  const def = SETTINGS.find((s) => s.key === key);
  if (!def) throw new Error(`unknown setting ${key}`);
  return def;
}

/** What is shown in place of a secret: nothing of it, not even its length. */
export const MASK = '********';
