/**
 * Settings precedence, highest first: flag > environment > active profile > default.
 * Each resolved value remembers where it came from, for `config describe`.
 */
import { UsageError } from '../errors.js';
import { DEFAULT_PROFILE, SETTINGS, type SettingDefinition, type SettingKey } from './definitions.js';
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

export class Settings {
  private readonly cache = new Map<SettingKey, ResolvedSetting>();
  private profileCache: { name: string; values: Profile | undefined } | undefined;

  constructor(
    private readonly flags: Readonly<Record<string, unknown>>,
    private readonly env: NodeJS.ProcessEnv,
    private readonly store: ProfileStore,
  ) {}

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
    const { name, explicit } = this.profileName();
    if (!explicit || this.store.profile(name) !== undefined) return;
    if (name === DEFAULT_PROFILE && !this.store.exists()) return;
    const names = this.store.profileNames();
    throw new UsageError(
      `profile "${name}" does not exist`,
      names.length ? `profiles: ${names.join(', ')}` : `create it with: atlascli config init --profile ${name}`,
    );
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
    const flagValue = stringFlag(this.flags[def.flagAttr]);
    if (flagValue !== undefined) return { ...base, value: flagValue, source: 'flag', origin: def.flag };
    for (const name of def.env) {
      const v = nonEmpty(this.env[name]);
      if (v !== undefined) return { ...base, value: v, source: 'env', origin: name };
    }
    const profile = this.profile();
    const fromProfile = nonEmpty(profile.values?.[def.key]);
    if (fromProfile !== undefined) {
      return { ...base, value: fromProfile, source: 'profile', origin: `profile "${profile.name}"` };
    }
    if (def.defaultValue !== undefined) return { ...base, value: def.defaultValue, source: 'default', origin: 'built-in' };
    return { ...base, value: undefined, source: 'unset', origin: '' };
  }

  describe(): ResolvedSetting[] {
    return SETTINGS.map((s) => this.resolve(s.key));
  }

  /** Every secret value in play, so output and traces can be scrubbed of them. */
  secrets(): string[] {
    return SETTINGS.filter((s) => s.secret)
      .map((s) => this.get(s.key))
      .filter((v): v is string => typeof v === 'string' && v.length > 0);
  }
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v === '' ? undefined : v;
}

function stringFlag(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}
