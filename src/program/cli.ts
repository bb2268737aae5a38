/**
 * Builds the command tree and runs it. `main` returns the exit code; only the bin
 * entry calls process.exit.
 */
import { Command, CommanderError, Help, Option, type CommandUnknownOpts, type ParseOptions } from '@commander-js/extra-typings';
import type { GroupHeader, Runtime } from './action.js';
import type { IOStreams } from '../output/terminal.js';
import {
  ALERT_GROUP,
  BACKUP_GROUP,
  CLUSTER_GROUP,
  CONFIG_GROUP,
  AUTH_GROUP,
  EVENT_GROUP,
  LOGS_GROUP,
  MAINTENANCE_GROUP,
  METRICS_GROUP,
  ORG_GROUP,
  PERFORMANCE_GROUP,
  PROCESS_GROUP,
  PROJECT_GROUP,
  TEAM_GROUP,
  SEARCH_INDEX_GROUP,
  USER_GROUP,
  WHITELIST_GROUP,
  CUSTOM_ROLE_GROUP,
  STREAM_GROUP,
  SERVICE_ACCOUNT_GROUP,
  INVITATION_GROUP,
  CLOUD_ACCESS_GROUP,
  PRIVATE_ENDPOINT_GROUP,
  NETWORK_GROUP,
} from './groups.js';
import { registerApi } from '../commands/api/index.js';
import { registerSimulator } from '../commands/simulator/index.js';
import { registerSetup } from '../commands/setup/index.js';
import { registerAudit } from '../commands/audit/index.js';
import { registerCompletion } from '../commands/completion/index.js';
import { registerWhoami } from '../commands/auth/index.js';
import { HELP_TOPICS, commandsFirst, rootHelpFooter, wrapParagraphs } from './help.js';
import { legacyArgv } from './legacy.js';
import { EXIT, UsageError } from '../errors.js';
import { checkValuesOf } from '../args/checks.js';
import { Cleanup } from './cleanup.js';
import { GLOBAL_OPTIONS, optionHelp, type GlobalOptionDefinition } from '../settings/definitions.js';
import { packageVersion } from './version.js';

type Register = (group: Command, rt: Runtime) => void;

/**
 * The command groups, in the order `--help` lists them (the contract's order): a group
 * with subcommands as its header (./commands/groups.ts) and the import of the module
 * that adds them, loaded only when the command line goes into the group; the single
 * commands (`api`, `simulator`, `completion`) as the function that registers them whole.
 */
const GROUPS: Array<[GroupHeader, () => Promise<Register>] | ((program: Command, rt: Runtime) => void)> = [
  [CLUSTER_GROUP, async () => (await import('../commands/cluster/index.js')).registerCluster],
  [PROJECT_GROUP, async () => (await import('../commands/project/index.js')).registerProject],
  [ORG_GROUP, async () => (await import('../commands/org/index.js')).registerOrg],
  [USER_GROUP, async () => (await import('../commands/user/index.js')).registerUser],
  [WHITELIST_GROUP, async () => (await import('../commands/whitelist/index.js')).registerWhitelist],
  [LOGS_GROUP, async () => (await import('../commands/logs/index.js')).registerLogs],
  [METRICS_GROUP, async () => (await import('../commands/metrics/index.js')).registerMetrics],
  [BACKUP_GROUP, async () => (await import('../commands/backup/index.js')).registerBackup],
  [PROCESS_GROUP, async () => (await import('../commands/process/index.js')).registerProcess],
  [ALERT_GROUP, async () => (await import('../commands/alert/index.js')).registerAlert],
  [EVENT_GROUP, async () => (await import('../commands/event/index.js')).registerEvent],
  [MAINTENANCE_GROUP, async () => (await import('../commands/maintenance/index.js')).registerMaintenance],
  [CUSTOM_ROLE_GROUP, async () => (await import('../commands/custom-role/index.js')).registerCustomRole],
  [STREAM_GROUP, async () => (await import('../commands/stream/index.js')).registerStream],
  [PERFORMANCE_GROUP, async () => (await import('../commands/performance/index.js')).registerPerformance],
  [TEAM_GROUP, async () => (await import('../commands/team/index.js')).registerTeam],
  [SEARCH_INDEX_GROUP, async () => (await import('../commands/search-index/index.js')).registerSearchIndex],
  [SERVICE_ACCOUNT_GROUP, async () => (await import('../commands/service-account/index.js')).registerServiceAccount],
  [INVITATION_GROUP, async () => (await import('../commands/invitation/index.js')).registerInvitation],
  [CLOUD_ACCESS_GROUP, async () => (await import('../commands/cloud-access/index.js')).registerCloudAccess],
  [PRIVATE_ENDPOINT_GROUP, async () => (await import('../commands/private-endpoint/index.js')).registerPrivateEndpoint],
  [NETWORK_GROUP, async () => (await import('../commands/network/index.js')).registerNetwork],
  registerAudit,
  [CONFIG_GROUP, async () => (await import('../commands/config/index.js')).registerConfig],
  registerSetup,
  [AUTH_GROUP, async () => (await import('../commands/auth/index.js')).registerAuth],
  registerApi,
  registerSimulator,
  registerCompletion,
  registerWhoami,
];

