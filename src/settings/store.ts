/**
 * The config file: named profiles and the active one, in
 * `$XDG_CONFIG_HOME/atlascli/config.json` (else `~/.config/atlascli/`), mode 0600
 * in a 0700 folder. Reading is a plain JSON.parse; `conf` is imported only to write.
 * Every write is a read-modify-write under a lock (proper-lockfile), re-reading the
 * file under the lock, so concurrent `config set` runs lose nothing.
 *
 * A file that cannot be read (invalid JSON, empty, a directory) is not fatal when it is
 * loaded: the problem is kept and thrown, naming the file, line and column, the first
 * time something needs the file's contents (exit 1), so commands that get everything
 * from flags and the environment still run.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../errors.js';
import { DEFAULT_PROFILE, type SettingKey } from './definitions.js';
import { writeJsonFile } from './json-file.js';

export type Profile = Partial<Record<SettingKey, string>>;

interface ConfigShape {
  activeProfile?: string;
  profiles: Record<string, Profile>;
}

/**
 * The config folder for the run's environment (`io.env`: never process.env, so runs in one
 * process each see their own): `$XDG_CONFIG_HOME/atlascli`, else `$HOME/.config/atlascli`
 * (the user's home folder when HOME is unset).
 */
export function configDir(env: NodeJS.ProcessEnv): string {
  const home = env.HOME && env.HOME.length > 0 ? env.HOME : homedir();
  const base = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.length > 0 ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(base, 'atlascli');
}

export function configPath(env: NodeJS.ProcessEnv): string {
  return join(configDir(env), 'config.json');
}

const PROFILE_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name);
}

/** A config file that cannot be read or written (exit 1): the message names the path. */
export class ConfigFileError extends CliError {
  constructor(message: string, hint?: string) {
    super(message, hint);
    this.name = 'ConfigFileError';
  }
}

/** Errors of the file system that mean "this path cannot be written/read here". */
const ACCESS_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EISDIR', 'ENOSPC', 'EDQUOT', 'ELOOP']);

function fsProblem(err: unknown, verb: string, fallbackPath: string): ConfigFileError | undefined {
  const e = err as NodeJS.ErrnoException;
  if (!e || typeof e.code !== 'string' || !ACCESS_CODES.has(e.code)) return undefined;
  const at = e.path ?? fallbackPath;
  return new ConfigFileError(
    `cannot ${verb} the config file ${fallbackPath}: ${e.code} at ${at}`,
    'point XDG_CONFIG_HOME (or HOME) at a writable folder, or fix the permissions of that path',
  );
}

/**
 * Parses the text of a config file.
 * @throws ConfigFileError naming the file, line and column of the first JSON error
 */
async function parseConfig(path: string, text: string): Promise<ConfigShape> {
  if (text.trim() === '') throw new ConfigFileError(`config file ${path} is empty`, `delete it, or run: atlascli config init`);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const { describeJsonError } = await import('../args/json-errors.js');
    const where = describeJsonError(text);
    throw new ConfigFileError(
      `config file ${path} is not valid JSON: line ${where.line}, column ${where.column}: ${where.message}`,
      `fix it, or move it away and run: atlascli config init`,
    );
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    throw new ConfigFileError(`config file ${path} does not hold a JSON object`, 'move it away and run: atlascli config init');
  }
  return normalise(data as Partial<ConfigShape>);
}

export class ProfileStore {
  private snapshot: ConfigShape = { profiles: {} };
  private problem: ConfigFileError | undefined;
  /** Things the user should know about the file (loose permissions), for the caller to print. */
  readonly warnings: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get path(): string {
    return configPath(this.env);
  }

  exists(): boolean {
    return existsSync(this.path);
  }

  /** The reason the file cannot be used, if it cannot; loading keeps it instead of throwing. */
  get unreadable(): ConfigFileError | undefined {
    return this.problem;
  }

  /**
   * Reads the file, if there is one; reading never creates or re-modes it. A file
   * readable by group or others adds a warning naming the chmod that fixes it.
   */
  async load(): Promise<this> {
    try {
      const read = await this.read();
      if (read) this.snapshot = read;
    } catch (err) {
      if (!(err instanceof ConfigFileError)) throw err;
      this.problem = err;
    }
    return this;
  }

  /** The file's contents, undefined when there is no file. @throws ConfigFileError */
  private async read(): Promise<ConfigShape | undefined> {
    const path = this.path;
    let text: string;
    try {
      const st = statSync(path);
      if (st.isDirectory()) throw new ConfigFileError(`config file ${path} is a directory`, 'move it away and run: atlascli config init');
      if ((st.mode & 0o077) !== 0 && !this.warnings.length) {
        this.warnings.push(`warning: config file ${path} can be read by other users (mode ${(st.mode & 0o777).toString(8).padStart(4, '0')}); it holds secrets: chmod 600 ${path}`);
      }
      text = readFileSync(path, 'utf8');
    } catch (err) {
      if (err instanceof ConfigFileError) throw err;
      // ENOTDIR: a parent is a file, so there is no config file to read (writing will say so)
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
      throw fsProblem(err, 'read', path) ?? err;
    }
    return parseConfig(path, text);
  }

