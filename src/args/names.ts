/**
 * The names and ids commands take, checked before any request (a UsageError, exit 2,
 * otherwise): cluster names, `host:port` of a process, host names, Atlas ids, database
 * usernames. Plain checks with no dependency, so src/args/checks.ts can run them while
 * commander parses the command line, whatever the command.
 */
import { UsageError } from '../errors.js';

/**
 * Atlas's rule (spec: ClusterDescription20240805.name, pattern ^[a-zA-Z0-9][a-zA-Z0-9-]*$,
 * at most 64): ASCII letters, digits and hyphens, starting with a letter or digit. Atlas
 * builds the cluster's host names from the name (`<name>.<id>.mongodb.net`,
 * `<name>-shard-00-00…`), so it must also be a DNS label: it cannot end with a hyphen, and
 * the first 23 characters, the part Atlas keeps for host names, cannot end with one either
 * (Atlas: CLUSTER_NAME_INVALID, CLUSTER_NAME_TOO_LONG, CLUSTER_NAME_PREFIX_INVALID).
 */
const CLUSTER_NAME = /^[a-zA-Z0-9][a-zA-Z0-9-]*$/;
export const MAX_NAME = 64;
export const HOST_PREFIX = 23;

/**
 * A cluster name Atlas can take. `label` names the value in the message: `cluster name`
 * for an argument (the default), the flag for an option (`--target-cluster`).
 * @returns the name, unchanged
 * @throws UsageError for a missing, empty or malformed name
 */
export function checkClusterName(name: string | undefined, label = 'cluster name'): string {
  if (name === undefined || name === '') throw new UsageError(label === 'cluster name' ? 'missing cluster name' : `${label} is empty`);
  const rule = `use 1 to ${MAX_NAME} ASCII letters, digits and hyphens, starting with a letter or digit and not ending with a hyphen`;
  if (name.length > MAX_NAME || !CLUSTER_NAME.test(name)) throw new UsageError(`invalid ${label} "${name}"`, rule);
  if (name.endsWith('-') || name.slice(0, HOST_PREFIX).endsWith('-')) {
    throw new UsageError(
      `invalid ${label} "${name}": Atlas builds host names from it, and ${name.endsWith('-') ? 'it ends' : `its first ${HOST_PREFIX} characters end`} with a hyphen`,
      rule,
    );
  }
  return name;
}