// the bin's exit path, from the same module: one import for the bin at start-up
export { Cleanup } from './cleanup.js';
// the exit codes of SIGINT, SIGTERM and SIGHUP, from the one exit-code table
export { SIGNAL_EXIT } from '../errors.js';

/** The names users of the official `atlas` CLI type, on every command of that name. */
const VERB_ALIASES: Readonly<Record<string, string>> = { list: 'ls', get: 'describe', delete: 'rm' };

/**
 * The root command. Before parsing, a command line of the old Python atlascli
 * (`--resource cluster --list`, `--publickey`) becomes the new one (src/program/legacy.ts); the
 * note naming the new form goes to stderr once the command succeeded.
 */
class Program extends Command {
  constructor(private readonly io: IOStreams) {
    super('atlascli');
  }

  override async parseAsync(argv?: readonly string[], options?: ParseOptions): Promise<this> {
    if (argv === undefined || options?.from !== 'user') return super.parseAsync(argv, options);
    const takesValue = new Set<string>();
    for (const o of this.options) if (o.required || o.optional) for (const f of [o.long, o.short]) if (f) takesValue.add(f);
    const legacy = legacyArgv(argv, takesValue);
    await super.parseAsync(legacy.argv, options);
    if (legacy.notice) this.io.stderr.write(`${legacy.notice}\n`);
    return this;
  }
}

/** Loads a group's module and adds its subcommands to its command, once (see buildProgram). */
const fillers = new WeakMap<CommandUnknownOpts, () => Promise<void>>();

/** Adds the subcommands of every group not yet filled: what walks the whole tree needs (help, completion). */
export async function fillGroups(program: CommandUnknownOpts): Promise<void> {
  await Promise.all(program.commands.map((group) => fillers.get(group)?.()));
}

/**
 * The command tree. With `lazy`, a group's module is loaded and its subcommands added
 * only when the command line goes into the group (commander's preSubcommand hook,
 * before the group parses its words): `atlascli --help` loads no group module and builds
 * none of the ~100 commands, `atlascli cluster list` loads and builds one group.
 * Whatever walks the whole tree awaits `fillGroups` first; without `lazy` it is whole.
 */
export async function buildProgram(runtime: Runtime, { lazy = false }: { lazy?: boolean } = {}): Promise<Command> {
  const { io } = runtime;
  const program = new Program(io)
    .description('MongoDB Atlas from the command line: tables for people, exact JSON and exit codes for scripts and CI')
    .version(runtime.version, '-v, --version', 'print the version');
  // the global options, from their one table (src/settings/definitions.ts)
  for (const def of Object.values<GlobalOptionDefinition>(GLOBAL_OPTIONS)) program.addOption(new Option(def.flags, optionHelp(def)).hideHelp(def.hidden === true));
  program
    .showSuggestionAfterError(true)
    .configureHelp({
      sortSubcommands: false,
      showGlobalOptions: true,
      // commander leaves a description unwrapped when fewer than 40 columns are left for it,
      // which the longest command and option names (`api [options] [operationId] [params...]`) cause on 80
      minWidthToWrap: 20,
      // a group's subcommands before the options, the global options last
      formatHelp: (cmd, helper) => commandsFirst(Help.prototype.formatHelp.call(helper, cmd, helper)),
    })
    .addHelpText('after', rootHelpFooter());

  for (const entry of GROUPS) {
    if (typeof entry === 'function') {
      entry(program, runtime);
      continue;
    }
    const [header, load] = entry;
    const group = program.command(header.name).aliases(header.aliases).description(header.description).addHelpText('after', header.help);
    let filled: Promise<void> | undefined;
    fillers.set(
      group,
      () =>
        (filled ??= load().then((register) => {
          register(group, runtime);
          addVerbAliases(group);
          configure(group, io);
        })),
    );
  }
  addVerbAliases(program);
  addHelpCommand(program, io);
  configure(program, io);
  if (lazy) program.hook('preSubcommand', async (_root, group) => fillers.get(group)?.());
  else await fillGroups(program);
  return program;
}

/** `ls`, `describe`, `rm` on every list, get and delete that lacks them (and whose group has no command of that name). */
function addVerbAliases(cmd: CommandUnknownOpts): void {
  for (const sub of cmd.commands) {
    const alias = VERB_ALIASES[sub.name()];
    const taken = (a: string) => cmd.commands.some((c) => c.name() === a || c.aliases().includes(a));
    if (alias && !taken(alias)) sub.alias(alias);
    addVerbAliases(sub);
  }
}

