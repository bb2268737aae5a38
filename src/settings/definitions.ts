/**
 * Every setting the CLI reads, declared once: its flag, the environment variables
 * that carry it (first wins), its profile key and whether it is a secret.
 */
export interface SettingDefinition {
  /** Profile key in the config file, camelCase (`projectId`). */
  key: SettingKey;
  /** The commander attribute the global flag lands in. */
  flagAttr: string;
  /** The flag as the user types it, for messages. */
  flag: string;
  env: readonly string[];
  secret: boolean;
  /** Stored in a profile (all but `profile` itself). */
  inProfile: boolean;
  defaultValue?: string;
  description: string;
}

export type SettingKey =
  | 'publicKey'
  | 'privateKey'
  | 'clientId'
  | 'clientSecret'
  | 'projectId'
  | 'orgId'
  | 'baseUrl'
  | 'profile'
  | 'output';

export const DEFAULT_BASE_URL = 'https://cloud.mongodb.com';
export const DEFAULT_PROFILE = 'default';

export const SETTINGS: readonly SettingDefinition[] = [
  {
    key: 'publicKey',
    flagAttr: 'publicKey',
    flag: '--public-key',
    env: ['ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PUBLIC_API_KEY'],
    secret: false,
    inProfile: true,
    description: 'API public key',
  },
  {
    key: 'privateKey',
    flagAttr: 'privateKey',
    flag: '--private-key',
    env: ['ATLAS_PRIVATE_KEY', 'MONGODB_ATLAS_PRIVATE_API_KEY'],
    secret: true,
    inProfile: true,
    description: 'API private key',
  },
  {
    key: 'clientId',
    flagAttr: 'clientId',
    flag: '--client-id',
    env: ['ATLAS_CLIENT_ID', 'MONGODB_ATLAS_CLIENT_ID'],
    secret: false,
    inProfile: true,
    description: 'service account client id',
  },
  {
    key: 'clientSecret',
    flagAttr: 'clientSecret',
    flag: '--client-secret',
    env: ['ATLAS_CLIENT_SECRET', 'MONGODB_ATLAS_CLIENT_SECRET'],
    secret: true,
    inProfile: true,
    description: 'service account client secret',
  },
  {
    key: 'projectId',
    flagAttr: 'project',
    flag: '--project',
    env: ['ATLAS_PROJECT_ID', 'MONGODB_ATLAS_PROJECT_ID'],
    secret: false,
    inProfile: true,
    description: 'project id',
  },
  {
    key: 'orgId',
    flagAttr: 'org',
    flag: '--org',
    env: ['ATLAS_ORG_ID', 'MONGODB_ATLAS_ORG_ID'],
    secret: false,
    inProfile: true,
    description: 'organization id',
  },
  {
    key: 'baseUrl',
    flagAttr: 'baseUrl',
    flag: '--base-url',
    env: ['ATLAS_BASE_URL', 'MONGODB_ATLAS_OPS_MANAGER_URL'],
    secret: false,
    inProfile: true,
    defaultValue: DEFAULT_BASE_URL,
    description: 'API base URL',
  },
  {
    key: 'profile',
    flagAttr: 'profile',
    flag: '--profile',
    env: ['ATLAS_PROFILE'],
    secret: false,
    inProfile: false,
    defaultValue: DEFAULT_PROFILE,
    description: 'profile',
  },
  {
    key: 'output',
    flagAttr: 'output',
    flag: '--output',
    env: ['ATLAS_OUTPUT'],
    secret: false,
    inProfile: true,
    defaultValue: 'table',
    description: 'output format',
  },
];

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
