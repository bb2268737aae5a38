/**
 * Shell completion: the scripts in completions/ ask `atlascli __complete <words…>`
 * for candidates, so they always match the command tree of the installed version.
 */
import { readFileSync } from 'node:fs';
import type { Command, Option } from 'commander';
import type { Context } from '../../context.js';
import { apiCandidates } from '../api/complete.js';

const VALUE_CHOICES: Record<string, string[]> = {
  '--output': ['table', 'json', 'jsonl', 'csv'],
  '-o': ['table', 'json', 'jsonl', 'csv'],
  '--format': ['short', 'full'],
  '--provider': ['AWS', 'GCP', 'AZURE'],
  '--type': ['REPLICASET', 'SHARDED'],
  '--min-tls': ['TLS1_0', 'TLS1_1', 'TLS1_2', 'TLS1_3'],
};

export async function script(ctx: Context, [shell]: string[]): Promise<void> {
  ctx.term.out(readFileSync(new URL(`../../../completions/atlascli.${shell}`, import.meta.url), 'utf8'));
}

function visibleCommands(cmd: Command): Command[] {
  return cmd.commands.filter((c) => !(c as unknown as { _hidden?: boolean })._hidden);
}

function options(cmd: Command): Option[] {
  const out: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options.filter((o) => !o.hidden));
  return out;
}

/** Candidates for the last word, given every word typed after `atlascli`. */
export function candidates(program: Command, words: string[]): string[] {
  const typed = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  let cmd = program;
  let expectsValue: Option | undefined;
  for (const w of typed) {
    if (expectsValue) {
      expectsValue = undefined;
      continue;
    }
    if (w.startsWith('-')) {
      const opt = options(cmd).find((o) => o.long === w || o.short === w);
      if (opt && (opt.required || opt.optional) && !w.includes('=')) expectsValue = opt;
      continue;
    }
    const sub = visibleCommands(cmd).find((c) => c.name() === w || c.aliases().includes(w));
    if (sub) cmd = sub;
  }
  let pool: string[];
  if (expectsValue) {
    const names = [expectsValue.long, expectsValue.short].filter((n): n is string => !!n);
    pool = names.map((n) => VALUE_CHOICES[n]).find(Boolean) ?? expectsValue.argChoices ?? [];
  } else if (current.startsWith('-')) {
    pool = options(cmd).flatMap((o) => (o.long ? [o.long] : []));
  } else {
    pool = visibleCommands(cmd).map((c) => c.name());
    const arg = (cmd as unknown as { registeredArguments?: Array<{ argChoices?: string[] }> }).registeredArguments?.[0];
    if (arg?.argChoices) pool.push(...arg.argChoices);
  }
  if (!expectsValue && cmd.name() === 'api' && cmd.parent === program) pool = apiCandidates(typed.slice(typed.indexOf('api') + 1), current, pool);
  return [...new Set(pool)].filter((c) => c.startsWith(current)).sort();
}