/**
 * `atlascli help [command...]` and the topics `help environment`, `help exit-codes`:
 * replaces commander's help command at the root (groups keep theirs: `cluster help list`).
 */
function addHelpCommand(program: Command, io: IOStreams): void {
  program.helpCommand(false);
  const topics = Object.entries(HELP_TOPICS)
    .map(([name, t]) => `  ${name.padEnd(12)} ${t.description}`)
    .join('\n');
  program
    .command('help [command...]')
    .description('help on a command, or on a topic: environment, exit-codes')
    .addHelpText('after', `\nTopics:\n${topics}\n\nExamples:\n  $ atlascli help cluster create\n  $ atlascli help environment\n  $ atlascli help exit-codes`)
    .action(async (words: string[]) => {
      await fillGroups(program);
      const [first] = words;
      if (first === undefined) return void program.outputHelp();
      const topic = Object.hasOwn(HELP_TOPICS, first) ? HELP_TOPICS[first] : undefined;
      if (topic && words.length === 1) return void io.stdout.write(topic.text());
      let cmd: CommandUnknownOpts = program;
      for (const w of words) {
        const sub = cmd.commands.find((c) => c.name() === w || c.aliases().includes(w));
        if (!sub || sub.name() === 'help') {
          const names = [...cmd.commands.map((c) => c.name()).filter((n) => n !== 'help'), ...(cmd === program ? Object.keys(HELP_TOPICS) : [])];
          throw new UsageError(`no help on "${[...words.slice(0, words.indexOf(w)), w].join(' ')}"`, `try one of: ${names.join(', ')}`);
        }
        cmd = sub;
      }
      cmd.outputHelp();
    });
}

/**
 * Every command writes help to stdout, errors to stderr, and throws instead of exiting;
 * every value it takes is checked as it is parsed (src/args/checks.ts).
 */
function configure(cmd: CommandUnknownOpts, io: IOStreams): void {
  cmd.exitOverride();
  checkValuesOf(cmd);
  cmd.configureOutput({
    // commander writes help (and the version) through here: its own rows are wrapped by
    // commander, the paragraphs commands add after them here
    writeOut: (s) => io.stdout.write(wrapParagraphs(s, (io.stdout as { columns?: number }).columns || 80)),
    writeErr: (s) => io.stderr.write(s),
    // usage errors are reported by `main`, like every other error: one line, or JSON with -o json
    outputError: () => undefined,
  });
  for (const sub of cmd.commands) configure(sub, io);
}

/**
 * Runs one command line and returns its exit code (src/errors.ts has the table); never
 * exits the process, never reads `process.env` (only `io.env`) nor writes outside `io`.
 * Several runs may go on at once in one process.
 * @param argv the words after `atlascli`
 * @param io the streams and the environment the run sees
 * @param cleanup what the caller runs on a signal (`cleanup.interrupt`); the run's temp
 *   files are removed when it returns
 */
export async function main(argv: string[], io: IOStreams, cleanup = new Cleanup()): Promise<number> {
  try {
    return await run(argv, io, cleanup);
  } finally {
    cleanup.removeTempFiles();
  }
}

async function run(argv: string[], io: IOStreams, cleanup: Cleanup): Promise<number> {
  const runtime: Runtime = { io, version: packageVersion(), cleanup };
  const program = await buildProgram(runtime, { lazy: true });
  // `api`: `--version <date>` is the API version there, and `api <operationId> --help` the operation's help
  if (argv.includes('api') && argv[0] !== '__complete') {
    const prepared = await (await import('../commands/api/argv.js')).prepareApiArgv(program, argv);
    if (prepared.help !== undefined) {
      io.stdout.write(prepared.help);
      return EXIT.ok;
    }
    argv = prepared.argv;
  }
  // What the completion scripts call on each TAB: the candidates for the words typed.
  // Handled before parsing so the typed words are taken as they are, options included.
  if (argv[0] === '__complete') {
    // the groups the typed words name, only: a TAB loads the module of one group, not of every group
    const typed = new Set(argv.slice(1, -1));
    await Promise.all(program.commands.filter((g) => [g.name(), ...g.aliases()].some((n) => typed.has(n))).map((g) => fillers.get(g)?.()));
    const { candidates } = await import('../commands/completion/run.js');
    io.stdout.write((await candidates(program, argv.slice(1), runtime)).map((c) => `${c}\n`).join(''));
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version') return EXIT.ok;
      // A command group without a subcommand shows its help: a usage error, unless nothing was typed at all.
      if (err.code === 'commander.help') return argv.length === 0 ? EXIT.ok : EXIT.usage;
      const { reportError } = await import('./report.js');
      const { UsageError } = await import('../errors.js');
      const message = err.message.replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      return reportError(new UsageError(message, 'see --help'), io, undefined, argv);
    }
    const { reportError } = await import('./report.js');
    return reportError(err, io, runtime.ctx, argv);
  } finally {
    await runtime.ctx?.close();
  }
}
