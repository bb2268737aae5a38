// Organization service accounts and their secrets: listOrgServiceAccounts,
// getOrgServiceAccount, createOrgServiceAccount, updateOrgServiceAccount,
// deleteOrgServiceAccount, createOrgServiceAccountSecret, deleteOrgServiceAccountSecret
// (2024-08-05).
//
// Rules, and where they come from:
// - an account is {clientId, createdAt, description, name, roles, secrets} (spec:
//   OrgServiceAccount); a client id is `mdb_sa_id_` and 24 hexadecimal characters (spec: the
//   clientId pattern); create answers 201 (spec);
// - a secret is {createdAt, expiresAt, id, lastUsedAt?, maskedSecretValue} (spec:
//   ServiceAccountSecret, whose `secret` is read-only and shown "mdb_sa_sk_..."); its value
//   is in the answer to the request that made it (createOrgServiceAccount's first secret,
//   createOrgServiceAccountSecret) and never again: every later read shows
//   maskedSecretValue only ("This is the only time you can view the full client secret":
//   mongodb.com/docs/atlas/tutorial/rotate-service-account-secrets);
// - secretExpiresAfterHours: 8 hours to 365 days ("anywhere from 8 hours to 365 days",
//   same page); the spec's schema refuses 0 and below before the handler runs;
// - a new secret shortens the other secrets' lives to 7 days from now when they would
//   live longer ("Once you generate a new client secret, the old client secret expires
//   within 7 days", same page);
// - a service account's secret logs in at POST /api/oauth/token until it expires or is
//   deleted (serviceAccountCredentials, read by server.ts): what a user expects of an
//   account created through the simulator.
// Guesses (no recording, spec example or documented code; listed in src/simulator/README.md):
// 404 SERVICE_ACCOUNT_NOT_FOUND for an unknown client id, 404 SECRET_NOT_FOUND for an
// unknown secret, 400 INVALID_ATTRIBUTE for a lifetime outside 8 h … 365 d.
// State: per organization record (a WeakMap, so a reset, which seeds new records, forgets it).
import { randomBytes } from 'node:crypto';
import { isoAt } from '../clock.js';
import { paginate, requireOrg, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Org, SimulatorState } from '../state.js';
import { SEED } from '../seed-ids.js';

interface SecretRecord {
  id: string;
  value: string;
  createdAt: number;
  expiresAt: number;
  lastUsedAt?: number;
}

interface AccountRecord {
  clientId: string;
  name: string;
  description: string;
  roles: string[];
  createdAt: number;
  secrets: SecretRecord[];
}

const accountsOf = storeBeside((_org: Org) => new Map<string, AccountRecord>());

export const MIN_SECRET_HOURS = 8;
export const MAX_SECRET_HOURS = 365 * 24;
const HOUR = 3_600_000;
/** How long the other secrets live at most once a new one is made. */
const ROTATION_MS = 7 * 24 * HOUR;

/** Atlas's masked form of a secret: its prefix and its last four characters. */
export function maskedSecret(value: string): string {
  return `mdb_sa_sk_...${value.slice(-4)}`;
}

function renderSecret(s: SecretRecord, whole = false): Json {
  const doc: Json = { createdAt: isoAt(s.createdAt), expiresAt: isoAt(s.expiresAt), id: s.id };
  if (s.lastUsedAt !== undefined) doc.lastUsedAt = isoAt(s.lastUsedAt);
  doc.maskedSecretValue = maskedSecret(s.value);
  if (whole) doc.secret = s.value;
  return doc;
}

function renderAccount(a: AccountRecord, wholeSecretId?: string): Json {
  return {
    clientId: a.clientId,
    createdAt: isoAt(a.createdAt),
    description: a.description,
    name: a.name,
    roles: [...a.roles],
    secrets: a.secrets.map((s) => renderSecret(s, s.id === wholeSecretId)),
  };
}

function requireAccount(ctx: Ctx): { org: Org; account: AccountRecord } {
  const org = requireOrg(ctx);
  const id = ctx.params.clientId;
  const account = accountsOf(org).get(id);
  if (!account) throw new ApiError(404, 'SERVICE_ACCOUNT_NOT_FOUND', `Service Account with client ID ${id} not found.`, [id]);
  return { org, account };
}

function checkHours(hours: unknown): number {
  if (typeof hours !== 'number') throw errors.missingAttribute('secretExpiresAfterHours');
  if (!Number.isInteger(hours) || hours < MIN_SECRET_HOURS || hours > MAX_SECRET_HOURS) {
    throw errors.invalidAttribute('secretExpiresAfterHours', `a secret expires after ${MIN_SECRET_HOURS} to ${MAX_SECRET_HOURS} hours`);
  }
  return hours;
}

