/**
 * Shell completion. The scripts in completions/ (generated from scripts.ts) ask
 * `atlascli __complete <words…>` for the candidates on each TAB, so they always match
 * the command tree of the installed version.
 *
 * What `__complete` prints, one line each: a candidate for the last word, optionally
 * followed by a tab and a short description (commands and options; zsh and fish show
 * it, bash drops it); or the single line `:files` / `:dirs`, asking the shell to
 * complete file or folder names itself. Nothing at all means no candidates.
 */
import type { CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import type { Context } from '../../program/context.js';
import { apiCandidates } from '../api/complete.js';
import type { Runtime } from '../../program/action.js';
import { completionScript, type Shell } from './scripts.js';
import { argumentSource, optionSource, type Source, type Typed, type Values } from './values.js';

/** `atlascli completion <shell>`: the script, the same text as completions/atlascli.<shell>. */
export async function script(ctx: Context, [shell]: string[]): Promise<void> {
  ctx.term.out(completionScript(shell as Shell));
}

interface Candidate {
  value: string;
  description?: string;
}

type Hidden = { _hidden?: boolean };

function visibleCommands(cmd: Command): Command[] {
  return cmd.commands.filter((c) => !(c as unknown as Hidden)._hidden);
}

/** The options of a command and of every command above it (the globals). */
function options(cmd: Command): Option[] {
  const out: Option[] = [];
  for (let c: Command | null = cmd; c; c = c.parent) out.push(...c.options);
  return out;
}

function takesValue(o: Option): boolean {
  return o.required || o.optional;
}

/** `--region <region>` → `region`. */
function placeholder(o: Option): string | undefined {
  return /[<[]([^>\]]+?)(?:\.\.\.)?[>\]]/.exec(o.flags)?.[1];
}

/** The command path as the tables key it: `cluster create`, '' for atlascli itself. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

/** The first line of a description, short enough for a completion menu. */
function short(text: string | undefined): string | undefined {
  const line = text?.split('\n')[0]?.trim();
  if (!line) return undefined;
  return line.length > 70 ? `${line.slice(0, 69).trimEnd()}…` : line;
}

function registeredArguments(cmd: Command): Array<{ argChoices?: string[]; variadic?: boolean }> {
  return (cmd as unknown as { registeredArguments?: Array<{ argChoices?: string[]; variadic?: boolean }> }).registeredArguments ?? [];
}

/** Where the words typed before the current one leave the line. */
interface Parsed {
  cmd: Command;
  typed: Typed;
  /** The option whose value the current word is (after `--region `), if it is one. */
  expecting?: Option;
  /** Positional arguments already given to `cmd`. */
  positionals: number;
}

function parse(program: Command, words: readonly string[], current: string, env: NodeJS.ProcessEnv): Parsed {
  let cmd = program;
  let expecting: Option | undefined;
  let variadic: Option | undefined;
  let positionals = 0;
  const typedOptions = new Map<string, string[]>();
  const record = (o: Option, v: string) => {
    const key = o.long ?? o.short ?? '';
    typedOptions.set(key, [...(typedOptions.get(key) ?? []), v]);
  };
  for (const w of words) {
    if (expecting) {
      record(expecting, w);
      if (expecting.variadic) variadic = expecting;
      expecting = undefined;
      continue;
    }
    if (w.startsWith('-') && w !== '-') {
      variadic = undefined;
      const [flag, value] = w.startsWith('--') && w.includes('=') ? [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)] : [w, undefined];
      const opt = options(cmd).find((o) => o.long === flag || o.short === flag);
      if (opt && takesValue(opt)) {
        if (value === undefined) expecting = opt;
        else record(opt, value);
      }
      continue;
    }
    if (variadic) {
      record(variadic, w);
      continue;
    }
    const sub = positionals === 0 ? visibleCommands(cmd).find((c) => c.name() === w || c.aliases().includes(w)) : undefined;
    if (sub) cmd = sub;
    else positionals++;
  }
  // after a variadic option's values, the next word may be one more of them
  return { cmd, typed: { path: pathOf(cmd), options: typedOptions, current, env }, expecting: expecting ?? variadic, positionals };
}

