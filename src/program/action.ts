/**
 * Glue between commander and command handlers: a handler module is imported only
 * when its command runs, so `--help` and `--version` stay fast.
 */
import type { Command } from 'commander';
import type { Context, GlobalOptions } from './context.js';
import type { IOStreams } from '../output/terminal.js';
import type { Prints } from '../args/fields.js';
import type { Cleanup } from './cleanup.js';

export type { Prints } from '../args/fields.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own options
export type Handler = (ctx: Context, args: string[], opts: any) => Promise<void>;

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
 * the first request.
 */
export function lazy(runtime: Runtime, load: () => Promise<Handler>, prints?: Prints) {
  return async (...params: unknown[]): Promise<void> => {
    const cmd = params[params.length - 1] as Command;
    const opts = cmd.opts();
    const args = params.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a])) as string[];
    const { Context } = await import('./context.js');
    const ctx = await Context.create(runtime.io, cmd.optsWithGlobals() as GlobalOptions, runtime.version, runtime.cleanup);
    runtime.ctx = ctx;
    if (ctx.fields) {
      const { checkFields } = await import('../args/fields.js');
      await checkFields(ctx.fields, prints, commandPath(cmd));
    }
    const handler = await load();
    await handler(ctx, args, opts);
  };
}

/** `cluster delete` for the command `atlascli cluster delete`. */
export function commandPath(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
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
export function withLimit(cmd: Command): Command {
  return cmd.option('--limit <n>', 'stop after N items');
}

/** `--dry-run` on every command that changes something. */
export function withDryRun(cmd: Command): Command {
  return cmd.option('--dry-run', 'print the request it would send and exit');
}

/** The `Examples:` section of a command's help, one pasteable command a line. */
export function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;
}
