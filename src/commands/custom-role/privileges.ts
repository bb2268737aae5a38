/**
 * The values of `custom-role`: role names, privileges (`ACTION[,ACTION]@db[.collection]`,
 * or `ACTION[,ACTION]` alone for the cluster resource) and inherited roles (`role@db`),
 * checked before any request against the spec (DatabasePrivilegeAction.action's enum).
 */
import { UsageError } from '../../errors.js';
import { schemaIndex } from '../../spec/index.js';
import { suggestionHint } from '../../args/suggest.js';
import { BUILT_IN_ROLES } from '../user/input.js';
import { CLUSTER_ACTIONS, isClusterAction } from '../../spec/privilege-actions.js';

/** A privilege action with the resources it is granted on (spec: DatabasePrivilegeAction). */
export interface PrivilegeAction {
  action: string;
  resources: Array<{ cluster: boolean; collection: string; db: string }>;
}

/** An inherited role (spec: DatabaseInheritedRole). */
export interface InheritedRole {
  db: string;
  role: string;
}

let actionCache: string[] | undefined;

/** The privilege actions the spec offers (DatabasePrivilegeAction.action's enum), in its order. */
export function privilegeActions(): string[] {
  if (!actionCache) {
    const schema = schemaIndex().schemas.DatabasePrivilegeAction as { properties?: { action?: { enum?: unknown[] } } } | undefined;
    actionCache = (schema?.properties?.action?.enum ?? []).filter((x): x is string => typeof x === 'string');
  }
  return actionCache;
}

