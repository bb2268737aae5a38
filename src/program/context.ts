/**
 * What every command gets: the terminal, the resolved settings, the renderer and a
 * lazily built API client. Nothing here is a module-level singleton; `main` builds
 * one per run, and tests build their own.
 */
import { UsageError } from '../errors.js';
import type { AtlasClient, Credentials } from '../atlas/client.js';
import { assertFlagValue, Settings } from '../settings/resolve.js';
import { ProfileStore, configDir } from '../settings/store.js';
import { Renderer, type DetailFormat, type OutputFormat } from '../output/render.js';
import { checkSetting } from '../settings/check.js';
import { Terminal, type IOStreams } from '../output/terminal.js';
import { DEFAULT_BASE_URL, GLOBAL_OPTIONS, longFlag, MASK, type GlobalOptionDefinition, type GlobalOptionName, type GlobalOptions } from '../settings/definitions.js';
import { Cleanup } from './cleanup.js';
import { checkCommandFor } from '../commands/check-hints.js';
import { isAtlasId, PendingName, type NameKind } from './names.js';
import type { Query } from '../output/query.js';

/** The global options, as commander hands them over (declared in GLOBAL_OPTIONS). */
export type { GlobalOptions } from '../settings/definitions.js';

/** Global flags that take a value and are not settings (those are checked by Settings), by attribute. */
const OTHER_STRING_FLAGS = (Object.entries(GLOBAL_OPTIONS) as Array<[GlobalOptionName, GlobalOptionDefinition]>)
  .filter(([, o]) => !o.setting && o.flags.includes('<'))
  .map(([attr, o]) => [attr, longFlag(o)] as const);

export class Context {
  readonly store: ProfileStore;
  readonly settings: Settings;
  readonly term: Terminal;
  readonly output: OutputFormat;
  readonly format: DetailFormat;
  readonly fields: string[] | undefined;
  readonly timeoutMs: number | undefined;
  /** `--query`, parsed (Context.create): the renderer prints its value. */
  query: Query | undefined;
  private rendererCache: Renderer | undefined;
  private clientPromise: Promise<AtlasClient> | undefined;
  /** Names resolved in this run (`project\0Proj Beta` → id): a name costs one request, once. */
  private readonly names = new Map<string, string>();

  /**
   * Reads the config file (if any) and builds the context; bad global options throw a UsageError.
   * @param cleanup the run's (`main`'s); a context of its own gets one nobody interrupts
   */
  static async create(io: IOStreams, globals: GlobalOptions, version: string, cleanup = new Cleanup()): Promise<Context> {
    const ctx = new Context(io, globals, version, await new ProfileStore(io.env).load(), cleanup);
    if (globals.query !== undefined) ctx.query = await (await import('../output/query.js')).compileQuery(globals.query);
    return ctx;
  }

  constructor(
    readonly io: IOStreams,
    readonly globals: GlobalOptions,
    readonly version: string,
    store: ProfileStore,
    /** What an interrupt of this run must undo: hooks and temp files (src/program/cleanup.ts). */
    readonly cleanup: Cleanup = new Cleanup(),
  ) {
    // an empty flag is a usage error naming it, never a quiet fall back to a lower layer
    for (const [attr, flag] of OTHER_STRING_FLAGS) assertFlagValue(flag, globals[attr]);
    const flags = { ...globals, project: globals.project ?? globals.atlasgroup };
    this.store = store;
    this.settings = new Settings(flags, io.env, this.store);
    const output = checkSetting('output', this.settings.get('output') ?? 'table') as OutputFormat;
    if (globals.query !== undefined && (globals.output === 'table' || globals.output === 'csv')) {
      throw new UsageError(`--query cannot be used with -o ${globals.output}: it prints JSON`, 'drop -o (JSON), or use -o jsonl or -o value');
    }
    // --query prints JSON, one JSON value a line (jsonl) or bare values (value)
    this.output = globals.query !== undefined && output !== 'value' && output !== 'jsonl' ? 'json' : output;
    this.format = GLOBAL_OPTIONS.format.parse(globals.format ?? 'short');
    this.fields = globals.fields === undefined ? undefined : GLOBAL_OPTIONS.fields.parse(globals.fields);
    this.timeoutMs = globals.timeout === undefined ? undefined : GLOBAL_OPTIONS.timeout.parse(globals.timeout);
    this.term = new Terminal(io, { noColor: globals.color === false, machineOutput: this.output !== 'table' });
    this.term.setScrubber((s) => this.scrub(s));
    for (const w of store.warnings) this.term.warn(w);
  }

  get machineOutput(): boolean {
    return this.output !== 'table';
  }

  /** `--yes` or `--force`: no prompt. */
  get assumeYes(): boolean {
    return this.globals.yes === true || this.globals.force === true;
  }

  get renderer(): Renderer {
    this.rendererCache ??= new Renderer(this.term, { output: this.output, format: this.format, fields: this.fields, query: this.query });
    return this.rendererCache;
  }

