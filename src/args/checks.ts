/**
 * The checks every value on the command line gets while commander parses it, before any
 * command runs and so before any request: one mechanism for every option and argument
 * of every command, installed on the whole tree (src/program/cli.ts calls
 * `checkValuesOf` on each command it configures).
 *
 * - An empty value is refused (`--type ""`, `--cluster=`, `cluster get ""`): commander
 *   would hand it over as a value that the command then silently ignores.
 * - A control character is refused (C0, DEL, C1, U+2028/U+2029: an ESC in `--comment`,
 *   a newline in `--description`): Atlas would store it, and every later listing would
 *   send it to a terminal.
 * - A value of a known kind is checked as that kind, whichever command takes it: a
 *   cluster name (`cluster get <name>`, `metrics cluster <name>`, `backup … <cluster>`,
 *   `--cluster`, `--target-cluster`, the cluster of `--scope cluster:NAME`), a process
 *   `host:port`, a host name, an Atlas id, a database username, a namespace (`--namespace db.coll`). `valueKind` says which
 *   kind an argument or option is; the command's own parser still turns the value into
 *   what it sends.
 * Words a command passes on untouched (`whitelist exec -- <command…>`, the parameters of
 * `api <operationId>`, which it checks itself against the spec) are left alone.
 */
import type { Argument, CommandUnknownOpts as Command, Option } from '@commander-js/extra-typings';
import { UsageError } from '../errors.js';
import { firstControl } from '../output/printable.js';
import { checkAtlasUsername, checkClientId, checkClusterName, checkEmail, checkObjectId, checkUsername, parseHostname, parseNamespace, parseProcessId } from './names.js';
import { parseRole } from './roles.js';

/** What a value on the command line is, for the check it gets. */
export type ValueKind =
  | 'text'
  | 'cluster'
  | 'clusters'
  | 'scope'
  | 'processId'
  | 'hostname'
  | 'objectId'
  | 'username'
  | 'namespace'
  | 'atlasUsername'
  | 'orgRole'
  | 'groupRole'
  | 'clientId'
  | 'email'
  | 'passthrough';

/** The commands whose `--role` is an organization role (ORG_*), not a database role. */
const ORG_ROLE_COMMANDS = new Set(['org api-keys create', 'org api-keys update', 'service-account create', 'invitation create']);

/** Ids taken as arguments or options: what the message calls them, and where to find them. */
const IDS: Readonly<Record<string, { what: string; hint?: string }>> = {
  userId: { what: 'user id', hint: 'an Atlas user id is 24 hexadecimal characters; `atlascli project users` shows them' },
  snapshotId: { what: 'snapshot id', hint: '`atlascli backup snapshot list <cluster>` shows them' },
  jobId: { what: 'restore job id', hint: '`atlascli backup restore list <cluster>` shows them' },
  alertId: { what: 'alert id', hint: 'an alert id is 24 hexadecimal digits; `atlascli alert list` shows them' },
  alertConfigId: { what: 'alert configuration id', hint: 'an alert configuration id is 24 hexadecimal digits; `atlascli alert config list` shows them' },
  keyId: { what: 'API key id', hint: 'an API key id is 24 hexadecimal characters; `atlascli org api-keys list` shows them' },
  indexId: { what: 'search index id', hint: 'an index id is 24 hexadecimal characters; `atlascli search-index list <cluster>` shows them' },
  secretId: { what: 'secret id', hint: '`atlascli service-account get <clientId>` shows the ids of its secrets' },
  invitationId: { what: 'invitation id', hint: '`atlascli invitation list` shows them' },
  roleId: { what: 'cloud provider access role id', hint: '`atlascli cloud-access list` shows them' },
  serviceId: { what: 'private endpoint service id', hint: '`atlascli private-endpoint list` shows them' },
  containerId: { what: 'network container id', hint: '`atlascli network container list` shows them' },
  '--container': { what: '--container', hint: '`atlascli network container list` shows the containers' },
  peerId: { what: 'network peering connection id', hint: '`atlascli network peering list` shows them' },
  '--snapshot': { what: '--snapshot', hint: '`atlascli backup snapshot list <cluster>` shows the snapshots' },
  // an id whose meaning depends on the command: keyed by command path and name
  'cluster sample-data status jobId': { what: 'sample data load job id', hint: '`atlascli cluster sample-data load <cluster>` prints it' },
};

/** The IDS key of an argument or option of the command at `path`: its own entry first, then the name's. */
const idKey = (path: string, name: string): string | undefined => (Object.hasOwn(IDS, `${path} ${name}`) ? `${path} ${name}` : Object.hasOwn(IDS, name) ? name : undefined);

/** What to give instead of an empty value, where more can be said than "a value". */
const EMPTY_HINTS: Readonly<Record<string, string>> = {
  '--out': 'give a file name, or --out - for stdout',
  '--out-dir': 'give a folder, or leave --out-dir out for the current one',
};

/**
 * The kind of an argument (`name`, as declared: `cluster get <name>` → `name`) or of an
 * option (`--cluster`) of the command at `path` (`cluster get`, `event list`).
 */
