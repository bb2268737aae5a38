// Database users: listGroupDatabaseUsers, createGroupDatabaseUser, getGroupDatabaseUser,
// updateGroupDatabaseUser, deleteGroupDatabaseUser at /databaseUsers/{databaseName}/{username}.
//
// Rules, as Atlas applies them (recordings in shared/atlas-api/recorded/generic/dbusers,
// Atlas's error-code reference: mongodb/docs content/atlas/source/reference/api-errors.txt,
// mongodb.com/docs/atlas/reference/api-errors):
// - documents carry awsIAMType, databaseName, deleteAfterDate (temporary users),
//   groupId, labels, ldapAuthType, links, oidcAuthType, roles, scopes, username,
//   x509Type, in that order; the password is never returned;
// - SCRAM users (every *Type NONE), LDAP groups (ldapAuthType GROUP) and OIDC IDP_GROUP
//   users authenticate on `admin`; AWS IAM, x.509, LDAP USER and OIDC USER users on
//   `$external`. Another database is 400 DATABASE_NAME_INVALID_ADMIN ("Database name
//   invalid. %s can only be created on the admin database.") or
//   DATABASE_NAME_INVALID_EXTERNAL ("… Externally authenticated users can only be created
//   on the $external database."), both from the error-code reference. A SCRAM user needs a
//   password, the others take none;
// - an AWS IAM user's username is the ARN of an IAM user (USER) or role (ROLE): anything
//   else is 400 ATLAS_INVALID_AWS_IAM_ARN "The ARN specified in the username field, %s, is
//   not valid for AWS IAM type %s." (real answers quoted in crossplane-contrib/
//   provider-mongodbatlas#22 and mongodb/mongodb-atlas-cli#282);
// - a role is a built-in role (spec: DatabaseUserRole.roleName's enum) or one of the
//   project's custom roles (resources/custom-roles.ts); any other is 400 ATLAS_INVALID_ROLE
//   "The specified role %s@%s does not exist." (error-code reference); the any-database
//   roles exist on `admin` only (400 ATLAS_INVALID_ROLE_DATABASE), and so are custom roles
//   granted (400 UNSUPPORTED_ROLE otherwise: see checkRoles);
// - deleteAfterDate lies in the future, at most a week ahead; x.509 users cannot be
//   temporary (400 ATLAS_X509_USER_CANNOT_BE_TEMPORARY); past it the user is gone;
// - 404 USERNAME_NOT_FOUND, 409 DUPLICATE_DATABASE_USER.
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { DatabaseUserRecord, Json, SimulatorState } from '../state.js';
import { checkDeleteAfter } from './access-list.js';
import { customRoleNames } from './custom-roles.js';

import { ADMIN_ONLY_ROLES, BUILT_IN_ROLES } from './builtin-roles.js';

export { ADMIN_ONLY_ROLES, BUILT_IN_ROLES };
/** An IAM user's or role's ARN, in any AWS partition (aws, aws-cn, aws-us-gov). */
const IAM_ARN: Record<string, RegExp> = {
  USER: /^arn:aws(-[a-z]+)*:iam::\d{12}:user\/.+/,
  ROLE: /^arn:aws(-[a-z]+)*:iam::\d{12}:role\/.+/,
};

const key = (groupId: string, db: string, username: string) => `${groupId}/${db}/${username}`;

// 404 USERNAME_NOT_FOUND "No user with username %s exists.": the Atlas API error-code list (docs: mongodb/docs content/atlas/source/reference/api-errors.txt, mongodb.com/docs/atlas/reference/api-errors); so are
// ATLAS_INVALID_ROLE_DATABASE, ATLAS_X509_USER_CANNOT_BE_TEMPORARY, ATLAS_INVALID_AUTH_SETTINGS and
// ATLAS_X509_USER_CANNOT_USE_SCRAM below (all 400, with the docs' wording)
export const usernameNotFound = (username: string) => new ApiError(404, 'USERNAME_NOT_FOUND', `No user with username ${username} exists.`, [username]);

function expireUsers(state: SimulatorState): void {
  const now = state.now();
  for (const [k, u] of state.databaseUsers) if (u.doc.deleteAfterDate && Date.parse(u.doc.deleteAfterDate) <= now) state.databaseUsers.delete(k);
}

export function renderDatabaseUser(base: string, u: DatabaseUserRecord): Json {
  const d = u.doc;
  const out: Json = { awsIAMType: d.awsIAMType, databaseName: d.databaseName };
  if (d.deleteAfterDate) out.deleteAfterDate = d.deleteAfterDate;
  if (d.description) out.description = d.description;
  Object.assign(out, {
    groupId: d.groupId,
    labels: d.labels,
    ldapAuthType: d.ldapAuthType,
    links: [link(base, `${V2}/groups/${d.groupId}/databaseUsers/${encodeURIComponent(d.databaseName)}/${encodeURIComponent(d.username)}`)],
    oidcAuthType: d.oidcAuthType,
    roles: d.roles,
    scopes: d.scopes,
    username: d.username,
    x509Type: d.x509Type,
  });
  return out;
}

