/**
 * What `main` does to argv before commander parses it, when the command word is `api`
 * (loaded only then):
 * - `--version X` / `--version=X` after `api` become the command's `--api-version`:
 *   commander takes the program's `-v, --version` wherever it appears, and would print
 *   the CLI's version instead;
 * - `api <operationId> --help` is answered from the spec index (the operation's own
 *   help), not with the generic help of `api`.
 */
import type { CommandUnknownOpts as Command } from '@commander-js/extra-typings';

export interface PreparedArgv {
  argv: string[];
  /** Help text to print instead of running (exit 0). */
  help?: string;
}

/** Index of the command word (the first word that is no option or option value), or -1. */
function commandWordIndex(program: Command, argv: readonly string[]): number {
  const takesValue = new Set<string>();
  for (const o of program.options) {
    if (o.required || o.optional) for (const f of [o.long, o.short]) if (f) takesValue.add(f);
  }
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--') return -1;
    if (w.startsWith('-') && w.length > 1) {
      if (!w.includes('=') && takesValue.has(w)) i++;
      continue;
    }
    return i;
  }
  return -1;
}

export async function prepareApiArgv(program: Command, argv: string[]): Promise<PreparedArgv> {
  const at = commandWordIndex(program, argv);
  if (at < 0 || argv[at] !== 'api') return { argv };
  const out = argv.slice(0, at + 1);
  const rest = argv.slice(at + 1);
  let literal = false;
  for (const w of rest) {
    if (literal) out.push(w);
    else if (w === '--') {
      literal = true;
      out.push(w);
    } else if (w === '--version') out.push('--api-version');
    else if (w.startsWith('--version=')) out.push(`--api-version=${w.slice('--version='.length)}`);
    else out.push(w);
  }
  const helpAt = rest.findIndex((w) => w === '--help' || w === '-h');
  const id = rest[0];
  if (helpAt > 0 && id && !id.startsWith('-') && id !== 'list' && id !== 'help') {
    const { operationHelp } = await import('./help.js');
    const text = operationHelp(id);
    if (text !== undefined) return { argv: out, help: text };
  }
  return { argv: out };
}
