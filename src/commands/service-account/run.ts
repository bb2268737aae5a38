/**
 * Handlers of `atlascli service-account …`: the organization's service accounts
 * (`/orgs/{orgId}/serviceAccounts`, 2024-08-05) and their secrets. A new secret is printed
 * once, on stdout, as Atlas shows it only in the answer to the request that made it.
 */
import { requiredFlag } from '../../args/checks.js';
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { UsageError } from '../../errors.js';
import { MASK } from '../../settings/definitions.js';
import { parseDuration } from '../../args/dates.js';
import { parseRoles } from '../../args/roles.js';
import { confirmDestructive, deleting, dryRun, keepsOnceShown, PROBE_SECRET, renderList } from '../shared.js';
import { NEW_SECRET_VIEW, NEW_SERVICE_ACCOUNT_VIEW, SERVICE_ACCOUNT_VIEW } from './views.js';

type Secret = Record<string, unknown> & { secret?: unknown };
type Account = Record<string, unknown> & { secrets?: Secret[]; clientId?: string };

/**
 * Atlas's bounds of a secret's lifetime: 8 hours to 365 days (mongodb.com/docs/atlas/tutorial/
 * rotate-service-account-secrets: "anywhere from 8 hours to 365 days"), in whole hours
 * (spec: secretExpiresAfterHours, an int32 of hours).
 */
export const MIN_SECRET_HOURS = 8;
export const MAX_SECRET_HOURS = 365 * 24;
/** Without --secret-expires-after: 30 days. */
export const DEFAULT_SECRET_HOURS = 30 * 24;

const HOUR_MS = 3_600_000;
/** Names and descriptions: letters, digits, spaces and - _ . , ' (spec: OrgServiceAccountRequest's pattern). */
const TEXT = /^[\p{L}\p{N}\-_.,' ]*$/u;

/**
 * A secret's lifetime flag (`--expires-after 90d`, `P30D`, `720h`) → whole hours.
 * @throws UsageError (exit 2) for no duration, a part of an hour, or outside 8 h … 365 d
 */
export function parseSecretHours(flag: string, value: string | undefined): number {
  if (value === undefined) return DEFAULT_SECRET_HOURS;
  const { ms } = parseDuration(flag, value);
  if (ms % HOUR_MS !== 0) throw new UsageError(`invalid ${flag} "${value}": Atlas takes whole hours`, 'e.g. 8h, 30d, 1w or P90D');
  const hours = ms / HOUR_MS;
  if (hours < MIN_SECRET_HOURS || hours > MAX_SECRET_HOURS) {
    throw new UsageError(`invalid ${flag} "${value}": a secret lives from ${MIN_SECRET_HOURS} hours to 365 days`, 'e.g. 8h, 30d or 365d');
  }
  return hours;
}

function checkText(flag: string, value: string | undefined, max: number): string {
  value = requiredFlag(value, flag, `e.g. ${flag} ${flag === '--name' ? 'ci-deploy' : '"Deploys from CI"'}`);
  if ([...value].length > max) throw new UsageError(`${flag} is longer than ${max} characters`);
  if (!TEXT.test(value)) throw new UsageError(`invalid ${flag} "${value}"`, "Atlas takes letters, digits, spaces and - _ . , ' only");
  return value;
}

/** A secret as printed after its creation: Atlas masks it (maskedSecretValue) and sends no `secret`; one it sends anyway is masked here. */
function masked(a: Account): Account {
  if (!a.secrets?.some((s) => s.secret !== undefined)) return a;
  return { ...a, secrets: a.secrets.map((s) => (s.secret === undefined ? s : { ...s, secret: MASK })) };
}

const accountPath = (ctx: Context, clientId: string) => ({ orgId: ctx.orgId(), clientId });

/** listOrgServiceAccounts: every page; secrets masked as Atlas masks them. */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgServiceAccounts', pathParams: { orgId: ctx.orgId() } }, SERVICE_ACCOUNT_VIEW, opts, (a) => masked(a as Account));
}

/** getOrgServiceAccount. */
export async function get(ctx: Context, [clientId]: string[]): Promise<void> {
  const doc = await (await ctx.client()).request<Account>({ operationId: 'getOrgServiceAccount', pathParams: accountPath(ctx, clientId!) });
  ctx.renderer.object(masked(doc), SERVICE_ACCOUNT_VIEW);
}

