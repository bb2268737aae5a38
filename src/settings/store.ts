/**
 * The config file: named profiles and the active one, kept by `conf` in
 * `$XDG_CONFIG_HOME/atlascli/config.json` (else `~/.config/atlascli/`), mode 0600
 * in a 0700 folder. `conf` is imported only when there is a file to read or
 * something to write, so commands run by users without a config file start faster.
 */
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type Conf from 'conf';
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
  private snapshot: ConfigShape = { profiles: {} };

  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  get path(): string {
    return configPath(this.env);
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** Reads the file, if there is one; reading never creates it. */
  async load(): Promise<this> {
    if (this.exists()) this.snapshot = normalise((await this.open()).store);
    return this;
  }

  private async open(): Promise<Conf<ConfigShape>> {
    if (!this.conf) {
      const dir = configDir(this.env);
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
      const { default: ConfClass } = await import('conf');
      this.conf = new ConfClass<ConfigShape>({
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

  activeProfile(): string {
    return this.snapshot.activeProfile ?? DEFAULT_PROFILE;
  }

  profileNames(): string[] {
    return Object.keys(this.snapshot.profiles).sort();
  }

  profile(name: string): Profile | undefined {
    return Object.prototype.hasOwnProperty.call(this.snapshot.profiles, name) ? this.snapshot.profiles[name] : undefined;
  }

  async setValue(profile: string, key: SettingKey, value: string): Promise<void> {
    const data = this.snapshot;
    const next = { ...(data.profiles[profile] ?? {}), [key]: value };
    await this.write({ ...data, profiles: { ...data.profiles, [profile]: next } });
  }

  async unsetValue(profile: string, key: SettingKey): Promise<boolean> {
    const data = this.snapshot;
    const current = data.profiles[profile];
    if (!current || !(key in current)) return false;
    const next = { ...current };
    delete next[key];
    await this.write({ ...data, profiles: { ...data.profiles, [profile]: next } });
    return true;
  }

  async saveProfile(profile: string, values: Profile): Promise<void> {
    const data = this.snapshot;
    await this.write({ ...data, profiles: { ...data.profiles, [profile]: { ...(data.profiles[profile] ?? {}), ...values } } });
  }

  async useProfile(profile: string): Promise<void> {
    await this.write({ ...this.snapshot, activeProfile: profile });
  }

  async deleteProfile(profile: string): Promise<boolean> {
    const data = this.snapshot;
    if (!(profile in data.profiles)) return false;
    const profiles = { ...data.profiles };
    delete profiles[profile];
    const next: ConfigShape = { profiles };
    if (data.activeProfile && data.activeProfile !== profile) next.activeProfile = data.activeProfile;
    await this.write(next);
    return true;
  }

  private async write(data: ConfigShape): Promise<void> {
    const conf = await this.open();
    conf.store = data;
    chmodSync(this.path, 0o600);
    this.snapshot = normalise(data);
  }
}

function normalise(data: Partial<ConfigShape>): ConfigShape {
  const profiles = data.profiles && typeof data.profiles === 'object' ? data.profiles : {};
  return data.activeProfile ? { activeProfile: data.activeProfile, profiles } : { profiles };
}
