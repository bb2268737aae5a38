/**
 * Settings precedence, highest first: flag > environment > active profile > default.
 * Each resolved value remembers where it came from, for `config describe`.
 *
 * Two rules keep a value from silently coming from somewhere the user did not mean:
 * - a flag given an empty value (`--project ""`) is a usage error, never "unset"
 *   (an empty environment variable still counts as unset, as shells expect of `VAR=`);
 * - a credential pair (public + private key, client id + secret) is resolved as a
 *   unit from the highest layer holding any part of it; half a pair there is a usage
 *   error when credentials are needed, never completed from a lower layer.
 */
import { UsageError } from '../errors.js';
import { DEFAULT_PROFILE, definition, SETTINGS, type SettingDefinition, type SettingKey } from './definitions.js';
import type { Profile, ProfileStore } from './store.js';

export type SourceKind = 'flag' | 'env' | 'profile' | 'default' | 'unset';

export interface ResolvedSetting {
  key: SettingKey;
  value: string | undefined;
  source: SourceKind;
  /** The flag, variable or profile the value came from. */
  origin: string;
  secret: boolean;
}

/** The two credential pairs, each resolved as one unit. */
export const CREDENTIAL_PAIRS = [
  { kind: 'digest', keys: ['publicKey', 'privateKey'] },
  { kind: 'oauth', keys: ['clientId', 'clientSecret'] },
] as const;

/** Credentials ready to use: an API key pair (HTTP Digest) or a service account (OAuth). */
export type ResolvedCredentials = { kind: 'digest'; publicKey: string; privateKey: string } | { kind: 'oauth'; clientId: string; clientSecret: string };

interface LayerValue {
  value: string;
  source: 'flag' | 'env' | 'profile';
  origin: string;
}

/**
 * A global flag given as an empty (or blank) string: a usage error naming the flag.
 * @throws UsageError when `value` is a string with nothing but white space
 */
export function assertFlagValue(flag: string, value: unknown): void {
  if (typeof value === 'string' && value.trim() === '') {
    throw new UsageError(`empty value for ${flag}`, `give ${flag} a value, or leave the flag out`);
  }
}

export class Settings {
  private readonly cache = new Map<SettingKey, ResolvedSetting>();
  private profileCache: { name: string; values: Profile | undefined } | undefined;

  /**
   * @param flags the global options by commander attribute (`project`, `publicKey`, …)
   * @throws UsageError when a setting's flag was given an empty value
   */
  constructor(
    private readonly flags: Readonly<Record<string, unknown>>,
    private readonly env: NodeJS.ProcessEnv,
    private readonly store: ProfileStore,
  ) {
    for (const def of SETTINGS) assertFlagValue(def.flag, flags[def.flagAttr]);
  }

  get(key: SettingKey): string | undefined {
    return this.resolve(key).value;
  }

  /** The profile in use, and whether it was named explicitly. */
  profileName(): { name: string; explicit: boolean } {
    const fromFlag = stringFlag(this.flags.profile);
    if (fromFlag !== undefined) return { name: fromFlag, explicit: true };
    const fromEnv = nonEmpty(this.env.ATLAS_PROFILE);
    if (fromEnv !== undefined) return { name: fromEnv, explicit: true };
    return { name: this.store.activeProfile(), explicit: false };
  }

  private profile(): { name: string; values: Profile | undefined } {
    if (!this.profileCache) {
      const { name } = this.profileName();
      this.profileCache = { name, values: this.store.profile(name) };
    }
    return this.profileCache;
  }

  /**
   * A profile named with --profile or ATLAS_PROFILE must exist before it is used for
   * requests; `config set --profile new` may create it, so this is not checked on read.
   */
  assertProfileExists(): void {
    // decided before the store is read: an unreadable file stops only a named profile
    const name = stringFlag(this.flags.profile) ?? nonEmpty(this.env.ATLAS_PROFILE);
    if (name === undefined || this.store.profile(name) !== undefined) return;
    if (name === DEFAULT_PROFILE && !this.store.exists()) return;
    const names = this.store.profileNames();
    throw new UsageError(`profile "${name}" does not exist`, names.length ? `profiles: ${names.join(', ')}` : `create it with: atlascli config init --profile ${name}`);
  }

  resolve(key: SettingKey): ResolvedSetting {
    const hit = this.cache.get(key);
    if (hit) return hit;
    const def = SETTINGS.find((s) => s.key === key);
    if (!def) throw new Error(`unknown setting ${key}`);
    const resolved = this.compute(def);
    this.cache.set(key, resolved);
    return resolved;
  }