/**
 * `create --name --description --role … [--secret-expires-after]`: createOrgServiceAccount,
 * body OrgServiceAccountRequest `{name, description, roles, secretExpiresAfterHours}`. Atlas
 * answers 201 with the account and its first secret whole (`secrets[0].secret`), shown
 * only this once: printed on stdout; output options that would drop it are refused first.
 */
export async function create(
  ctx: Context,
  _args: string[],
  opts: { name?: string; description?: string; role?: string[]; secretExpiresAfter?: string; dryRun?: boolean },
): Promise<void> {
  const name = checkText('--name', opts.name, 64);
  const description = checkText('--description', opts.description, 250);
  const roles = parseRoles('org', '--role', opts.role);
  if (!roles.length) throw new UsageError('a service account needs at least one --role', 'e.g. --role ORG_MEMBER or --role ORG_READ_ONLY');
  const secretExpiresAfterHours = parseSecretHours('--secret-expires-after', opts.secretExpiresAfter);
  keepsOnceShown(ctx, {
    cause: '`service-account create`',
    what: 'the new secret',
    field: 'secrets.0.secret',
    probe: { clientId: 'x', secrets: [{ id: 'x', secret: PROBE_SECRET }] },
    view: NEW_SERVICE_ACCOUNT_VIEW,
  });
  const spec: RequestSpec = { operationId: 'createOrgServiceAccount', pathParams: { orgId: ctx.orgId() }, body: { name, description, roles, secretExpiresAfterHours } };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<Account>(spec);
  ctx.term.info(`created service account ${name} (${String(doc.clientId)}); its secret is shown only this once: store it now`);
  ctx.renderer.object(doc, NEW_SERVICE_ACCOUNT_VIEW);
}

/** deleteOrgServiceAccount (asks first; --force in scripts): its secrets and tokens stop working. */
export async function remove(ctx: Context, [clientId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteOrgServiceAccount', pathParams: accountPath(ctx, clientId!) };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete service account ${clientId}`, 'whatever logs in with it could no longer reach Atlas'))) return;
  if (!(await deleting(ctx, opts, `service account ${clientId}`, async () => (await ctx.client()).request(spec)))) return;
  ctx.renderer.done(`deleted service account ${clientId}`, { clientId, deleted: true });
}

/**
 * `secret create <clientId> [--expires-after]`: createOrgServiceAccountSecret, body
 * `{secretExpiresAfterHours}`; Atlas answers 201 with the secret whole (`secret`), the only
 * time: printed once on stdout.
 */
export async function secretCreate(ctx: Context, [clientId]: string[], opts: { expiresAfter?: string; dryRun?: boolean }): Promise<void> {
  const secretExpiresAfterHours = parseSecretHours('--expires-after', opts.expiresAfter);
  keepsOnceShown(ctx, { cause: '`service-account secret create`', what: 'the new secret', field: 'secret', probe: { id: 'x', secret: PROBE_SECRET }, view: NEW_SECRET_VIEW });
  const spec: RequestSpec = { operationId: 'createOrgServiceAccountSecret', pathParams: accountPath(ctx, clientId!), body: { secretExpiresAfterHours } };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<Secret>(spec);
  ctx.term.info(`created a secret for ${clientId}, expiring ${String(doc.expiresAt)}; it is shown only this once: store it now`);
  ctx.renderer.object(doc, NEW_SECRET_VIEW);
}

/** `secret delete <clientId> <secretId>`: deleteOrgServiceAccountSecret (asks first; --force in scripts). */
export async function secretDelete(ctx: Context, [clientId, secretId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteOrgServiceAccountSecret', pathParams: { ...accountPath(ctx, clientId!), secretId: secretId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete secret ${secretId} of service account ${clientId}`))) return;
  if (!(await deleting(ctx, opts, `secret ${secretId} of service account ${clientId}`, async () => (await ctx.client()).request(spec)))) return;
  ctx.renderer.done(`deleted secret ${secretId} of service account ${clientId}`, { clientId, secretId, deleted: true });
}
