/**
 * The config file: named profiles and the active one, kept by `conf` in
 * `$XDG_CONFIG_HOME/atlascli/config.json` (else `~/.config/atlascli/`), mode 0600
 * in a 0700 folder.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_PROFILE, type SettingKey } from './definitions.js';

export type Profile = Partial<Record<SettingKey, string>>;

interface ConfigShape {
  activeProfile?: string;
  profiles: Record<string, Profile>;
}

export function configDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : join(homedir(), '.config');
  return join(base, 'atlascli');
}

export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(configDir(env), 'config.json');
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

export class ProfileStore {
  private conf: Conf<ConfigShape> | undefined;

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get path(): string {
    return configPath(this.env);
  }

  /** Reading never creates the file; only a write does. */
  exists(): boolean {
    return existsSync(this.path);
  }

  private open(): Conf<ConfigShape> {
    if (!this.conf) {
      const dir = configDir(this.env);
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      this.conf = new Conf<ConfigShape>({
        cwd: dir,
        configName: 'config',
        projectName: 'atlascli',
        configFileMode: 0o600,
        defaults: { profiles: {} },
        accessPropertiesByDotNotation: false,
        clearInvalidConfig: false,
      });
      if (existsSync(this.path)) chmodSync(this.path, 0o600);
    }
    return this.conf;
  }

  private data(): ConfigShape {
    if (!this.exists()) return { profiles: {} };
    const store = this.open().store;
    return { activeProfile: store.activeProfile, profiles: store.profiles ?? {} };
  }

  activeProfile(): string {
    return this.data().activeProfile ?? DEFAULT_PROFILE;
  }

  profileNames(): string[] {
    return Object.keys(this.data().profiles).sort();
  }

  profile(name: string): Profile | undefined {
    return this.data().profiles[name];
  }

  setValue(profile: string, key: SettingKey, value: string): void {
    const data = this.data();
    const next = { ...(data.profiles[profile] ?? {}), [key]: value };
    this.write({ ...data, profiles: { ...data.profiles, [profile]: next } });
  }

  unsetValue(profile: string, key: SettingKey): boolean {
    const data = this.data();
    const current = data.profiles[profile];
    if (!current || !(key in current)) return false;
    const next = { ...current };
    delete next[key];
    this.write({ ...data, profiles: { ...data.profiles, [profile]: next } });
    return true;
  }

  saveProfile(profile: string, values: Profile): void {
    const data = this.data();
    this.write({ ...data, profiles: { ...data.profiles, [profile]: { ...(data.profiles[profile] ?? {}), ...values } } });
  }

  useProfile(profile: string): void {
    this.write({ ...this.data(), activeProfile: profile });
  }

  deleteProfile(profile: string): boolean {
    const data = this.data();
    if (!(profile in data.profiles)) return false;
    const profiles = { ...data.profiles };
    delete profiles[profile];
    const next: ConfigShape = { profiles };
    if (data.activeProfile && data.activeProfile !== profile) next.activeProfile = data.activeProfile;
    this.write(next);
    return true;
  }

  private write(data: ConfigShape): void {
    const conf = this.open();
    conf.store = data;
    chmodSync(this.path, 0o600);
  }
}
