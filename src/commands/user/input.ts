/**
 * What `user create|update` take, checked before any request (a UsageError, exit 2,
 * otherwise): roles (`role@db[.collection]`), scopes (`cluster:NAME`), the
 * authentication method and its auth database, usernames.
 */
import { UsageError } from '../../errors.js';
import { closestNames } from '../../args/suggest.js';
import { checkClusterName } from '../../args/names.js';

/** A role as Atlas takes it (DatabaseUserRole). */
export interface DatabaseUserRole {
  roleName: string;
  databaseName: string;
  collectionName?: string;
}

/** A scope as Atlas takes it (UserScope). */
export interface UserScope {
  name: string;
  type: 'CLUSTER' | 'DATA_LAKE' | 'STREAM';
}

/** Built-in roles valid on any database (a collection narrows read and readWrite). */
export const DATABASE_ROLES = ['read', 'readWrite', 'dbAdmin'] as const;
/** Built-in roles that exist on `admin` only. */
export const ADMIN_ROLES = ['atlasAdmin', 'readAnyDatabase', 'readWriteAnyDatabase', 'dbAdminAnyDatabase', 'clusterMonitor', 'backup', 'enableSharding'] as const;
export const BUILT_IN_ROLES: readonly string[] = [...DATABASE_ROLES, ...ADMIN_ROLES];
const COLLECTION_ROLES = ['read', 'readWrite'];

