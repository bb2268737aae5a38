// Organization API keys (listOrgApiKeys, getOrgApiKey) and their access lists
// (listOrgApiKeyAccessListEntries, createOrgApiKeyAccessListEntry,
// getOrgApiKeyAccessListEntry, deleteOrgApiKeyAccessListEntry).
//
// Rules, as Atlas applies them (recordings in shared/atlas-api/recorded/iam/atlasorgapikeys
// and …/atlasorgapikeyaccesslist):
// - a key shows its private key masked as `********-****-****-<last 12>`;
// - access-list entries carry cidrBlock, count, created, ipAddress (single addresses),
//   links (the self link names the address, or the %2F-encoded block);
// - POST takes an array and answers 200 with the key's whole list; an entry that
//   exists is kept (no 409);
// - 400 API_KEY_NOT_FOUND for an unknown key (404 INVALID_KEY_ID for a malformed id),
//   404 API_KEY_WHITELIST_NOT_FOUND for a missing entry, 400
//   INVALID_IP_ADDRESS_OR_CIDR_NOTATION for a bad address, 400 BAD_WHITELIST_ADD_REQUEST for
//   both ipAddress and cidrBlock: codes and statuses from the Atlas API error-code list (docs:
//   mongodb/docs content/atlas/source/reference/api-errors.txt, mongodb.com/docs/atlas/reference/api-errors;
//   API_KEY_NOT_FOUND was 404 and INVALID_KEY_ID 400 here before);
// - createOrgApiKey takes {desc, roles: [ORG_*]} (spec: CreateAtlasOrganizationApiKey; the
//   query validation checks the roles' enum and desc's length) and answers 200 with the key
//   and its private key in full, the only time Atlas shows it ("the API key private key is
//   only shown once": spec, ApiKeyUserDetails.privateKey); updateOrgApiKey changes desc
//   and/or roles (200, the key masked); deleteOrgApiKey answers 204. A public key is 8
//   lower-case letters and the private key a UUID, as the seeded (recorded) ones.
import { randomBytes, randomUUID } from 'node:crypto';
import { HEX24, link, paginate, requireOrg, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError } from '../errors.js';
import type { ApiKeyEntry, ApiKeyRecord, Json, SimulatorState } from '../state.js';
import { canonicalBlock } from './access-list.js';
import { SEED } from '../seed-ids.js';

/** Atlas shows a private key only when the key is created; afterwards masked like this. */
export function maskedPrivateKey(privateKey: string): string {
  return `********-****-****-${privateKey.slice(-12)}`;
}

export function renderApiKey(base: string, k: ApiKeyRecord): Json {
  return {
    desc: k.desc,
    id: k.id,
    links: [link(base, `${V2}/orgs/${k.orgId}/apiKeys/${k.id}`)],
    privateKey: maskedPrivateKey(k.privateKey),
    publicKey: k.publicKey,
    roles: k.roles.map((r) => ({ ...r })),
  };
}

function renderEntry(base: string, k: ApiKeyRecord, e: ApiKeyEntry): Json {
  const doc: Json = { cidrBlock: e.cidrBlock, count: 0, created: e.created };
  if (e.ipAddress) doc.ipAddress = e.ipAddress;
  doc.links = [link(base, `${V2}/orgs/${k.orgId}/apiKeys/${k.id}/accessList/${e.ipAddress ?? encodeURIComponent(e.cidrBlock)}`)];
  return doc;
}

function requireKey(ctx: Ctx): ApiKeyRecord {
  const org = requireOrg(ctx);
  const id = ctx.params.apiUserId;
  if (!HEX24.test(id)) throw new ApiError(404, 'INVALID_KEY_ID', `An invalid key ID ${id} was specified.`, [id]);
  const k = ctx.state.apiKeys.get(id);
  if (!k || k.orgId !== org.id) throw new ApiError(400, 'API_KEY_NOT_FOUND', `No API key with ID ${id} exists.`, [id]);
  return k;
}

function findEntry(ctx: Ctx, k: ApiKeyRecord): ApiKeyEntry {
  const value = ctx.params.ipAddress;
  const block = canonicalBlock(value);
  const e = k.accessList.find((x) => x.cidrBlock === block);
  if (!e) throw new ApiError(404, 'API_KEY_WHITELIST_NOT_FOUND', `IP address ${value} not on access list for API key ${k.id}.`, [value, k.id]);
  return e;
}

