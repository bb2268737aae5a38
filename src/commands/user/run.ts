/** Handlers of `atlascli user …`: the database users of a project. */
import { randomInt } from 'node:crypto';
import type { Context } from '../../program/context.js';
import { AtlasApiError, UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import type { InStream } from '../../output/terminal.js';
import { confirmDestructive, deleting, dryRun, keepsOnceShown, PROBE_SECRET, renderList } from '../shared.js';
import { parseExpiry } from '../whitelist/input.js';
import {
  checkCustomRoles,
  checkUsername,
  formatRole,
  parseAuthDb,
  parseAuthMethod,
  parseRole,
  parseScope,
  sameRole,
  type AuthOptions,
  type DatabaseUserRole,
  type ParsedRole,
  type UserScope,
} from './input.js';
import { DATABASE_USER_VIEW, GENERATED_PASSWORD_VIEW } from './views.js';

type DatabaseUser = Record<string, unknown> & { roles?: DatabaseUserRole[]; username?: string; databaseName?: string };

export interface PasswordOptions {
  passwordStdin?: boolean;
  generatePassword?: boolean;
}

export interface CreateOptions extends AuthOptions, PasswordOptions {
  role?: string[];
  deleteAfter?: string;
  ttl?: string;
  scope?: string[];
  description?: string;
  dryRun?: boolean;
}

export interface UpdateOptions extends PasswordOptions {
  role?: string[];
  addRole?: string[];
  removeRole?: string[];
  deleteAfter?: string;
  ttl?: string;
  scope?: string[];
  authDb?: string;
  dryRun?: boolean;
}

/** Atlas's minimum password length (the spec's minLength). */
export const MIN_PASSWORD = 8;
const PASSWORD_CHARS = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
/** Length of a generated password: 24 characters of 57, about 140 bits. */
export const GENERATED_LENGTH = 24;

const userPath = (groupId: string, databaseName: string, username: string) => ({ groupId, databaseName, username });

export async function list(ctx: Context, _args: string[], opts: { limit?: string; allProjects?: boolean }): Promise<void> {
  if (opts.allProjects) {
    const { renderAcrossProjects } = await import('../fleet/fanout.js');
    await renderAcrossProjects(ctx, (client, p) => client.list({ operationId: 'listGroupDatabaseUsers', pathParams: { groupId: p.id } }), DATABASE_USER_VIEW, opts);
    return;
  }
  await renderList(ctx, { operationId: 'listGroupDatabaseUsers', pathParams: { groupId: ctx.projectId() } }, DATABASE_USER_VIEW, opts);
}

export async function get(ctx: Context, [username]: string[], opts: { authDb?: string }): Promise<void> {
  const name = checkUsername(username);
  const db = parseAuthDb(opts.authDb, name);
  const doc = await fetchUser(ctx, ctx.projectId(), db, name, opts.authDb === undefined);
  ctx.renderer.object(doc, DATABASE_USER_VIEW);
}

/**
 * A generated password is printed once, as the `password` field of the user document:
 * output that would leave it out (`--fields` without `password`, a `--query` that drops
 * it) is refused before any request, so the only copy is never lost.
 */
function keepsGeneratedPassword(ctx: Context, opts: { generatePassword?: boolean }): void {
  if (!opts.generatePassword) return;
  keepsOnceShown(ctx, {
    cause: '--generate-password',
    what: 'the new password',
    field: 'password',
    probe: { username: 'u', password: PROBE_SECRET },
    view: GENERATED_PASSWORD_VIEW,
  });
}

export function planCreate(username: string | undefined, opts: CreateOptions, now = Date.now()) {
  const name = checkUsername(username);
  const method = parseAuthMethod(opts);
  if (!opts.role?.length) throw new UsageError('a database user needs at least one --role', 'e.g. --role readWrite@sales or --role readAnyDatabase@admin');
  const given = opts.role.map((text) => ({ flag: '--role', text, parsed: parseRole(text) }));
  const scopes = opts.scope?.map(parseScope);
  const deleteAfterDate = parseExpiry(opts, now);
  if (!method.password && (opts.passwordStdin || opts.generatePassword)) {
    throw new UsageError(`${method.label} users have no password: drop --password-stdin / --generate-password`);
  }
  if (opts.passwordStdin && opts.generatePassword) throw new UsageError('give --password-stdin or --generate-password, not both');
  if (opts.x509 !== undefined && deleteAfterDate) throw new UsageError('x.509 users cannot be temporary: drop --delete-after / --ttl');
  // Atlas: 400 ATLAS_INVALID_AWS_IAM_ARN for a name that is not the ARN of an IAM user (USER) or role (ROLE)
  const iam = method.fields.awsIAMType === 'ROLE' ? 'role' : 'user';
  if (opts.awsIam !== undefined && !new RegExp(`^arn:aws[\\w-]*:iam::\\d{12}:${iam}/.+`).test(name)) {
    throw new UsageError(`invalid username "${name}" for --aws-iam ${iam.toUpperCase()}`, `give the ARN of the IAM ${iam}, e.g. arn:aws:iam::123456789012:${iam}/app`);
  }
  if (opts.description !== undefined && opts.description.length > 100) throw new UsageError('--description is longer than 100 characters');
  return { username: name, method, roles: given.map((g) => g.parsed.role), given, scopes, deleteAfterDate };
}

/** A role as typed (`--role redWrite@sales`) and as parsed. */
export type GivenRole = { flag: string; text: string; parsed: ParsedRole };

/**
 * Roles that are not built in must be custom roles of the project: its list is read once
 * (operation listGroupCustomDbRoleRoles), before anything is written, and only when a
 * role is not built in.
 * @throws UsageError (exit 2) naming the role and the closest names (checkCustomRoles)
 */
export async function checkRoleNames(ctx: Context, groupId: string, given: readonly GivenRole[]): Promise<void> {
  if (!given.some((g) => g.parsed.custom)) return;
  const roles = await (await ctx.client()).request<Array<{ roleName?: string }>>({ operationId: 'listGroupCustomDbRoleRoles', pathParams: { groupId } });
  checkCustomRoles(
    given,
    (roles ?? []).map((r) => String(r.roleName)),
    groupId,
  );
}

export async function create(ctx: Context, [username]: string[], opts: CreateOptions): Promise<void> {
  const plan = planCreate(username, opts);
  keepsGeneratedPassword(ctx, opts);
  const groupId = ctx.projectId();
  await checkRoleNames(ctx, groupId, plan.given);
  const password = plan.method.password ? await readPassword(ctx, opts, true) : undefined;
  const body: Record<string, unknown> = {
    username: plan.username,
    databaseName: plan.method.databaseName,
    groupId,
    roles: plan.roles,
    ...plan.method.fields,
    ...(password ? { password: password.value } : {}),
    ...(plan.scopes ? { scopes: plan.scopes } : {}),
    ...(plan.deleteAfterDate ? { deleteAfterDate: plan.deleteAfterDate } : {}),
    ...(opts.description !== undefined ? { description: opts.description } : {}),
  };
  const spec: RequestSpec = { operationId: 'createGroupDatabaseUser', pathParams: { groupId }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await (await ctx.client()).request<DatabaseUser>(spec);
  ctx.term.info(`created database user ${plan.username} (${plan.method.label}, auth database ${plan.method.databaseName})`);
  printUser(ctx, created, password);
}

/** The checked input of `update`: what changes; the roles are worked out against the user as served. */
export function planUpdate(username: string | undefined, opts: UpdateOptions, now = Date.now()) {
  const name = checkUsername(username);
  if (opts.role?.length && (opts.addRole?.length || opts.removeRole?.length)) {
    throw new UsageError('--role replaces every role; give it alone, or use --add-role / --remove-role to keep the others');
  }
  if (opts.passwordStdin && opts.generatePassword) throw new UsageError('give --password-stdin or --generate-password, not both');
  const plan = {
    username: name,
    authDb: parseAuthDb(opts.authDb, name),
    roles: opts.role?.map((text) => ({ flag: '--role', text, parsed: parseRole(text) })),
    add: opts.addRole?.map((text) => ({ flag: '--add-role', text, parsed: parseRole(text, '--add-role') })),
    remove: opts.removeRole?.map((r) => parseRole(r, '--remove-role').role),
    scopes: opts.scope?.map(parseScope),
    deleteAfterDate: parseExpiry(opts, now),
    password: Boolean(opts.passwordStdin || opts.generatePassword),
  };
  if (!plan.roles && !plan.add && !plan.remove && !plan.scopes && !plan.deleteAfterDate && !plan.password) {
    throw new UsageError('nothing to change', 'give --role, --add-role, --remove-role, --scope, --delete-after/--ttl, --password-stdin or --generate-password');
  }
  return plan;
}

/**
 * Sends only what changes (updateGroupDatabaseUser), with the fields the spec requires
 * of every body: username, databaseName, groupId and the (resulting) roles, worked out
 * from the user as served, so --add-role / --remove-role keep the other roles.
 */
export async function update(ctx: Context, [username]: string[], opts: UpdateOptions): Promise<void> {
  const plan = planUpdate(username, opts);
  keepsGeneratedPassword(ctx, opts);
  const groupId = ctx.projectId();
  await checkRoleNames(ctx, groupId, [...(plan.roles ?? []), ...(plan.add ?? [])]);
  const password = plan.password ? await readPassword(ctx, opts, false) : undefined;
  const current = await fetchUser(ctx, groupId, plan.authDb, plan.username, opts.authDb === undefined);
  const had = (current.roles ?? []).map((r) => ({ ...r }));
  let roles: DatabaseUserRole[];
  if (plan.roles) roles = plan.roles.map((g) => g.parsed.role);
  else {
    roles = [...had];
    for (const r of plan.remove ?? []) {
      if (!roles.some((x) => sameRole(x, r))) {
        throw new UsageError(`${plan.username} has no role ${formatRole(r)}`, `its roles: ${had.map(formatRole).join(', ') || 'none'}`);
      }
      roles = roles.filter((x) => !sameRole(x, r));
    }
    for (const g of plan.add ?? []) if (!roles.some((x) => sameRole(x, g.parsed.role))) roles.push(g.parsed.role);
  }
  if (!roles.length) throw new UsageError(`${plan.username} would be left without a role`, 'a database user needs at least one; --role replaces them');
  const changes: Record<string, unknown> = {};
  if (!sameRoles(had, roles)) changes.roles = roles;
  if (plan.scopes && !sameScopes(current.scopes as UserScope[] | undefined, plan.scopes)) changes.scopes = plan.scopes;
  if (plan.deleteAfterDate) changes.deleteAfterDate = plan.deleteAfterDate;
  if (password) changes.password = password.value;
  if (!Object.keys(changes).length) {
    ctx.term.info(`database user ${plan.username} already looks like that: nothing to change, nothing was sent`);
    if (!opts.dryRun) ctx.renderer.object(current, DATABASE_USER_VIEW);
    return;
  }
  const body = { username: plan.username, databaseName: plan.authDb, groupId, roles, ...changes };
  const spec: RequestSpec = { operationId: 'updateGroupDatabaseUser', pathParams: userPath(groupId, plan.authDb, plan.username), body };
  if (await dryRun(ctx, opts, spec)) return;
  const updated = await (await ctx.client()).request<DatabaseUser>(spec);
  ctx.term.info(`updated database user ${plan.username}: ${Object.keys(changes).join(', ')}`);
  printUser(ctx, updated, password?.generated ? password : undefined);
}

export async function remove(ctx: Context, [username]: string[], opts: { authDb?: string; dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const name = checkUsername(username);
  const db = parseAuthDb(opts.authDb, name);
  const groupId = ctx.projectId();
  const spec: RequestSpec = { operationId: 'deleteGroupDatabaseUser', pathParams: userPath(groupId, db, name) };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete database user ${name}`))) return;
  try {
    if (!(await deleting(ctx, opts, `database user ${name}`, async () => (await ctx.client()).request(spec)))) return;
  } catch (err) {
    throw withAuthDbHint(err, name, db, opts.authDb === undefined);
  }
  ctx.renderer.done(`deleted database user ${name}`, { username: name, databaseName: db, deleted: true });
}

// ---- helpers ---------------------------------------------------------------------------

async function fetchUser(ctx: Context, groupId: string, db: string, name: string, guessed: boolean): Promise<DatabaseUser> {
  try {
    return await (await ctx.client()).request<DatabaseUser>({ operationId: 'getGroupDatabaseUser', pathParams: userPath(groupId, db, name) });
  } catch (err) {
    throw withAuthDbHint(err, name, db, guessed);
  }
}

/** A 404 on an auth database that was not given names the other one. */
function withAuthDbHint(err: unknown, name: string, db: string, guessed: boolean): unknown {
  if (!(err instanceof AtlasApiError) || err.status !== 404 || !guessed || err.errorCode === 'GROUP_NOT_FOUND') return err;
  const other = db === 'admin' ? '$external' : 'admin';
  return err.withHint(`no user ${name} authenticates on ${db}; for one on ${other} add --auth-db '${other}'`);
}

/** The user as served; a generated password is added to what is printed (shown once, on stdout). */
function printUser(ctx: Context, doc: DatabaseUser, password: { value: string; generated: boolean } | undefined): void {
  if (password?.generated) {
    ctx.renderer.object({ ...doc, password: password.value }, GENERATED_PASSWORD_VIEW);
    ctx.term.info('the generated password is shown only this once: store it now');
    return;
  }
  ctx.renderer.object(doc, DATABASE_USER_VIEW);
}

/**
 * The password of a SCRAM user, never from argv: `--password-stdin` (one line; a final
 * newline is dropped), `--generate-password`, or a no-echo prompt (twice) on a
 * terminal. Without any of them and no terminal, a UsageError when `required`.
 */
export async function readPassword(ctx: Context, opts: PasswordOptions, required: boolean): Promise<{ value: string; generated: boolean } | undefined> {
  if (opts.generatePassword) return { value: generatePassword(), generated: true };
  let value: string;
  if (opts.passwordStdin) {
    value = (await readAll(ctx.io.stdin)).replace(/\r?\n$/, '');
    if (value.includes('\n')) throw new UsageError('--password-stdin read more than one line', 'send the password alone, e.g. printf %s "$PASSWORD" | atlascli user create …');
    if (!value)
      throw new UsageError('--password-stdin read nothing from stdin', 'send the password on stdin, e.g. printf %s "$PASSWORD" | atlascli user create …; is the variable set?');
  } else if (ctx.term.canPrompt) {
    value = await ctx.term.ask('Password: ', true);
    const again = await ctx.term.ask('Password again: ', true);
    if (again !== value) throw new UsageError('the passwords typed do not match; nothing was sent');
  } else if (required) {
    throw new UsageError(
      'no password: there is no terminal to ask on',
      'pass --password-stdin (and the password on stdin) or --generate-password; passwords are never taken from the command line',
    );
  } else return undefined;
  if ([...value].length < MIN_PASSWORD) throw new UsageError(`the password is too short: Atlas takes at least ${MIN_PASSWORD} characters`);
  return { value, generated: false };
}

/** A random password of letters and digits (no look-alikes, nothing a connection string must escape). */
export function generatePassword(length = GENERATED_LENGTH): string {
  let out = '';
  for (let i = 0; i < length; i++) out += PASSWORD_CHARS[randomInt(PASSWORD_CHARS.length)];
  return out;
}

async function readAll(stream: InStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(typeof c === 'string' ? Buffer.from(c) : (c as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function sameRoles(a: DatabaseUserRole[], b: DatabaseUserRole[]): boolean {
  return a.length === b.length && a.every((r) => b.some((x) => sameRole(r, x)));
}

function sameScopes(a: UserScope[] | undefined, b: UserScope[]): boolean {
  const x = a ?? [];
  return x.length === b.length && x.every((s) => b.some((t) => t.name === s.name && t.type === s.type));
}
