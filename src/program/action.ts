/**
 * Glue between commander and command handlers: a handler module is imported only
 * when its command runs, so `--help` and `--version` stay fast.
 */
import type { Command, CommandUnknownOpts, OptionValues } from '@commander-js/extra-typings';
import type { Context, GlobalOptions } from './context.js';
import type { IOStreams } from '../output/terminal.js';
import type { Prints } from '../args/fields.js';
import type { Cleanup } from './cleanup.js';
import { UsageError } from '../errors.js';

export type { Prints } from '../args/fields.js';

/**
 * A command's handler: the context, the command's arguments as words, and its own
 * options (`Opts`, as commander hands them over: the globals are in `ctx`).
 */
export type Handler<Opts = never> = (ctx: Context, args: string[], opts: Opts) => Promise<void>;

/**
 * The options commander hands over (`Given`, inferred from the command's definition by
 * @commander-js/extra-typings), when they are what the handler reads (`Read`): tsc refuses
 * the action when the handler reads an option the command does not define (a flag
 * renamed on one side only) or reads one as another type. A handler that takes
 * `Record<string, …>` (options defined in a loop) is checked on the types only.
 */
export type CheckedOptions<Given, Read> = Given &
  Read &
  (string extends keyof Read
    ? unknown
    : [Exclude<keyof Read, keyof Given>] extends [never]
      ? unknown
      : { [K in Exclude<keyof Read, keyof Given> & string as `opts.${K}: read by the handler, not an option of the command`]: never });

export interface Runtime {
  io: IOStreams;
  version: string;
  /** The run's interrupt hooks and temp files (`main`'s); absent, each context has its own, which nothing interrupts. */
  cleanup?: Cleanup;
  /** Set by the action that ran, so `main` can close what it opened. */
  ctx?: Context;
}

/**
 * An action that builds the context, checks the output options against what the
 * command prints (`prints`; `--fields` with a command that declares nothing is a usage
 * error), and only then runs `load()`'s handler: every global option is checked before
 * the first request. The handler's options are checked by tsc against the command's
 * definition (CheckedOptions): a flag renamed on one side only does not compile.
 */
export function lazy<Read = unknown>(runtime: Runtime, load: () => Promise<Handler<Read>>, prints?: Prints) {
  return async <Given extends OptionValues>(...params: [...unknown[], CheckedOptions<Given, Read>, CommandUnknownOpts]): Promise<void> => {
    const cmd = params[params.length - 1] as CommandUnknownOpts;
    const opts = cmd.opts() as Read;
    const args = params.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a])) as string[];
    const { Context } = await import('./context.js');
    const ctx = await Context.create(runtime.io, cmd.optsWithGlobals() as GlobalOptions, runtime.version, runtime.cleanup);
    runtime.ctx = ctx;
    // -o value needs something to print; --query a document (a command printing one bare value, such as a connection string, declares `{}`)
    const documents = prints !== undefined && (prints.operationId !== undefined || prints.view !== undefined || prints.fields !== undefined);
    if (ctx.query && !documents) throw new UsageError(`--query cannot be used with \`${commandPath(cmd)}\`: it prints no JSON documents`);
    if (ctx.output === 'value' && !prints) throw new UsageError(`-o value cannot be used with \`${commandPath(cmd)}\`: it prints no values`);
    if (ctx.fields) {
      const { checkFields } = await import('../args/fields.js');
      await checkFields(ctx.fields, prints, commandPath(cmd));
    }
    const handler = await load();
    // a project or organization given by name is resolved when the handler asks for it (src/program/names.ts)
    const { withNames } = await import('./names.js');
    await withNames(ctx, () => handler(ctx, args, opts));
  };
}

/** `cluster delete` for the command `atlascli cluster delete`. */
export function commandPath(cmd: CommandUnknownOpts): string {
  const names: string[] = [];
  for (let c: CommandUnknownOpts | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/**
 * A command group's own command (`cluster`, `user`…): what the root's help lists and
 * what names it. Its subcommands are added only when the group is used (src/program/cli.ts).
 */
export interface GroupHeader {
  name: string;
  aliases: string[];
  description: string;
  /** Text after the group's help (its examples). */
  help: string;
}

/** `--limit N` on every list. */
export function withLimit<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd.option('--limit <n>', 'stop after N items');
}

/** `--dry-run` on every command that changes something. */
export function withDryRun<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd.option('--dry-run', 'print the request it would send and exit');
}

/**
 * `--if-exists` on every delete: when the thing is absent, exit 0 with a note on stderr
 * (the handler sends its delete through `deleting` in src/commands/shared.ts).
 */
export function withIfExists<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>) {
  return cmd.option('--if-exists', 'when it does not exist, say so on stderr and exit 0 (cleanup that must not fail)');
}

/** What the help of a command with `--wait` says of the waiting itself (src/commands/wait.ts). */
export const WAIT_HELP =
  '\nWaiting polls (every 1 s, backing off to 10 s; ATLASCLI_POLL_MS=<ms> for a fixed interval) with a spinner on a terminal, a line per change otherwise, on stderr.';

/** `--wait` and `--wait-timeout` on a command that waits until `until`; `help` is its note on waiting (default WAIT_HELP). */
export function withWait<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>, until: string, help = WAIT_HELP) {
  return cmd.option('--wait', `wait until ${until}`).option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)').addHelpText('after', help);
}

/** The `Examples:` section of a command's help, one pasteable command a line. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