/** Atlas's rule for custom role names (ATLAS_CUSTOM_ROLE_INVALID_NAME). */
const CUSTOM_ROLE = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
/** Characters a MongoDB database name cannot hold. */
const BAD_DB_CHARS = /[/\\. "$*<>:|?]/;

export interface ParsedRole {
  role: DatabaseUserRole;
  /** The name is not a built-in role: it must be one of the project's custom roles (checkCustomRoles). */
  custom?: boolean;
}

/**
 * `role@db[.collection]`: the collection is everything after the first dot
 * (`read@sales.orders.2024` is database `sales`, collection `orders.2024`). Without
 * `@db` an admin-only role goes on `admin`; other built-in roles need a database. Built-in
 * roles are checked (the any-database ones only on `admin`; a wrongly cased one is an
 * error); another name is marked `custom`: it must name one of the project's custom roles,
 * which checkCustomRoles checks against the project's list, and is granted on `admin`
 * (its name alone, or `name@admin`), as Atlas requires.
 * @throws UsageError (exit 2) naming the flag and the value
 */
export function parseRole(text: string, flag = '--role'): ParsedRole {
  const at = text.indexOf('@');
  const roleName = (at < 0 ? text : text.slice(0, at)).trim();
  const rest = at < 0 ? undefined : text.slice(at + 1);
  if (!roleName) throw new UsageError(`invalid ${flag} "${text}": no role name`, 'use role@database[.collection], e.g. readWrite@sales');
  const cased = BUILT_IN_ROLES.find((r) => r.toLowerCase() === roleName.toLowerCase());
  if (cased && cased !== roleName) throw new UsageError(`invalid ${flag} "${text}": role names are case-sensitive`, `did you mean ${cased}?`);
  const adminOnly = (ADMIN_ROLES as readonly string[]).includes(roleName);
  let databaseName: string;
  let collectionName: string | undefined;
  if (rest === undefined) {
    // a custom role is granted on admin (below): its name alone is enough
    if (!adminOnly && cased) throw new UsageError(`invalid ${flag} "${text}": name the database, e.g. ${roleName}@sales`);
    databaseName = 'admin';
  } else {
    const dot = rest.indexOf('.');
    databaseName = dot < 0 ? rest : rest.slice(0, dot);
    collectionName = dot < 0 ? undefined : rest.slice(dot + 1);
    if (!databaseName || BAD_DB_CHARS.test(databaseName)) {
      throw new UsageError(`invalid ${flag} "${text}": "${databaseName}" is not a database name`, 'use role@database[.collection], e.g. read@sales.orders');
    }
    if (collectionName !== undefined && !collectionName) throw new UsageError(`invalid ${flag} "${text}": empty collection name after the dot`);
  }
  if (adminOnly && databaseName !== 'admin') {
    throw new UsageError(`invalid ${flag} "${text}": ${roleName} exists on the admin database only`, `use ${roleName}@admin`);
  }
  if (cased && collectionName !== undefined && !COLLECTION_ROLES.includes(roleName)) {
    throw new UsageError(`invalid ${flag} "${text}": ${roleName} cannot be limited to a collection`, 'only read and readWrite take @database.collection');
  }
  if (!cased && !CUSTOM_ROLE.test(roleName)) {
    throw new UsageError(`invalid ${flag} "${text}": "${roleName}" is neither a built-in role nor a valid custom role name`, `built-in roles: ${BUILT_IN_ROLES.join(', ')}`);
  }
  const role: DatabaseUserRole = { databaseName, roleName };
  if (collectionName !== undefined) role.collectionName = collectionName;
  return cased ? { role } : { role, custom: true };
}

/**
 * Roles that are not built in must be custom roles of the project: `custom` is the
 * project's list (operation listGroupCustomDbRoleRoles). `given` pairs each parsed role
 * with the flag and text it came from.
 * @throws UsageError (exit 2) for the first role that is neither, with the closest
 *   names, built in or custom, as the hint (`did you mean readWrite?`); and for a custom
 *   role granted on another database than admin, or on a collection (Atlas: 400
 *   UNSUPPORTED_ROLE)
 */
export function checkCustomRoles(given: ReadonlyArray<{ flag: string; text: string; parsed: ParsedRole }>, custom: readonly string[], project: string): void {
  for (const { flag, text, parsed } of given) {
    const name = parsed.role.roleName;
    if (!parsed.custom) continue;
    if (custom.includes(name)) {
      // Atlas grants a custom role on admin only (400 UNSUPPORTED_ROLE otherwise): the
      // databases it reaches are in its privileges
      const { databaseName, collectionName } = parsed.role;
      if (databaseName === 'admin' && collectionName === undefined) continue;
      throw new UsageError(
        `invalid ${flag} "${text}": ${name} is a custom role, granted on the admin database only (its privileges name the databases it reaches)`,
        `use ${flag} ${name}`,
      );
    }
    const close = closestNames(name, [...BUILT_IN_ROLES, ...custom]);
    throw new UsageError(
      `invalid ${flag} "${text}": ${name} is neither a built-in role nor a custom role of project ${project}`,
      close.length
        ? `did you mean ${close.join(', ')}?`
        : `built-in roles: ${BUILT_IN_ROLES.join(', ')}; ${custom.length ? `custom roles: ${custom.join(', ')}` : 'the project has no custom roles'}`,
    );
  }
}

/** Roles in a compact form: `readWrite@sales, read@sales.orders`. */
export function formatRole(r: { roleName?: string; databaseName?: string; collectionName?: string }): string {
  return `${r.roleName ?? '?'}@${r.databaseName ?? '?'}${r.collectionName ? `.${r.collectionName}` : ''}`;
}

export function sameRole(a: DatabaseUserRole, b: DatabaseUserRole): boolean {
  return a.roleName === b.roleName && a.databaseName === b.databaseName && (a.collectionName ?? '') === (b.collectionName ?? '');
}

const SCOPE_TYPES: Record<string, UserScope['type']> = { cluster: 'CLUSTER', 'data-lake': 'DATA_LAKE', datalake: 'DATA_LAKE', stream: 'STREAM' };

/** `--scope cluster:NAME` (also `data-lake:NAME`, `stream:NAME`). */
export function parseScope(text: string): UserScope {
  const i = text.indexOf(':');
  const kind = i < 0 ? '' : text.slice(0, i).toLowerCase();
  const name = i < 0 ? '' : text.slice(i + 1);
  const type = SCOPE_TYPES[kind];
  if (!type || !name) throw new UsageError(`invalid --scope "${text}"`, 'use cluster:NAME (or data-lake:NAME, stream:NAME)');
  // a cluster is named as everywhere else (src/args/names.ts); data lakes and stream instances by the same characters
  if (type === 'CLUSTER') checkClusterName(name, '--scope cluster');
  else if (!/^[a-zA-Z0-9][a-zA-Z0-9-]*$/.test(name)) throw new UsageError(`invalid --scope "${text}": "${name}" is not a name of letters, digits and hyphens`);
  return { name, type };
}

/** How a database user authenticates, and the auth database that follows from it. */
export interface AuthMethod {
  /** the body fields that say so (awsIAMType: ROLE, …); empty for SCRAM */
  fields: Record<string, string>;
  databaseName: 'admin' | '$external';
  /** a SCRAM user: has a password */
  password: boolean;
  label: string;
}

export interface AuthOptions {
  awsIam?: string;
  x509?: string;
  oidc?: string;
  ldap?: string;
}

const METHODS: Array<{ flag: keyof AuthOptions; cli: string; field: string; values: string[]; db: (v: string) => 'admin' | '$external' }> = [
  { flag: 'awsIam', cli: '--aws-iam', field: 'awsIAMType', values: ['USER', 'ROLE'], db: () => '$external' },
  { flag: 'x509', cli: '--x509', field: 'x509Type', values: ['MANAGED', 'CUSTOMER'], db: () => '$external' },
  { flag: 'oidc', cli: '--oidc', field: 'oidcAuthType', values: ['IDP_GROUP', 'USER'], db: (v) => (v === 'USER' ? '$external' : 'admin') },
  // an LDAP group is on admin (Atlas refuses $external: DATABASE_NAME_INVALID_ADMIN), an LDAP user on $external
  { flag: 'ldap', cli: '--ldap', field: 'ldapAuthType', values: ['USER', 'GROUP'], db: (v) => (v === 'GROUP' ? 'admin' : '$external') },
];

/** At most one of --aws-iam, --x509, --oidc, --ldap; none is a password (SCRAM) user on `admin`. */
export function parseAuthMethod(opts: AuthOptions): AuthMethod {
  const given = METHODS.filter((m) => opts[m.flag] !== undefined);
  if (given.length > 1) throw new UsageError(`give one authentication method: ${given.map((m) => m.cli).join(' and ')} cannot go together`);
  const m = given[0];
  if (!m) return { fields: {}, databaseName: 'admin', password: true, label: 'password (SCRAM)' };
  const value = String(opts[m.flag]).toUpperCase();
  if (!m.values.includes(value)) throw new UsageError(`invalid ${m.cli} "${opts[m.flag]}"`, `use ${m.values.join(' or ')}`);
  return { fields: { [m.field]: value }, databaseName: m.db(value), password: false, label: `${m.cli} ${value}` };
}

/** `--auth-db`: `admin` or `$external`. */
export function parseAuthDb(value: string | undefined, username: string): 'admin' | '$external' {
  if (value === undefined) return guessAuthDb(username);
  if (value === 'admin' || value === '$external') return value;
  if (value === 'external') return '$external';
  throw new UsageError(`invalid --auth-db "${value}"`, "use admin (password and OIDC workforce users) or '$external' (AWS IAM, x.509, LDAP, OIDC workload)");
}

/**
 * The attribute types a distinguished name may start with: the short names of RFC 4514
 * (CN, L, ST, O, OU, C, STREET, DC, UID) and the X.520 and PKCS #9 ones certificate
 * subjects use (SERIALNUMBER, emailAddress, title…), or an OID (`2.5.4.3=`).
 */
const DN_START =
  /^(?:CN|L|ST|S|O|OU|C|STREET|DC|UID|SERIALNUMBER|E|EMAIL|EMAILADDRESS|T|TITLE|GN|GIVENNAME|SN|SURNAME|INITIALS|GENERATIONQUALIFIER|DNQUALIFIER|PSEUDONYM|POSTALCODE|POSTOFFICEBOX|BUSINESSCATEGORY|NAME|DESCRIPTION|UNSTRUCTUREDNAME|ORGANIZATIONIDENTIFIER|\d+(?:\.\d+)+)\s*=[^,]+(?:,|$)/i;

/**
 * AWS IAM users are ARNs and x.509/LDAP users distinguished names, on `$external`;
 * others on `admin`. A distinguished name is recognised by whichever RDN it starts with
 * (`CN=…`, `C=US,ST=…,CN=…`, `2.5.4.3=…`).
 */
export function guessAuthDb(username: string): 'admin' | '$external' {
  if (/^arn:aws[\w-]*:iam::/.test(username) || DN_START.test(username)) return '$external';
  return 'admin';
}

export { checkUsername } from '../../args/names.js';
