/** Handlers of `atlascli org api-keys …`. */
import type { Context } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import type { RequestSpec } from '../../atlas/client.js';
import { MASK } from '../../settings/definitions.js';
import { assertConfirmable, confirmDestructive, deleting, dryRun, keepsOnceShown, PROBE_SECRET, renderList } from '../shared.js';
import { emptyMessage } from '../../output/render.js';
import { parseRoles } from '../../args/roles.js';
import { entryBody, parseAddresses } from '../whitelist/input.js';
import { currentIp } from '../whitelist/current-ip.js';
import { mergeEntries } from '../whitelist/run.js';
import { API_KEY_VIEW, KEY_ENTRY_VIEW, NEW_API_KEY_VIEW } from './api-keys-views.js';

type ApiKey = Record<string, unknown> & { privateKey?: unknown };

const HEX24 = /^[0-9a-f]{24}$/;

function keyPath(ctx: Context, keyId: string | undefined) {
  if (!keyId || !HEX24.test(keyId))
    throw new UsageError(`invalid API key id "${keyId ?? ''}"`, 'an API key id is 24 hexadecimal characters; `atlascli org api-keys list` shows them');
  return { orgId: ctx.orgId(), apiUserId: keyId };
}

/**
 * A key as printed: a private key Atlas sends in the clear is masked entirely; one
 * Atlas masked already (`********-****-****-<last 12>`) is shown as sent.
 */
export function maskKey<T extends ApiKey>(k: T): T {
  if (typeof k.privateKey !== 'string' || /^[*-]+-[0-9a-f]{12}$/i.test(k.privateKey) || k.privateKey === MASK) return k;
  return { ...k, privateKey: MASK };
}

/** `org api-keys list`: listOrgApiKeys, every page, private keys masked; an empty list on a terminal says `no API keys`. */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  const spec: RequestSpec = { operationId: 'listOrgApiKeys', pathParams: { orgId: ctx.orgId() } };
  await renderList(ctx, spec, API_KEY_VIEW, opts, (k) => maskKey(k as ApiKey), { empty: emptyMessage(API_KEY_VIEW) });
}

export async function get(ctx: Context, [keyId]: string[]): Promise<void> {
  const doc = await (await ctx.client()).request<ApiKey>({ operationId: 'getOrgApiKey', pathParams: keyPath(ctx, keyId) });
  ctx.renderer.object(maskKey(doc), API_KEY_VIEW);
}

/** Atlas's bounds of a key's description (spec: CreateAtlasOrganizationApiKey.desc, 1 to 250 characters). */
const MAX_DESC = 250;

function checkDescription(desc: string): string {
  if ([...desc].length > MAX_DESC) throw new UsageError(`--description is longer than ${MAX_DESC} characters`, 'Atlas keeps at most 250');
  return desc;
}

/**
 * `org api-keys create --description <d> --role <ORG_ROLE>...`: createOrgApiKey
 * (`POST /orgs/{orgId}/apiKeys`, body `{desc, roles}`). Atlas answers with the private key
 * in full, the only time it shows it: printed once, on stdout, as the field `privateKey`
 * (output options that would drop it are refused before the request).
 * @throws UsageError (exit 2) without --description or --role, or for output that would drop the key
 */