async function run(source: Source | undefined, typed: Typed): Promise<Values> {
  if (!source) return [];
  try {
    return await source(typed);
  } catch {
    return [];
  }
}

/**
 * Candidates for the last word, given every word typed after `atlascli` (the last one
 * possibly empty): subcommands, options, an option's values (`--tier M1` → M10…; the
 * `--opt=value` form too), an argument's values (cluster names, profile names, config
 * keys), or a directive (`:files`). Filtered by the typed prefix. Never throws; live
 * lookups are bounded (live.ts).
 */
export async function candidates(program: Command, words: readonly string[], runtime: Pick<Runtime, 'io'>): Promise<string[]> {
  // the run's environment (profiles, the project for live look-ups), never process.env
  const env = runtime.io.env;
  const typedWords = words.slice(0, -1);
  const current = words.at(-1) ?? '';
  const { cmd, typed, expecting, positionals } = parse(program, typedWords, current, env);

  // `atlascli api …`: operationIds, then the operation's own flags (src/commands/api/complete.ts)
  const apiCmd = program.commands.find((c) => c.name() === 'api');
  if (cmd === apiCmd && !expecting?.long?.match(/^--(file|out)$/)) {
    const pool = current.startsWith('-')
      ? options(cmd)
          .filter((o) => !o.hidden)
          .flatMap((o) => (o.long ? [o.long] : []))
      : [];
    if (!expecting) pool.push(...visibleCommands(cmd).map((c) => c.name()));
    const after = typedWords.slice(typedWords.indexOf('api') + 1);
    return [...new Set(apiCandidates(after, current, pool))].filter((c) => c.startsWith(current)).sort();
  }

  let values: Values;
  let prefix = '';
  if (expecting) {
    values = await run(optionSource(typed.path, expecting.long ?? '', placeholder(expecting)), typed);
    if (Array.isArray(values) && values.length === 0 && expecting.argChoices) values = expecting.argChoices;
  } else if (current.startsWith('--') && current.includes('=')) {
    // --type=mong: the option's values, each with the flag in front
    const flag = current.slice(0, current.indexOf('='));
    const opt = options(cmd).find((o) => o.long === flag && takesValue(o));
    values = opt ? await run(optionSource(typed.path, flag, placeholder(opt)), { ...typed, current: current.slice(flag.length + 1) }) : [];
    if (!Array.isArray(values)) return [];
    prefix = `${flag}=`;
  } else if (current.startsWith('-')) {
    const seen = new Set<string>();
    const found: Candidate[] = [];
    for (const o of options(cmd)) {
      if (o.hidden || !o.long || seen.has(o.long)) continue;
      seen.add(o.long);
      found.push({ value: o.long, description: short(o.description) });
    }
    return finish(found, current);
  } else {
    const found: Candidate[] = [];
    if (positionals === 0) for (const c of visibleCommands(cmd)) found.push({ value: c.name(), description: short(c.description()) });
    const args = registeredArguments(cmd);
    const arg = args[positionals] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
    if (arg?.argChoices) found.push(...arg.argChoices.map((value) => ({ value })));
    else if (arg) {
      const v = await run(argumentSource(typed.path, positionals), typed);
      if (!Array.isArray(v)) return [`:${v}`];
      found.push(...v.map((value) => ({ value })));
    }
    return finish(found, current);
  }
  if (!Array.isArray(values)) return [`:${values}`];
  return finish(
    values.map((v) => ({ value: prefix + v })),
    current,
  );
}

/** Those that start with what is typed (case aside when nothing matches as typed), unique, sorted; `value\tdescription`. */
function finish(found: readonly Candidate[], current: string): string[] {
  const unique = new Map<string, Candidate>();
  for (const c of found) if (!unique.has(c.value)) unique.set(c.value, c);
  let matching = [...unique.values()].filter((c) => c.value.startsWith(current));
  // `--provider gcp` is accepted as GCP: offer the spelling the API uses
  if (!matching.length) matching = [...unique.values()].filter((c) => c.value.toLowerCase().startsWith(current.toLowerCase()));
  return matching.sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0)).map((c) => (c.description ? `${c.value}\t${c.description}` : c.value));
}