  /**
   * The id of the project a command acts on (`explicit`: a command's argument, else the
   * setting), given as an id or a name; a usage error naming the ways to give one when unset.
   * @throws PendingName for a name not resolved yet (src/program/names.ts: `withNames` resolves it)
   */
  projectId(explicit?: string): string {
    this.settings.assertProfileExists();
    const id = explicit ?? this.settings.get('projectId');
    if (!id) {
      throw new UsageError('no project given', 'pass --project <id|name>, set ATLAS_PROJECT_ID, or run: atlascli config set project-id <id>');
    }
    return this.idOf('project', checkSetting('projectId', id));
  }

  /** The organization's id, as projectId() does. @throws PendingName for a name not resolved yet */
  orgId(explicit?: string): string {
    this.settings.assertProfileExists();
    const id = explicit ?? this.settings.get('orgId');
    if (!id) {
      throw new UsageError('no organization given', 'pass --org <id|name>, set ATLAS_ORG_ID, or run: atlascli config set org-id <id>');
    }
    return this.idOf('organization', checkSetting('orgId', id));
  }

  private idOf(kind: NameKind, value: string): string {
    if (isAtlasId(value)) return value;
    const id = this.names.get(`${kind}\0${value}`);
    if (id === undefined) throw new PendingName(kind, value);
    return id;
  }

  /**
   * Resolves a project or organization name to its id, kept for the run: one request
   * (getGroupByName, or listOrgs with `name`).
   * @throws CliError exit 4 when nothing has that name; UsageError (exit 2) when several organizations do
   */
  async resolveName(kind: NameKind, name: string): Promise<void> {
    const { projectByName, orgIdByName } = await import('./names.js');
    const client = await this.client();
    if (kind === 'project') {
      const { id, orgId } = await projectByName(client, name);
      this.names.set(`${kind}\0${name}`, id);
      if (orgId) this.projectOrgs.set(id, orgId);
      return;
    }
    this.names.set(`${kind}\0${name}`, await orgIdByName(client, name));
  }

  /** project id -> its organization's id, as the name lookups of this run answered */
  private readonly projectOrgs = new Map<string, string>();

  /**
   * The id of the organization project `groupId` belongs to: from this run's lookup of its
   * name (getGroupByName), else one request (getGroup).
   * @throws CliError from the request (exit 4 when there is no such project)
   */
  async projectOrgId(groupId: string): Promise<string> {
    let orgId = this.projectOrgs.get(groupId);
    if (orgId === undefined) {
      const doc = await (await this.client()).request<{ orgId?: string }>({ operationId: 'getGroup', pathParams: { groupId } });
      orgId = doc?.orgId ?? '';
      this.projectOrgs.set(groupId, orgId);
    }
    return orgId;
  }

  async client(): Promise<AtlasClient> {
    this.clientPromise ??= this.buildClient();
    return this.clientPromise;
  }

  /** Requests that change something sent so far by this run's client (none before it is built). */
  get writesSent(): number {
    return this.builtClient?.writesSent ?? 0;
  }

  private builtClient: AtlasClient | undefined;

  private async buildClient(): Promise<AtlasClient> {
    const s = this.settings;
    s.assertProfileExists();
    const baseUrl = checkSetting('baseUrl', s.get('baseUrl') ?? DEFAULT_BASE_URL);
    // half a credential pair is a usage error (exit 2) here, before any request
    const credentials = s.credentials();
    this.builtClient = await this.newClient(baseUrl, credentials);
    return this.builtClient;
  }

  /**
   * A client with this run's options (timeout, token cache, proxies from io.env, traces,
   * the program's hints) for `baseUrl` and `credentials`: the run's own, or others a
   * command must prove before using them (`config init`).
   */
  async newClient(baseUrl: string, credentials: Credentials | undefined): Promise<AtlasClient> {
    const { AtlasClient } = await import('../atlas/client.js');
    return new AtlasClient({
      baseUrl,
      credentials,
      userAgent: `atlascli/${this.version} (${process.platform}; ${process.arch})`,
      timeoutMs: this.timeoutMs,
      // service-account tokens are cached beside the config file (0600), keyed by base URL and client id
      tokenCacheDir: configDir(this.io.env),
      env: this.io.env,
      trace: this.globals.debug ? (line) => this.term.info(`[debug] ${line}`) : undefined,
      warn: (line) => this.term.warn(line),
      checkWith: checkCommandFor,
      hints: {
        storeCredentials: 'or store them in a profile with: atlascli config init',
        showCredentials: '`atlascli config describe` shows where each comes from',
        baseUrl: (u) => `give only the scheme and host: --base-url ${u} (or ATLAS_BASE_URL, or atlascli config set base-url)`,
      },
    });
  }

  /** Replaces every secret in play; used on everything written to stderr. */
  scrub(text: string): string {
    let out = text;
    for (const secret of this.settings.secrets()) if (secret.length >= 4) out = out.split(secret).join(MASK);
    return out;
  }

  async close(): Promise<void> {
    if (this.clientPromise) await (await this.clientPromise.catch(() => undefined))?.close();
  }
}

// The parsers live in src/args/values.ts; re-exported here so existing imports keep working.
export { parseBool, parseCount, parseSeconds } from '../args/values.js';