export const apiKeyHandlers: HandlerTable = {
  listOrgApiKeys: (ctx) => {
    const org = requireOrg(ctx);
    const keys = [...ctx.state.apiKeys.values()].filter((k) => k.orgId === org.id);
    return paginate(ctx, keys, (k) => renderApiKey(ctx.base, k));
  },

  getOrgApiKey: (ctx) => ({ body: renderApiKey(ctx.base, requireKey(ctx)) }),

  listOrgApiKeyAccessListEntries: (ctx) => {
    const k = requireKey(ctx);
    return paginate(ctx, k.accessList, (e) => renderEntry(ctx.base, k, e));
  },

  createOrgApiKeyAccessListEntry: (ctx) => {
    const k = requireKey(ctx);
    const items = ctx.body as Json[];
    const checked = items.map((item) => {
      const value = (item.ipAddress ?? item.cidrBlock) as string | undefined;
      if (value === undefined || (item.ipAddress !== undefined && item.cidrBlock !== undefined)) {
        throw new ApiError(400, 'BAD_WHITELIST_ADD_REQUEST', 'Should not specify both the IP address and the CIDR block.');
      }
      const block = canonicalBlock(value.replace(/%2f/i, '/'));
      if (!block || (item.ipAddress !== undefined && value.includes('/'))) {
        throw new ApiError(400, 'INVALID_IP_ADDRESS_OR_CIDR_NOTATION', `The address ${value} must be in valid IP address or CIDR notation.`, [value]);
      }
      return { block, single: /\/(32|128)$/.test(block) };
    });
    for (const c of checked) {
      if (k.accessList.some((e) => e.cidrBlock === c.block)) continue;
      k.accessList.push({ cidrBlock: c.block, ...(c.single ? { ipAddress: c.block.replace(/\/\d+$/, '') } : {}), created: ctx.state.isoNow() });
    }
    return paginate(ctx, k.accessList, (e) => renderEntry(ctx.base, k, e));
  },

  getOrgApiKeyAccessListEntry: (ctx) => {
    const k = requireKey(ctx);
    return { body: renderEntry(ctx.base, k, findEntry(ctx, k)) };
  },

  createOrgApiKey: (ctx) => {
    const org = requireOrg(ctx);
    const b = ctx.body as { desc: string; roles: string[] };
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const publicKey = [...randomBytes(8)].map((x) => letters[x % 26]).join('');
    const k: ApiKeyRecord = {
      id: ctx.state.newId(),
      orgId: org.id,
      desc: b.desc,
      publicKey,
      privateKey: randomUUID(),
      roles: [...new Set(b.roles)].map((roleName) => ({ orgId: org.id, roleName })),
      accessList: [],
    };
    ctx.state.apiKeys.set(k.id, k);
    return { status: 200, body: { ...renderApiKey(ctx.base, k), privateKey: k.privateKey } };
  },

  updateOrgApiKey: (ctx) => {
    const k = requireKey(ctx);
    const b = (ctx.body ?? {}) as { desc?: string; roles?: string[] };
    if (b.desc !== undefined) k.desc = b.desc;
    // the key's project roles (resources/project-access.ts) are not the organization's: kept
    if (b.roles !== undefined) k.roles = [...[...new Set(b.roles)].map((roleName) => ({ orgId: k.orgId, roleName })), ...k.roles.filter((r) => r.groupId)];
    return { status: 200, body: renderApiKey(ctx.base, k) };
  },

  deleteOrgApiKey: (ctx) => {
    const k = requireKey(ctx);
    ctx.state.apiKeys.delete(k.id);
    return { status: 204 };
  },

  deleteOrgApiKeyAccessListEntry: (ctx) => {
    const k = requireKey(ctx);
    const e = findEntry(ctx, k);
    k.accessList = k.accessList.filter((x) => x !== e);
    return { status: 204 };
  },
};

/** Seed ids of the organization's API keys. */
export const SEED_API_KEYS = { ci: 'f0123456789abcdef012345f', reports: 'f1123456789abcdef012345f' } as const;

/** Seed: two keys of `orgId`, the first with an access list of one address and one block. */
export function seedApiKeys(state: SimulatorState, orgId: string): void {
  const keys: ApiKeyRecord[] = [
    {
      id: SEED_API_KEYS.ci,
      orgId,
      desc: 'ci-deploy',
      publicKey: 'cideploy',
      privateKey: '6f1c2d3e-4a5b-4c6d-8e7f-a1b2c3d4e5f6',
      // assigned to the default project (resources/project-access.ts)
      roles: [
        { orgId, roleName: 'ORG_MEMBER' },
        { groupId: SEED.projectId, roleName: 'GROUP_CLUSTER_MANAGER' },
      ],
      accessList: [
        { cidrBlock: '203.0.113.10/32', ipAddress: '203.0.113.10', created: '2025-01-15T09:30:00Z' },
        { cidrBlock: '192.0.2.0/24', created: '2025-01-15T09:30:00Z' },
      ],
    },
    {
      id: SEED_API_KEYS.reports,
      orgId,
      desc: 'read-only-reports',
      publicKey: 'reportsx',
      privateKey: '0a9b8c7d-6e5f-4a3b-9c2d-1e0f9a8b7c6d',
      roles: [{ orgId, roleName: 'ORG_READ_ONLY' }],
      accessList: [],
    },
  ];
  for (const k of keys) state.apiKeys.set(k.id, k);
}
