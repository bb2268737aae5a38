/**
 * Scripts written for python-atlasapi's `atlascli` (the tool this one succeeds) keep
 * working. That tool took `--publickey`, `--privatekey`, `--atlasgroup`, and
 * `--resource organization|project|cluster` (default cluster) with `--list` (list them)
 * and `--id ID` (one of them: the organization or project id, the cluster's name),
 * `--format short|full` (the same as ours) and `--debug` (ours traces HTTP).
 *
 * `legacyArgv` turns such a command line into the new one before commander parses it,
 * and says so in one line for stderr (never stdout, which carries the data). The line is
 * written after the command succeeded, so that an error stays the one line (or the one
 * JSON document) on stderr that scripts read.
 */
import { UsageError } from '../errors.js';

const RESOURCES = {
  organization: 'org',
  project: 'project',
  cluster: 'cluster',
} as const;

/** The old flags that are only spelled differently now. */
const RENAMED: Readonly<Record<string, string>> = {
  '--publickey': '--public-key',
  '--privatekey': '--private-key',
  '--atlasgroup': '--project',
};
/**
 * Old spellings commander still takes as they are: `--atlasgroup` is the contract's alias
 * of --project, so errors name it as typed, and with a new command it needs no note.
 */
const KEPT = new Set(['--atlasgroup']);

/** The old tool's own flags (no counterpart among ours). */
const OLD_ONLY = new Set(['--resource', '--list', '--id']);

export interface LegacyArgv {
  argv: string[];
  /** The one line for stderr, when the command line used an old form. */
  notice?: string;
}

/** A word as it can be pasted into a shell. */
function shellWord(w: string): string {
  return /^[\w.:@/+-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`).replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`)}'`;
}

/**
 * Rewrites an old atlascli command line (`argv` without the program name) into the
 * new one. `takesValue` holds the global flags that take a value (`-o`, `--output`: their
 * values are not command words). Words after `--` are left alone.
 * @throws UsageError for a bad `--resource`, a flag without its value, or the old flags
 *   `--resource`/`--list`/`--id` beside a command of the new kind
 */
export function legacyArgv(argv: readonly string[], takesValue: ReadonlySet<string>): LegacyArgv {
  const out: string[] = [];
  const renamed: string[] = [];
  let resource: string | undefined;
  let id: string | undefined;
  let oldForm = false;
  let commandWord = false;
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i]!;
    if (w === '--') {
      out.push(...argv.slice(i));
      break;
    }
    if (!w.startsWith('-') || w === '-') {
      commandWord = true;
      const rest = argv.slice(i + 1);
      const end = rest.indexOf('--');
      const renamedRest = (end < 0 ? rest : rest.slice(0, end)).map((x) => rename(x, renamed));
      out.push(w, ...renamedRest, ...(end < 0 ? [] : rest.slice(end)));
      break;
    }
    const eq = w.indexOf('=');
    const flag = eq > 0 ? w.slice(0, eq) : w;
    const inline = eq > 0 ? w.slice(eq + 1) : undefined;
    if (OLD_ONLY.has(flag)) {
      oldForm = true;
      if (flag === '--list') {
        if (inline !== undefined) throw new UsageError('--list takes no value');
        continue;
      }
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= argv.length) throw new UsageError(`${flag} needs a value`);
        value = argv[++i]!;
      }
      if (flag === '--resource') resource = value;
      else id = value;
      continue;
    }
    out.push(rename(w, renamed));
    if (inline === undefined && (takesValue.has(flag) || RENAMED[flag] !== undefined) && i + 1 < argv.length) out.push(argv[++i]!);
  }
  const renames = [...new Set(renamed)].map((f) => `${f} is now ${RENAMED[f]}`);
  if (!oldForm) {
    const notes = [...new Set(renamed)].filter((f) => !KEPT.has(f)).map((f) => `${f} is now ${RENAMED[f]}`);
    return { argv: out, ...(notes.length ? { notice: `atlascli: note: ${notes.join(', ')}` } : {}) };
  }
  if (commandWord) {
    throw new UsageError(
      "--resource, --list and --id are the old atlascli's form, which has no command word",
      'give either the command (atlascli cluster list) or the old form (atlascli --resource cluster --list), not both',
    );
  }
  const kind = resource ?? 'cluster';
  const group = Object.hasOwn(RESOURCES, kind) ? RESOURCES[kind as keyof typeof RESOURCES] : undefined;
  if (!group) throw new UsageError(`invalid --resource "${kind}"`, `use one of: ${Object.keys(RESOURCES).join(', ')}`);
  // with --id, one of them; without it (with --list or not) the list, as the old tool's default
  const words = id === undefined ? [group, 'list'] : [group, 'get', id];
  const newForm = ['atlascli', ...words.map(shellWord)].join(' ');
  return {
    argv: [...out, ...words],
    notice: `atlascli: note: this is the old atlascli's form; the new one is: ${newForm}${renames.length ? ` (${renames.join(', ')})` : ''}`,
  };
}

/** `--publickey` → `--public-key` (also `--publickey=K`), noting the old name in `seen`. */
function rename(w: string, seen: string[]): string {
  const eq = w.indexOf('=');
  const flag = eq > 0 ? w.slice(0, eq) : w;
  const to = RENAMED[flag];
  if (to === undefined) return w;
  seen.push(flag);
  if (KEPT.has(flag)) return w;
  return eq > 0 ? `${to}${w.slice(eq)}` : to;
}