/** Atlas's rule for a custom role's name (error ATLAS_CUSTOM_ROLE_INVALID_NAME). */
const ROLE_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const BAD_DB_CHARS = /[/\\. "$*<>:|?]/;

/**
 * A custom role's name: ASCII letters, digits, hyphens and underscores, starting with a
 * letter or digit; not a built-in role's name, not `xgen-…` (reserved by Atlas).
 * @throws UsageError (exit 2)
 */
export function checkRoleName(name: string | undefined, creating = false): string {
  const n = name ?? '';
  if (!ROLE_NAME.test(n)) {
    throw new UsageError(`invalid custom role name "${n}"`, 'use ASCII letters, digits, hyphens and underscores, starting with a letter or digit');
  }
  if (creating && BUILT_IN_ROLES.includes(n)) throw new UsageError(`"${n}" is a built-in role: a custom role needs another name`);
  if (creating && n.startsWith('xgen-')) throw new UsageError(`invalid custom role name "${n}": the prefix xgen- is reserved by Atlas`);
  return n;
}

/** `find` and `list-collections` are read as FIND and LIST_COLLECTIONS. */
function parseAction(word: string, text: string): string {
  const a = word.trim().toUpperCase().replace(/-/g, '_');
  const offered = privilegeActions();
  if (!a) throw new UsageError(`invalid --privilege "${text}": an empty action`, 'use ACTION[,ACTION]@db[.collection], e.g. FIND,INSERT@sales.orders');
  if (offered.length && !offered.includes(a)) throw new UsageError(`invalid --privilege "${text}": unknown action ${a}`, suggestionHint(a, offered, 'privilege actions'));
  return a;
}

/**
 * One `--privilege`: `FIND,INSERT@sales.orders` (collection orders of database sales),
 * `FIND@sales` (every collection of sales), `LIST_SESSIONS` (no @: the cluster resource).
 * The collection is everything after the first dot.
 * @throws UsageError (exit 2)
 */
export function parsePrivilege(text: string): PrivilegeAction[] {
  const at = text.indexOf('@');
  const actions = (at < 0 ? text : text.slice(0, at)).split(',').map((w) => parseAction(w, text));
  let resource: PrivilegeAction['resources'][number];
  if (at < 0) {
    const notCluster = actions.filter((a) => !isClusterAction(a));
    if (notCluster.length) {
      throw new UsageError(
        `invalid --privilege "${text}": ${notCluster.join(', ')} ${notCluster.length > 1 ? 'do' : 'does'} not apply to the cluster (no @db given)`,
        `name a database (${notCluster[0]}@sales or ${notCluster[0]}@sales.orders); actions on the cluster: ${CLUSTER_ACTIONS.join(', ')}`,
      );
    }
    resource = { cluster: true, collection: '', db: '' };
  } else {
    const rest = text.slice(at + 1);
    const dot = rest.indexOf('.');
    const db = dot < 0 ? rest : rest.slice(0, dot);
    const collection = dot < 0 ? '' : rest.slice(dot + 1);
    if (!db || BAD_DB_CHARS.test(db))
      throw new UsageError(`invalid --privilege "${text}": "${db}" is not a database name`, 'use ACTION[,ACTION]@db[.collection], e.g. FIND@sales.orders');
    if (dot >= 0 && !collection) throw new UsageError(`invalid --privilege "${text}": empty collection name after the dot`);
    resource = { cluster: false, collection, db };
  }
  return actions.map((action) => ({ action, resources: [{ ...resource }] }));
}

/**
 * Every `--privilege` merged as Atlas wants them: one entry per action, with all of its
 * resources (Atlas refuses an action twice: ATLAS_DUPLICATE_CUSTOM_ROLE_ACTION, and a
 * resource twice on one action: ATLAS_DUPLICATE_CUSTOM_ROLE_RESOURCE), in the order given.
 */
export function parsePrivileges(texts: readonly string[]): PrivilegeAction[] {
  const byAction = new Map<string, PrivilegeAction>();
  for (const p of texts.flatMap(parsePrivilege)) {
    const have = byAction.get(p.action);
    if (!have) {
      byAction.set(p.action, p);
      continue;
    }
    for (const r of p.resources) {
      if (!have.resources.some((x) => x.cluster === r.cluster && x.db === r.db && x.collection === r.collection)) have.resources.push(r);
    }
  }
  return [...byAction.values()];
}

/**
 * One `--inherit role@db`: a built-in role (its case checked) or another custom role of
 * the project (Atlas checks that it exists: ATLAS_INVALID_CUSTOM_ROLE_INHERITANCE).
 * @throws UsageError (exit 2)
 */
export function parseInherit(text: string): InheritedRole {
  const at = text.indexOf('@');
  const role = (at < 0 ? text : text.slice(0, at)).trim();
  const db = at < 0 ? '' : text.slice(at + 1);
  if (!role || at < 0 || !db) throw new UsageError(`invalid --inherit "${text}"`, 'use role@db, e.g. read@sales or readAnyDatabase@admin');
  if (BAD_DB_CHARS.test(db)) throw new UsageError(`invalid --inherit "${text}": "${db}" is not a database name`, 'use role@db; a role is inherited on a whole database');
  const cased = BUILT_IN_ROLES.find((r) => r.toLowerCase() === role.toLowerCase());
  if (cased && cased !== role) throw new UsageError(`invalid --inherit "${text}": role names are case-sensitive`, `did you mean ${cased}?`);
  if (!cased) checkRoleName(role);
  return { db, role };
}

/** The inherited roles, each once. */
export function parseInherits(texts: readonly string[]): InheritedRole[] {
  const out: InheritedRole[] = [];
  for (const r of texts.map(parseInherit)) if (!out.some((x) => x.db === r.db && x.role === r.role)) out.push(r);
  return out;
}

/**
 * The `--inherit` texts as checkRoleNames (../user/run.ts) takes roles: the ones not built in
 * are marked `custom`, to be checked against the project's custom roles before anything is
 * written, as `user create --role` is.
 * @throws UsageError (exit 2) as parseInherit
 */
export function inheritsToCheck(texts: readonly string[]): Array<{ flag: string; text: string; parsed: { role: { databaseName: string; roleName: string }; custom: boolean } }> {
  return texts.map((text) => {
    const r = parseInherit(text);
    return { flag: '--inherit', text, parsed: { role: { databaseName: r.db, roleName: r.role }, custom: !BUILT_IN_ROLES.includes(r.role) } };
  });
}
