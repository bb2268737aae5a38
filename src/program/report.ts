/** The one place an error becomes a line on stderr and an exit code. */
import { AtlasApiError, CliError, EXIT, OutputError, errorJson, exitCodeFor } from '../errors.js';
import type { Context } from './context.js';
import type { IOStreams } from '../output/terminal.js';
import { escapeControls, printable } from '../output/printable.js';

const HINTS: Record<string, string> = {
  CANNOT_UPDATE_PAUSED_CLUSTER: 'the cluster is paused: resume it first with `atlascli cluster resume <name>`',
  DUPLICATE_CLUSTER_NAME: 'pick another name, or update the existing cluster with `atlascli cluster update`',
  GROUP_ALREADY_EXISTS: 'a project with this name exists in the organization; `atlascli project get --name <name>` finds it',
  CANNOT_CLOSE_GROUP_ACTIVE_ATLAS_CLUSTERS: 'delete the clusters of the project first (`atlascli cluster list`)',
  RATE_LIMITED: 'Atlas is rate-limiting these credentials; wait a minute and try again',
};

function hintFor(err: unknown): string | undefined {
  if (err instanceof AtlasApiError) {
    // a hint the command attached knows more (e.g. the cluster's name) than one by code
    if (err.hint) return err.hint;
    const byCode = err.errorCode ? HINTS[err.errorCode] : undefined;
    if (byCode) return byCode;
    if (err.status === 401) return 'check the credentials in use: `atlascli config describe` shows each and where it comes from';
    if (err.status === 403) return "the credentials lack a role for this, or this address is not on the key's access list";
    if (err.status === 429) return HINTS.RATE_LIMITED;
    if (err.status >= 500) return 'Atlas had a problem; try again later';
    return undefined;
  }
  return err instanceof CliError ? err.hint : undefined;
}

// the one-line form of text for a terminal, shared with every message on stderr
export { printable } from '../output/printable.js';

/** JSON text whose strings carry no raw control character a terminal would act on (still valid JSON). */
function printableJson(value: unknown): string {
  // JSON.stringify escapes C0 controls itself; DEL, C1 and U+2028/9 it leaves raw
  return escapeControls(JSON.stringify(value));
}

/**
 * Writes `err` to stderr as one line (or one JSON document with -o json/jsonl), secrets
 * scrubbed and control characters made visible, and returns the exit code for it.
 */
export function reportError(err: unknown, io: IOStreams, ctx: Context | undefined, argv: string[]): number {
  const scrub = (s: string): string => (ctx ? ctx.scrub(s) : s);
  // a reader that stopped early (`| head -1`) is not a failure of the command
  if (err instanceof OutputError && err.code === 'EPIPE') return EXIT.ok;
  const code = exitCodeFor(err);
  // as -o asked (--query alone prints JSON, its errors stay lines)
  const asked = ctx?.query ? ctx.settings.get('output') : ctx?.output;
  const wantsJson = ctx ? asked === 'json' || asked === 'jsonl' : jsonRequested(argv, io.env);
  if (wantsJson) {
    io.stderr.write(`${scrub(printableJson(errorJson(err)))}\n`);
    return code;
  }
  if (err instanceof CliError) {
    const hint = hintFor(err);
    io.stderr.write(`${printable(scrub(`atlascli: ${err.message}${hint ? ` (hint: ${hint})` : ''}`))}\n`);
    return code;
  }
  const message = err instanceof Error ? err.message : String(err);
  io.stderr.write(`${printable(scrub(`atlascli: internal error: ${message} (this is a bug; run with --debug and report it)`))}\n`);
  if (ctx?.globals.debug && err instanceof Error && err.stack) {
    io.stderr.write(`${scrub(err.stack).split('\n').map(printable).join('\n')}\n`);
  }
  return code === EXIT.ok ? EXIT.failure : code;
}

/** Before a context exists (bad global options), look at argv and the environment. */
function jsonRequested(argv: string[], env: NodeJS.ProcessEnv): boolean {
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if ((a === '-o' || a === '--output') && (argv[i + 1] === 'json' || argv[i + 1] === 'jsonl')) return true;
    if (a === '--output=json' || a === '-ojson' || a === '--output=jsonl') return true;
  }
  return env.ATLAS_OUTPUT === 'json' || env.ATLAS_OUTPUT === 'jsonl';
}