  private data(): ConfigShape {
    if (this.problem) throw this.problem;
    return this.snapshot;
  }

  activeProfile(): string {
    return this.data().activeProfile ?? DEFAULT_PROFILE;
  }

  profileNames(): string[] {
    return Object.keys(this.data().profiles).sort();
  }

  profile(name: string): Profile | undefined {
    const { profiles } = this.data();
    return Object.prototype.hasOwnProperty.call(profiles, name) ? profiles[name] : undefined;
  }

  async setValue(profile: string, key: SettingKey, value: string): Promise<void> {
    await this.update((data) => ({ ...data, profiles: { ...data.profiles, [profile]: { ...(data.profiles[profile] ?? {}), [key]: value } } }));
  }

  async unsetValue(profile: string, key: SettingKey): Promise<boolean> {
    let removed = false;
    await this.update((data) => {
      const current = data.profiles[profile];
      if (!current || !(key in current)) return undefined;
      const next = { ...current };
      delete next[key];
      removed = true;
      return { ...data, profiles: { ...data.profiles, [profile]: next } };
    });
    return removed;
  }

  async saveProfile(profile: string, values: Profile): Promise<void> {
    await this.update((data) => ({ ...data, profiles: { ...data.profiles, [profile]: { ...(data.profiles[profile] ?? {}), ...values } } }));
  }

  async useProfile(profile: string): Promise<void> {
    await this.update((data) => ({ ...data, activeProfile: profile }));
  }

  async deleteProfile(profile: string): Promise<boolean> {
    let removed = false;
    await this.update((data) => {
      if (!(profile in data.profiles)) return undefined;
      const profiles = { ...data.profiles };
      delete profiles[profile];
      const next: ConfigShape = { profiles };
      if (data.activeProfile && data.activeProfile !== profile) next.activeProfile = data.activeProfile;
      removed = true;
      return next;
    });
    return removed;
  }

  /**
   * Read-modify-write under the lock: the file is re-read after the lock is taken and
   * `change` applied to what is there now; `change` returning undefined writes nothing.
   * @throws ConfigFileError when the folder cannot be made, the file is read-only or
   *   unreadable, or the lock cannot be had
   */
  private async update(change: (data: ConfigShape) => ConfigShape | undefined): Promise<void> {
    const dir = configDir(this.env);
    const path = this.path;
    try {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: 0o700 });
      chmodSync(dir, 0o700);
    } catch (err) {
      throw fsProblem(err, 'write', path) ?? err;
    }
    const { default: lockfile } = await import('proper-lockfile');
    let release: () => Promise<void>;
    try {
      release = await lockfile.lock(dir, {
        lockfilePath: `${path}.lock`,
        realpath: false,
        stale: 10_000,
        // generous: twenty processes starting at once on a busy machine queue for a while
        retries: { retries: 600, factor: 1, minTimeout: 25, maxTimeout: 100, randomize: true },
      });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ELOCKED') {
        throw new ConfigFileError(`config file ${path} is locked by another atlascli`, `try again; if none runs, remove ${path}.lock`);
      }
      throw fsProblem(err, 'write', path) ?? err;
    }
    try {
      const current = (await this.read()) ?? { profiles: {} };
      const next = change(current);
      if (next === undefined) {
        this.snapshot = current;
        return;
      }
      if (existsSync(path) && (statSync(path).mode & 0o200) === 0) {
        throw new ConfigFileError(
          `config file ${path} is read-only (mode ${(statSync(path).mode & 0o777).toString(8).padStart(4, '0')}): not changing it`,
          `to let atlascli change it: chmod 600 ${path}`,
        );
      }
      await this.write(dir, next);
      this.snapshot = normalise(next);
      this.problem = undefined;
    } finally {
      await release().catch(() => undefined);
    }
  }

  private async write(dir: string, data: ConfigShape): Promise<void> {
    try {
      await writeJsonFile(dir, 'config', data as unknown as Record<string, unknown>);
    } catch (err) {
      throw fsProblem(err, 'write', this.path) ?? err;
    }
  }
}

function normalise(data: Partial<ConfigShape>): ConfigShape {
  const profiles = data.profiles && typeof data.profiles === 'object' ? data.profiles : {};
  return data.activeProfile ? { activeProfile: data.activeProfile, profiles } : { profiles };
}