/** The auth database a user of these types must use. */
function expectedDatabase(d: Json): string {
  const external = d.awsIAMType !== 'NONE' || d.x509Type !== 'NONE' || d.ldapAuthType === 'USER' || d.oidcAuthType === 'USER';
  return external ? '$external' : 'admin';
}

/** What kind of user can only be created on `admin`, for DATABASE_NAME_INVALID_ADMIN. */
function adminKind(d: Json): string {
  if (d.ldapAuthType === 'GROUP') return 'LDAP groups';
  if (d.oidcAuthType === 'IDP_GROUP') return 'OIDC workforce users';
  return 'SCRAM users';
}

function checkDatabase(d: Json): void {
  if (expectedDatabase(d) === d.databaseName) return;
  if (expectedDatabase(d) === 'admin') {
    throw new ApiError(400, 'DATABASE_NAME_INVALID_ADMIN', `Database name invalid. ${adminKind(d)} can only be created on the admin database.`, [adminKind(d)]);
  }
  throw new ApiError(400, 'DATABASE_NAME_INVALID_EXTERNAL', 'Database name invalid. Externally authenticated users can only be created on the $external database.');
}

function isScram(d: Json): boolean {
  return d.awsIAMType === 'NONE' && d.x509Type === 'NONE' && d.ldapAuthType === 'NONE' && d.oidcAuthType === 'NONE';
}

function checkRoles(state: SimulatorState, groupId: string, roles: Json[]): void {
  const custom = roles.some((r) => !BUILT_IN_ROLES.includes(r.roleName)) ? customRoleNames(state, groupId) : [];
  for (const r of roles) {
    if (!BUILT_IN_ROLES.includes(r.roleName) && !custom.includes(r.roleName)) {
      throw new ApiError(400, 'ATLAS_INVALID_ROLE', `The specified role ${r.roleName}@${r.databaseName} does not exist.`, [r.roleName, r.databaseName]);
    }
    if (ADMIN_ONLY_ROLES.includes(r.roleName) && r.databaseName !== 'admin') {
      throw new ApiError(400, 'ATLAS_INVALID_ROLE_DATABASE', `The specified role ${r.roleName} only exists for database admin.`, [r.roleName, 'admin']);
    }
    // a custom role lives on admin, whatever databases its privileges reach: granted on another
    // database (or a collection) Atlas answers 400 UNSUPPORTED_ROLE, "The provided role is not
    // supported." (the answer quoted in mongodb/terraform-provider-mongodbatlas#728; #1522 and
    // the provider's docs, PR #1862: "roles.database_name must be the 'admin' database when
    // assigning a custom role")
    if (!BUILT_IN_ROLES.includes(r.roleName) && (r.databaseName !== 'admin' || r.collectionName)) {
      throw new ApiError(400, 'UNSUPPORTED_ROLE', 'The provided role is not supported.');
    }
  }
}

function requireUser(ctx: Ctx): DatabaseUserRecord {
  const p = requireProject(ctx);
  expireUsers(ctx.state);
  const u = ctx.state.databaseUsers.get(key(p.id, ctx.params.databaseName, ctx.params.username));
  if (!u) throw usernameNotFound(ctx.params.username);
  return u;
}

function applyDates(state: SimulatorState, d: Json, deleteAfterDate: string | undefined): void {
  if (deleteAfterDate === undefined) return;
  if (d.x509Type !== 'NONE') throw new ApiError(400, 'ATLAS_X509_USER_CANNOT_BE_TEMPORARY', 'X.509 users cannot be temporary.');
  d.deleteAfterDate = checkDeleteAfter(state, deleteAfterDate);
}