/** A new secret of `account`, living `hours`; the others are cut to 7 days from now. */
function addSecret(state: SimulatorState, account: AccountRecord, hours: number): SecretRecord {
  const now = state.now();
  for (const s of account.secrets) s.expiresAt = Math.min(s.expiresAt, now + ROTATION_MS);
  const secret: SecretRecord = { id: state.newId(), value: `mdb_sa_sk_${randomBytes(20).toString('hex')}`, createdAt: now, expiresAt: now + hours * HOUR };
  account.secrets.push(secret);
  return secret;
}

/**
 * The client id and secrets of every service account that may log in now (secrets not
 * expired), for the token endpoint: `[clientId, [secret…]]`.
 */
export function serviceAccountCredentials(state: SimulatorState): Array<[string, string[]]> {
  const now = state.now();
  const out: Array<[string, string[]]> = [];
  for (const org of state.orgs.values()) {
    for (const a of accountsOf(org).values()) {
      const live = a.secrets.filter((s) => s.expiresAt > now).map((s) => s.value);
      if (live.length) out.push([a.clientId, live]);
    }
  }
  return out;
}

/**
 * Seed: the simulator's own service account (SEED.serviceAccount, the credentials it
 * accepts by default) in organization `orgId`, an ORG_OWNER with one secret made at the
 * seed's time and living the longest Atlas allows (365 days), so that
 * `service-account list` shows the account a user logs in with.
 */
export function seedServiceAccounts(state: SimulatorState, orgId: string): void {
  const org = state.orgs.get(orgId);
  if (!org) return;
  const now = state.now();
  const { clientId, clientSecret } = SEED.serviceAccount;
  accountsOf(org).set(clientId, {
    clientId,
    name: 'atlascli-simulator',
    description: "The simulator's own service account",
    roles: ['ORG_OWNER'],
    createdAt: now,
    secrets: [{ id: 'ab0123456789abcdef0123ab', value: clientSecret, createdAt: now, expiresAt: now + MAX_SECRET_HOURS * HOUR }],
  });
}

export const serviceAccountHandlers: HandlerTable = {
  listOrgServiceAccounts: (ctx) => paginate(ctx, [...accountsOf(requireOrg(ctx)).values()], (a) => renderAccount(a)),

  getOrgServiceAccount: (ctx) => ({ body: renderAccount(requireAccount(ctx).account) }),

  createOrgServiceAccount: (ctx) => {
    const org = requireOrg(ctx);
    const b = ctx.body as { name: string; description: string; roles: string[]; secretExpiresAfterHours: number };
    const hours = checkHours(b.secretExpiresAfterHours);
    const account: AccountRecord = {
      clientId: `mdb_sa_id_${ctx.state.newId()}`,
      name: b.name,
      description: b.description,
      roles: [...new Set(b.roles)],
      createdAt: ctx.state.now(),
      secrets: [],
    };
    const secret = addSecret(ctx.state, account, hours);
    accountsOf(org).set(account.clientId, account);
    return { status: 201, body: renderAccount(account, secret.id) };
  },

  updateOrgServiceAccount: (ctx) => {
    const { account } = requireAccount(ctx);
    const b = (ctx.body ?? {}) as { name?: string | null; description?: string | null; roles?: string[] };
    if (typeof b.name === 'string') account.name = b.name;
    if (typeof b.description === 'string') account.description = b.description;
    if (b.roles) account.roles = [...new Set(b.roles)];
    return { body: renderAccount(account) };
  },

  deleteOrgServiceAccount: (ctx) => {
    const { org, account } = requireAccount(ctx);
    accountsOf(org).delete(account.clientId);
    return { status: 204 };
  },

  createOrgServiceAccountSecret: (ctx) => {
    const { account } = requireAccount(ctx);
    const hours = checkHours((ctx.body as { secretExpiresAfterHours?: unknown }).secretExpiresAfterHours);
    const secret = addSecret(ctx.state, account, hours);
    return { status: 201, body: renderSecret(secret, true) };
  },

  deleteOrgServiceAccountSecret: (ctx) => {
    const { account } = requireAccount(ctx);
    const id = ctx.params.secretId;
    const i = account.secrets.findIndex((s) => s.id === id);
    if (i < 0) throw new ApiError(404, 'SECRET_NOT_FOUND', `Secret ${id} of Service Account ${account.clientId} not found.`, [id, account.clientId]);
    account.secrets.splice(i, 1);
    return { status: 204 };
  },
};
