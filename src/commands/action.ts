/**
 * Glue between commander and command handlers: a handler module is imported only
 * when its command runs, so `--help` and `--version` stay fast.
 */
import type { Command } from 'commander';
import type { Context, GlobalOptions } from '../context.js';
import type { IOStreams } from '../output/terminal.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each handler declares its own options
export type Handler = (ctx: Context, args: string[], opts: any) => Promise<void>;

export interface Runtime {
  io: IOStreams;
  version: string;
  /** Set by the action that ran, so `main` can close what it opened. */
  ctx?: Context;
}

/** An action that builds the context and runs `load()`'s handler. */
export function lazy(runtime: Runtime, load: () => Promise<Handler>) {
  return async (...params: unknown[]): Promise<void> => {
    const cmd = params[params.length - 1] as Command;
    const opts = cmd.opts();
    const args = params.slice(0, -2).flatMap((a) => (Array.isArray(a) ? a : a === undefined ? [] : [a])) as string[];
    const { Context } = await import('../context.js');
    const ctx = await Context.create(runtime.io, cmd.optsWithGlobals() as GlobalOptions, runtime.version);
    runtime.ctx = ctx;
    const handler = await load();
    await handler(ctx, args, opts);
  };
}

/** `--limit N` on every list. */
export function withLimit(cmd: Command): Command {
  return cmd.option('--limit <n>', 'stop after N items');
}

/** `--dry-run` on every command that changes something. */
export function withDryRun(cmd: Command): Command {
  return cmd.option('--dry-run', 'print the request it would send and exit');
}