export const databaseUserHandlers: HandlerTable = {
  listGroupDatabaseUsers: (ctx) => {
    const p = requireProject(ctx);
    expireUsers(ctx.state);
    const users = [...ctx.state.databaseUsers.values()].filter((u) => u.doc.groupId === p.id);
    return paginate(ctx, users, (u) => renderDatabaseUser(ctx.base, u));
  },

  createGroupDatabaseUser: (ctx) => {
    const p = requireProject(ctx);
    const b = ctx.body as Json;
    if (b.groupId !== p.id) throw errors.invalidAttribute('groupId', `the body names group ${b.groupId}, the path ${p.id}`);
    const d: Json = {
      awsIAMType: b.awsIAMType ?? 'NONE',
      databaseName: b.databaseName,
      groupId: p.id,
      labels: b.labels ?? [],
      ldapAuthType: b.ldapAuthType ?? 'NONE',
      oidcAuthType: b.oidcAuthType ?? 'NONE',
      roles: b.roles,
      scopes: b.scopes ?? [],
      username: b.username,
      x509Type: b.x509Type ?? 'NONE',
      ...(b.description ? { description: b.description } : {}),
    };
    const kinds = [d.awsIAMType, d.x509Type, d.ldapAuthType, d.oidcAuthType].filter((t) => t !== 'NONE');
    if (kinds.length > 1) throw new ApiError(400, 'ATLAS_INVALID_AUTH_SETTINGS', 'Invalid authentication settings. A user has one authentication method.');
    checkDatabase(d);
    if (d.awsIAMType !== 'NONE' && !IAM_ARN[d.awsIAMType]?.test(d.username)) {
      throw new ApiError(400, 'ATLAS_INVALID_AWS_IAM_ARN', `The ARN specified in the username field, ${d.username}, is not valid for AWS IAM type ${d.awsIAMType}.`, [
        d.username,
        d.awsIAMType,
      ]);
    }
    if (isScram(d) && !b.password) throw errors.missingAttribute('password');
    if (!isScram(d) && b.password !== undefined) {
      if (d.x509Type !== 'NONE') throw new ApiError(400, 'ATLAS_X509_USER_CANNOT_USE_SCRAM', 'Users cannot be configured for SCRAM and X.509 authentication.');
      throw errors.invalidAttribute('password', 'only SCRAM users have a password');
    }
    checkRoles(ctx.state, p.id, d.roles);
    applyDates(ctx.state, d, b.deleteAfterDate);
    expireUsers(ctx.state);
    const k = key(p.id, d.databaseName, d.username);
    if (ctx.state.databaseUsers.has(k)) {
      // unconfirmed: the docs list no code for a duplicate database user (their USER_ALREADY_EXISTS 409
      // "A user with username %s already exists." is for Atlas users); third-party Atlas clients match
      // DUPLICATE_DATABASE_USER, which is kept
      throw new ApiError(409, 'DUPLICATE_DATABASE_USER', `A user with username ${d.username} already exists.`, [d.username]);
    }
    const rec: DatabaseUserRecord = { doc: d, hasPassword: Boolean(b.password) };
    ctx.state.databaseUsers.set(k, rec);
    return { status: 201, body: renderDatabaseUser(ctx.base, rec) };
  },

  getGroupDatabaseUser: (ctx) => ({ body: renderDatabaseUser(ctx.base, requireUser(ctx)) }),

  updateGroupDatabaseUser: (ctx) => {
    const u = requireUser(ctx);
    const b = ctx.body as Json;
    const d = u.doc;
    if (b.username !== undefined && b.username !== d.username) throw errors.invalidAttribute('username', 'a database user cannot be renamed');
    if (b.databaseName !== undefined && b.databaseName !== d.databaseName) throw errors.invalidAttribute('databaseName', 'the authentication database cannot be changed');
    for (const t of ['awsIAMType', 'x509Type', 'ldapAuthType', 'oidcAuthType']) {
      if (b[t] !== undefined && b[t] !== d[t]) throw errors.invalidAttribute(t, 'the authentication method cannot be changed');
    }
    if (b.password !== undefined && !isScram(d)) throw errors.invalidAttribute('password', 'only SCRAM users have a password');
    if (b.roles !== undefined) {
      checkRoles(ctx.state, d.groupId, b.roles);
      d.roles = b.roles;
    }
    if (b.scopes !== undefined) d.scopes = b.scopes;
    if (b.labels !== undefined) d.labels = b.labels;
    if (b.description !== undefined) d.description = b.description;
    applyDates(ctx.state, d, b.deleteAfterDate);
    if (b.password !== undefined) u.hasPassword = true;
    return { body: renderDatabaseUser(ctx.base, u) };
  },

  deleteGroupDatabaseUser: (ctx) => {
    const u = requireUser(ctx);
    ctx.state.databaseUsers.delete(key(u.doc.groupId, u.doc.databaseName, u.doc.username));
    return { status: 204 };
  },
};

/** Seed: a SCRAM user, a read-only user limited to Cluster0, and an AWS IAM role user, in `groupId`. */
export function seedDatabaseUsers(state: SimulatorState, groupId: string): void {
  const user = (username: string, databaseName: string, roles: Json[], extra: Json = {}): DatabaseUserRecord => ({
    hasPassword: databaseName === 'admin',
    doc: {
      awsIAMType: 'NONE',
      databaseName,
      groupId,
      labels: [],
      ldapAuthType: 'NONE',
      oidcAuthType: 'NONE',
      roles,
      scopes: [],
      username,
      x509Type: 'NONE',
      ...extra,
    },
  });
  const users = [
    user('app-user', 'admin', [{ databaseName: 'sales', roleName: 'readWrite' }]),
    user(
      'analytics-ro',
      'admin',
      [
        { databaseName: 'analytics', roleName: 'read' },
        { collectionName: 'orders.2024', databaseName: 'sales', roleName: 'read' },
      ],
      {
        scopes: [{ name: 'Cluster0', type: 'CLUSTER' }],
      },
    ),
    user('arn:aws:iam::123456789012:role/app-role', '$external', [{ databaseName: 'sales', roleName: 'readWrite' }], { awsIAMType: 'ROLE' }),
  ];
  for (const u of users) state.databaseUsers.set(key(groupId, u.doc.databaseName, u.doc.username), u);
}