export async function create(ctx: Context, _args: string[], opts: { description?: string; role?: string[]; dryRun?: boolean }): Promise<void> {
  if (opts.description === undefined) throw new UsageError('an API key needs a --description', 'e.g. --description "CI deploy key"');
  const roles = parseRoles('org', '--role', opts.role);
  if (!roles.length) throw new UsageError('an API key needs at least one --role', 'e.g. --role ORG_MEMBER or --role ORG_READ_ONLY');
  const body = { desc: checkDescription(opts.description), roles };
  keepsOnceShown(ctx, { cause: '`org api-keys create`', what: 'the private key', field: 'privateKey', probe: { id: 'x', privateKey: PROBE_SECRET }, view: NEW_API_KEY_VIEW });
  const spec: RequestSpec = { operationId: 'createOrgApiKey', pathParams: { orgId: ctx.orgId() }, body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<ApiKey>(spec);
  ctx.term.info(`created API key ${String(doc.publicKey)} (${String(doc.id)}); its private key is shown only this once: store it now`);
  ctx.renderer.object(doc, NEW_API_KEY_VIEW);
}

/**
 * `org api-keys update <keyId> [--description] [--role …]`: updateOrgApiKey
 * (`PATCH /orgs/{orgId}/apiKeys/{apiUserId}`) with what is given; `--role` replaces the
 * key's roles. Prints the key as Atlas answers it (the private key masked).
 * @throws UsageError (exit 2) when nothing is to change
 */
export async function update(ctx: Context, [keyId]: string[], opts: { description?: string; role?: string[]; dryRun?: boolean }): Promise<void> {
  const body: { desc?: string; roles?: string[] } = {};
  if (opts.description !== undefined) body.desc = checkDescription(opts.description);
  if (opts.role?.length) body.roles = parseRoles('org', '--role', opts.role);
  if (!Object.keys(body).length) throw new UsageError('nothing to change', 'give --description or --role (which replaces the roles)');
  const spec: RequestSpec = { operationId: 'updateOrgApiKey', pathParams: keyPath(ctx, keyId), body };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = await (await ctx.client()).request<ApiKey>(spec);
  ctx.term.info(`updated API key ${keyId}: ${Object.keys(body).join(', ')}`);
  ctx.renderer.object(maskKey(doc), API_KEY_VIEW);
}

/**
 * `org api-keys delete <keyId>`: deleteOrgApiKey (asks first; --force in scripts). Atlas
 * answers an unknown key with 400 API_KEY_NOT_FOUND, which `--if-exists` takes as absent.
 */
export async function remove(ctx: Context, [keyId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteOrgApiKey', pathParams: keyPath(ctx, keyId) };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete API key ${keyId}`, 'whatever uses it could no longer reach Atlas'))) return;
  if (!(await deleting(ctx, opts, `API key ${keyId}`, async () => (await ctx.client()).request(spec)))) return;
  ctx.renderer.done(`deleted API key ${keyId}`, { id: keyId, deleted: true });
}

export async function accessList(ctx: Context, [keyId]: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listOrgApiKeyAccessListEntries', pathParams: keyPath(ctx, keyId) }, KEY_ENTRY_VIEW, opts);
}

export async function accessAdd(ctx: Context, [keyId, ...inputs]: string[], opts: { currentIp?: boolean; dryRun?: boolean }): Promise<void> {
  if (!inputs.length && !opts.currentIp) throw new UsageError('nothing to add', 'give one or more addresses or CIDR blocks, or --current-ip');
  const pathParams = keyPath(ctx, keyId);
  let entries = parseAddresses(inputs);
  const client = await ctx.client();
  if (opts.currentIp) entries = mergeEntries(entries, [await currentIp(client)]);
  const spec: RequestSpec = { operationId: 'createOrgApiKeyAccessListEntry', pathParams, body: entries.map((e) => entryBody(e)) };
  if (await dryRun(ctx, opts, spec)) return;
  const answer = await client.request<{ results?: Array<{ cidrBlock?: string }> }>(spec);
  ctx.term.info(`API key ${keyId} may now be used from ${entries.map((e) => e.value).join(', ')}`);
  const ours = new Set(entries.map((e) => e.cidrBlock));
  const docs = (answer?.results ?? []).filter((d) => {
    try {
      return d.cidrBlock !== undefined && ours.has(parseAddresses([d.cidrBlock])[0]!.cidrBlock);
    } catch {
      return false;
    }
  });
  ctx.renderer.list(docs, KEY_ENTRY_VIEW);
}

export async function accessDelete(ctx: Context, [keyId, ...inputs]: string[], opts: { currentIp?: boolean; dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  if (!inputs.length && !opts.currentIp) throw new UsageError('nothing to delete', 'give one or more addresses or CIDR blocks, or --current-ip');
  const path = keyPath(ctx, keyId);
  let entries = parseAddresses(inputs);
  // --current-ip reads the address first: a refusal must come before that request
  if (!opts.dryRun) assertConfirmable(ctx, `Delete entries from the access list of API key ${keyId}`);
  const client = await ctx.client();
  if (opts.currentIp) entries = mergeEntries(entries, [await currentIp(client)]);
  const specs: RequestSpec[] = entries.map((e) => ({ operationId: 'deleteOrgApiKeyAccessListEntry', pathParams: { ...path, ipAddress: e.value } }));
  if (opts.dryRun) {
    for (const s of specs) await dryRun(ctx, opts, s);
    return;
  }
  if (!(await confirmDestructive(ctx, `Delete ${entries.map((e) => e.value).join(', ')} from the access list of API key ${keyId}`))) return;
  for (const [i, s] of specs.entries()) {
    if (!(await deleting(ctx, opts, `entry ${entries[i]!.value} of API key ${keyId}`, () => client.request(s)))) continue;
    ctx.renderer.done(`deleted ${entries[i]!.value} from the access list of API key ${keyId}`, { entry: entries[i]!.value, deleted: true });
  }
}