export function valueKind(path: string, name: string): ValueKind {
  if ((path === 'whitelist exec' && name === 'command') || (path === 'api' && name === 'params')) return 'passthrough';
  if (name === '--cluster') return path === 'event list' ? 'clusters' : 'cluster';
  if (name === 'cluster' || name === '--target-cluster') return 'cluster';
  if (name === 'name' && (path.startsWith('cluster ') || path === 'metrics cluster' || path === 'logs cluster')) return 'cluster';
  if (name === '--scope') return 'scope';
  if (name === 'host:port') return 'processId';
  if (name === 'hostname') return 'hostname';
  if (idKey(path, name)) return 'objectId';
  if (name === '--namespace') return 'namespace';
  if (Object.hasOwn(IDS, name)) return 'objectId';
  if (name === 'username' && path.startsWith('user ')) return 'username';
  // Atlas (cloud) users: teams take them by username, an email address
  if ((path === 'team create' && name === '--user') || (path.startsWith('team users ') && name === 'usernames')) return 'atlasUsername';
  if (path === 'project teams add' && name === '--role') return 'groupRole';
  if (name === '--role' && ORG_ROLE_COMMANDS.has(path)) return 'orgRole';
  if (name === '--project-role') return 'groupRole';
  if (name === 'clientId') return 'clientId';
  if (name === 'email' || name === '--email') return 'email';
  return 'text';
}

/**
 * The checks of one value: not empty, no control character, then its kind's.
 * `label` names it in messages: the flag (`--comment`) or the argument (`<name>`).
 * @returns the value, unchanged
 * @throws UsageError (exit 2)
 */
export function checkValue(kind: ValueKind, name: string, label: string, value: string): string {
  if (kind === 'passthrough') return value;
  if (value === '') {
    const hint = EMPTY_HINTS[label] ?? (label.startsWith('-') ? `give a value, or leave ${label} out` : 'give a value');
    throw new UsageError(`${label} is empty`, hint);
  }
  const control = firstControl(value);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    throw new UsageError(`${label} holds a control character (U+${code}, character ${control.index + 1})`, 'give it without escape sequences, tabs or line breaks');
  }
  switch (kind) {
    case 'cluster':
      checkClusterName(value, label.startsWith('-') ? label : 'cluster name');
      break;
    case 'clusters':
      for (const c of value
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean))
        checkClusterName(c);
      break;
    case 'scope': {
      const i = value.indexOf(':');
      if (i > 0 && value.slice(0, i).toLowerCase() === 'cluster') checkClusterName(value.slice(i + 1), `${label} cluster`);
      break;
    }
    case 'processId':
      parseProcessId(value);
      break;
    case 'hostname':
      parseHostname(value);
      break;
    case 'objectId':
      checkObjectId(IDS[name]!.what, value, IDS[name]!.hint);
      break;
    case 'username':
      checkUsername(value);
      break;
    case 'namespace':
      parseNamespace(label, value);
      break;
    case 'atlasUsername':
      checkAtlasUsername(value, label.startsWith('-') ? `${label} username` : 'username');
      break;
    case 'orgRole':
      parseRole('org', label, value);
      break;
    case 'groupRole':
      parseRole('group', label, value);
      break;
    case 'clientId':
      checkClientId(value);
      break;
    case 'email':
      checkEmail(value);
      break;
    case 'text':
      break;
  }
  return value;
}

/** `cluster get` for the command `atlascli cluster get`. */
function pathOf(cmd: Command): string {
  const names: string[] = [];
  for (let c: Command | null = cmd; c?.parent; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

type Parser = (value: string, previous: unknown) => unknown;
const checked = new WeakSet<Option | Argument>();

/**
 * Puts the checks in front of the parser of every option that takes a value and of every
 * argument of `cmd` (not its subcommands): commander runs them as it reads the command
 * line. A parser the definition gave (`collect` for a repeatable option) runs after them;
 * without one, the value is kept as commander keeps it. Safe to call twice.
 */
export function checkValuesOf(cmd: Command): void {
  const path = pathOf(cmd);
  for (const o of cmd.options) {
    if (!(o.required || o.optional) || checked.has(o)) continue;
    checked.add(o);
    const name = o.long ?? o.short ?? o.name();
    const kind = valueKind(path, name);
    const inner = o.parseArg as Parser | undefined;
    const key = idKey(path, name) ?? name;
    const parse: Parser = (value, previous) => {
      checkValue(kind, key, name, value);
      if (inner) return inner(value, previous);
      // commander's own handling of a repeatable value (`--tag a --tag b`)
      if (o.variadic) return previous === o.defaultValue || !Array.isArray(previous) ? [value] : [...previous, value];
      return value;
    };
    o.argParser(parse as never);
  }
  for (const a of cmd.registeredArguments) {
    if (checked.has(a)) continue;
    checked.add(a);
    const kind = valueKind(path, a.name());
    if (kind === 'passthrough') continue;
    const label = `<${a.name()}>`;
    const inner = a.parseArg as Parser | undefined;
    const key = idKey(path, a.name()) ?? a.name();
    const parse: Parser = (value, previous) => {
      checkValue(kind, key, label, value);
      if (inner) return inner(value, previous);
      // a variadic argument's parser folds its words into the array commander would make
      if (a.variadic) return [...(Array.isArray(previous) ? previous : []), value];
      return value;
    };
    a.argParser(parse as never);
  }
}

/**
 * A flag a command cannot do without (the house's way, rather than commander's
 * requiredOption, so the error can carry a hint): the value when given.
 * @throws UsageError `--region is required` (exit 2) when it is undefined
 */
export function requiredFlag<T>(value: T | undefined, flag: string, hint?: string): T {
  if (value === undefined) throw new UsageError(`${flag} is required`, hint);
  return value;
}