  private compute(def: SettingDefinition): ResolvedSetting {
    const base = { key: def.key, secret: def.secret };
    if (def.key === 'profile') {
      const { name, explicit } = this.profileName();
      const fromFlag = stringFlag(this.flags.profile) !== undefined;
      return {
        ...base,
        value: name,
        source: explicit ? (fromFlag ? 'flag' : 'env') : this.store.exists() ? 'profile' : 'default',
        origin: explicit ? (fromFlag ? '--profile' : 'ATLAS_PROFILE') : 'config file',
      };
    }
    const first = this.top(def);
    if (first) return { ...base, ...first };
    if (def.defaultValue !== undefined) return { ...base, value: def.defaultValue, source: 'default', origin: 'built-in' };
    return { ...base, value: undefined, source: 'unset', origin: '' };
  }

  /** The value of `def` on one layer, if that layer holds one; the profile is read only when asked for. */
  private layer(def: SettingDefinition, source: LayerValue['source']): LayerValue | undefined {
    if (source === 'flag') {
      const v = stringFlag(this.flags[def.flagAttr]);
      return v === undefined ? undefined : { value: v, source, origin: def.flag };
    }
    if (source === 'env') {
      for (const name of def.env) {
        const v = nonEmpty(this.env[name]);
        if (v !== undefined) return { value: v, source, origin: name };
      }
      return undefined;
    }
    // an unreadable config file does not stop the output format from defaulting: nothing
    // is sent on its strength, and `config path` or an all-flags command still runs
    if (def.key === 'output' && this.store.unreadable) return undefined;
    const profile = this.profile();
    const v = nonEmpty(profile.values?.[def.key]);
    return v === undefined ? undefined : { value: v, source, origin: `profile "${profile.name}"` };
  }

  /** The highest layer holding a value for `def`; the profile is read only when flags and env hold none. */
  private top(def: SettingDefinition): LayerValue | undefined {
    return this.layer(def, 'flag') ?? this.layer(def, 'env') ?? this.layer(def, 'profile');
  }

  /**
   * The credentials to authenticate with, undefined when none are set anywhere. Each
   * setting resolves by precedence (flag > environment > profile); the kind is the one
   * given on the highest layer that holds any credential (on one layer a service account
   * wins over an API key), and the other kind is never a fallback: a service-account id
   * typed as a flag never quietly becomes the profile's API key.
   * @throws UsageError (exit 2) when the chosen kind lacks half its pair everywhere
   */
  credentials(): ResolvedCredentials | undefined {
    // layer by layer, so the profile is read only when flags and environment hold no credential
    for (const source of ['flag', 'env', 'profile'] as const) {
      const given = [...CREDENTIAL_PAIRS].reverse().find((p) => p.keys.some((k) => this.layer(definition(k), source)));
      if (!given) continue;
      const [a, b] = given.keys.map((k) => ({ key: k, hit: this.top(definition(k)) }));
      if (!a!.hit || !b!.hit) {
        const have = a!.hit ? a! : b!;
        const missing = definition(a!.hit ? b!.key : a!.key);
        throw new UsageError(
          `incomplete credentials: ${have.hit!.origin} gives the ${definition(have.key).description} but no ${missing.description} is set (${missing.flag}, ${missing.env.join(', ')} or profile key ${missing.key})`,
          '`atlascli config describe` shows what is set where',
        );
      }
      return given.kind === 'digest'
        ? { kind: 'digest', publicKey: a!.hit.value, privateKey: b!.hit.value }
        : { kind: 'oauth', clientId: a!.hit.value, clientSecret: b!.hit.value };
    }
    return undefined;
  }

  /**
   * Where the credentials in use come from: `flag`, `env` or `profile:<name>` (the layer of
   * the public key or client id); undefined when none are set.
   * @throws UsageError as credentials() does
   */
  credentialsSource(): string | undefined {
    const c = this.credentials();
    if (!c) return undefined;
    const hit = this.top(definition(c.kind === 'digest' ? 'publicKey' : 'clientId'))!;
    return hit.source === 'profile' ? `profile:${this.profile().name}` : hit.source;
  }

  describe(): ResolvedSetting[] {
    return SETTINGS.map((s) => this.resolve(s.key));
  }

  /** Every secret value on any layer, so output and traces can be scrubbed of them. */
  secrets(): string[] {
    const found: string[] = [];
    for (const def of SETTINGS.filter((s) => s.secret)) {
      for (const source of ['flag', 'env', 'profile'] as const) {
        try {
          const v = this.layer(def, source)?.value;
          if (v) found.push(v);
        } catch {
          // an unreadable config file holds no secret that could be printed
        }
      }
    }
    return [...new Set(found)];
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

function stringFlag(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