/** A DNS host name, or an IPv4 address. */
const HOST = /^(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)*[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$|^(?:\d{1,3}\.){3}\d{1,3}$/i;

/**
 * `host:port` as Atlas names a process (processId).
 * @returns the host in lower case and the port: `atlas-x-shard-00-00.x.mongodb.net:27017`
 * @throws UsageError naming the form (and, for a host without a port, how to add it)
 */
export function parseProcessId(value: string): string {
  const m = /^([^:\s/]+):(\d{1,5})$/.exec(value.trim());
  if (!m || !HOST.test(m[1]!) || Number(m[2]) < 1 || Number(m[2]) > 65_535) {
    throw new UsageError(
      `invalid process "${value}": give host:port`,
      /^[^:\s/]+$/.test(value.trim())
        ? `add the port, e.g. ${value.trim()}:27017; \`atlascli process list\` shows them`
        : '`atlascli process list` shows the processes of the project',
    );
  }
  return `${m[1]!.toLowerCase()}:${m[2]}`;
}

/**
 * A host name (`host`, or `host:port` with the port dropped), as log downloads take it.
 * @returns the host name in lower case
 * @throws UsageError for anything that is not a host name
 */
export function parseHostname(value: string): string {
  const v = value.trim().replace(/:\d{1,5}$/, '');
  if (!HOST.test(v)) throw new UsageError(`invalid host name "${value}"`, '`atlascli process list` shows the hosts of the project');
  return v.toLowerCase();
}

const HEX24 = /^[0-9a-f]{24}$/i;

/**
 * An Atlas id: 24 hexadecimal characters. `what` names it (`snapshot id`, `--snapshot`).
 * @returns the id in lower case
 * @throws UsageError for a missing or malformed id
 */
export function checkObjectId(what: string, value: string | undefined, hint?: string): string {
  if (value === undefined || value === '') throw new UsageError(`missing ${what}`, hint);
  const v = value.trim();
  if (!HEX24.test(v)) throw new UsageError(`invalid ${what} "${value}": an id is 24 hexadecimal characters`, hint);
  return v.toLowerCase();
}

/**
 * A database username Atlas can take: 1 to 1024 characters, no control characters.
 * @returns the username, unchanged
 * @throws UsageError otherwise
 */
export function checkUsername(username: string | undefined): string {
  if (!username || username.length > 1024 || /[\u0000-\u001f\u007f]/.test(username)) {
    throw new UsageError(`invalid username "${username ?? ''}"`, 'give 1 to 1024 printable characters');
  }
  return username;
}

/**
 * A namespace as MongoDB names one: `<database>.<collection>` (the collection is all after
 * the first dot). The database name: 1 to 63 characters without `/\. "$` (MongoDB's
 * naming restrictions); the collection: not empty, no `$`, no NUL.
 * @returns the value, unchanged
 * @throws UsageError (exit 2) naming the flag
 */
export function parseNamespace(flag: string, value: string): string {
  const i = value.indexOf('.');
  const db = i < 0 ? value : value.slice(0, i);
  const coll = i < 0 ? '' : value.slice(i + 1);
  const example = 'give <database>.<collection>, e.g. sample_mflix.movies';
  if (i <= 0 || coll === '') throw new UsageError(`${flag} "${value}" is not a namespace`, example);
  if (db.length > 63 || /[/\\. "$\u0000]/.test(db))
    throw new UsageError(`${flag} "${value}": "${db}" is not a database name (at most 63 characters, none of / \\ . space " $)`, example);
  if (/[$\u0000]/.test(coll)) throw new UsageError(`${flag} "${value}": a collection name holds no $`, example);
  return value;
}

/**
 * An Atlas username: Atlas users sign in with their email address, and the spec gives
 * usernames `format: email` (Team.usernames, listOrgUsers `username`): an address as
 * checkEmail takes one.
 * @returns the username, unchanged
 * @throws UsageError otherwise
 */
export function checkAtlasUsername(value: string, label = 'username'): string {
  if (!isEmail(value)) {
    throw new UsageError(`invalid ${label} "${value}": Atlas usernames are email addresses`, '`atlascli org users` lists the users of the organization');
  }
  return value;
}

/** A service account's client id, as Atlas makes them (spec: the `clientId` path parameter's pattern). */
const CLIENT_ID = /^mdb_sa_id_[a-fA-F\d]{24}$/;

/**
 * A service account's client id: `mdb_sa_id_` and 24 hexadecimal characters.
 * @returns the id, unchanged
 * @throws UsageError otherwise
 */
export function checkClientId(value: string | undefined): string {
  if (!value || !CLIENT_ID.test(value)) {
    throw new UsageError(`invalid client id "${value ?? ''}"`, 'a client id is mdb_sa_id_ and 24 hexadecimal characters; `atlascli service-account list` shows them');
  }
  return value;
}

/** An email address as Atlas takes one (see checkEmail). */
function isEmail(v: string): boolean {
  return v.length <= 254 && /^[^\s@"(),:;<>[\\\]]+@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i.test(v) && !v.startsWith('.') && !v.includes('..');
}

/**
 * An email address as Atlas takes one for a username (spec: `format: email`): one @, a
 * local part, and a domain of dot-separated labels ending in a label of letters; no spaces.
 * @returns the address, unchanged
 * @throws UsageError otherwise
 */
export function checkEmail(value: string | undefined): string {
  const v = value ?? '';
  if (!isEmail(v)) {
    throw new UsageError(`invalid email address "${v}"`, 'give the address the person signs in to Atlas with, e.g. jane@example.com');
  }
  return v;
}
