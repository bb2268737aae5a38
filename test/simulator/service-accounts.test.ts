// Rules of the simulated organization service accounts (resources/service-accounts.ts):
// shapes from the spec (OrgServiceAccount, ServiceAccountSecret), secrets shown whole only
// in the answer that made them and lifetimes from mongodb.com/docs/atlas/tutorial/
// rotate-service-account-secrets, logins at the OAuth token endpoint.
import { describe, expect, it } from 'vitest';
import { SEED, SIM_CLIENT_ID } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const SA = `/api/atlas/v2/orgs/${SEED.orgId}/serviceAccounts`;
const V = '2024-08-05';
const HOUR = 3_600_000;

const fx = useSimulator({ stepMs: 50, clock: 'manual' });

const create = (hours = 24) => fx.api('POST', SA, { version: V, body: { name: 'ci', description: 'ci deploys', roles: ['ORG_MEMBER'], secretExpiresAfterHours: hours } });

/** POST /api/oauth/token with client credentials: the status. */
async function login(clientId: string, secret: string): Promise<number> {
  const res = await fetch(`${fx.sim.url}/api/oauth/token`, {
    method: 'POST',
    headers: { Authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}`, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=client_credentials',
  });
  await res.arrayBuffer();
  return res.status;
}

describe('organization service accounts', () => {
  it('create answers 201 with the account (spec: OrgServiceAccount) and its first secret whole; every later read masks it (docs: "the only time you can view the full client secret")', async () => {
    const r = await create();
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(['clientId', 'createdAt', 'description', 'name', 'roles', 'secrets']);
    expect(r.json.clientId).toMatch(/^mdb_sa_id_[a-fA-F\d]{24}$/);
    const [s] = r.json.secrets;
    expect(Object.keys(s)).toEqual(['createdAt', 'expiresAt', 'id', 'maskedSecretValue', 'secret']);
    expect(s.maskedSecretValue).toBe(`mdb_sa_sk_...${s.secret.slice(-4)}`);
    const got = await fx.api('GET', `${SA}/${r.json.clientId}`, { version: V });
    expect(got.json.secrets).toEqual([{ createdAt: s.createdAt, expiresAt: s.expiresAt, id: s.id, maskedSecretValue: s.maskedSecretValue }]);
    const list = await fx.api('GET', SA, { version: V });
    // the new one beside the simulator's own (seed.ts seedServiceAccounts)
    expect(list.json.totalCount).toBe(2);
    expect(list.text).not.toContain(s.secret);
  });

  it('a lifetime is 8 hours to 365 days (docs: "anywhere from 8 hours to 365 days"); the spec refuses 0', async () => {
    expect((await create(7)).json).toMatchObject({ error: 400, errorCode: 'INVALID_ATTRIBUTE' });
    expect((await create(8761)).json).toMatchObject({ error: 400, errorCode: 'INVALID_ATTRIBUTE' });
    expect((await create(0)).json).toMatchObject({ error: 400 });
    expect((await create(8)).status).toBe(201);
    expect((await create(8760)).status).toBe(201);
  });

  it('a new secret cuts the others to 7 days from now (docs: "the old client secret expires within 7 days"), shorter ones keep theirs', async () => {
    const { clientId, secrets } = (await create(24 * 365)).json;
    fx.sim.clock.advance(HOUR);
    const r = await fx.api('POST', `${SA}/${clientId}/secrets`, { version: V, body: { secretExpiresAfterHours: 48 } });
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(['createdAt', 'expiresAt', 'id', 'maskedSecretValue', 'secret']);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const got = (await fx.api('GET', `${SA}/${clientId}`, { version: V })).json;
    expect(got.secrets.map((s: { id: string; expiresAt: string }) => [s.id, s.expiresAt])).toEqual([
      [secrets[0].id, iso(fx.sim.clock.now() + 7 * 24 * HOUR)],
      [r.json.id, iso(fx.sim.clock.now() + 48 * HOUR)],
    ]);
    // a third one: the 48-hour secret keeps its shorter life
    await fx.api('POST', `${SA}/${clientId}/secrets`, { version: V, body: { secretExpiresAfterHours: 24 * 30 } });
    const again = (await fx.api('GET', `${SA}/${clientId}`, { version: V })).json;
    expect(again.secrets[1].expiresAt).toBe(iso(fx.sim.clock.now() + 48 * HOUR));
  });

  it('a secret logs in at /api/oauth/token until it expires (clock time) or is deleted; the account until it is deleted', async () => {
    const { clientId, secrets } = (await create(8)).json;
    expect(await login(clientId, secrets[0].secret)).toBe(200);
    expect(await login(clientId, 'mdb_sa_sk_wrong')).toBe(401);
    fx.sim.clock.advance(8 * HOUR);
    expect(await login(clientId, secrets[0].secret)).toBe(401);
    const second = (await fx.api('POST', `${SA}/${clientId}/secrets`, { version: V, body: { secretExpiresAfterHours: 8 } })).json;
    expect(await login(clientId, second.secret)).toBe(200);
    expect((await fx.api('DELETE', `${SA}/${clientId}/secrets/${second.id}`, { version: V })).status).toBe(204);
    expect(await login(clientId, second.secret)).toBe(401);
    const third = (await fx.api('POST', `${SA}/${clientId}/secrets`, { version: V, body: { secretExpiresAfterHours: 8 } })).json;
    expect((await fx.api('DELETE', `${SA}/${clientId}`, { version: V })).status).toBe(204);
    expect(await login(clientId, third.secret)).toBe(401);
  });

  it('unknown accounts and secrets: 404 (codes are guesses, src/simulator/README.md)', async () => {
    const missing = 'mdb_sa_id_0123456789abcdef01234567';
    expect((await fx.api('GET', `${SA}/${missing}`, { version: V })).json).toMatchObject({ error: 404, errorCode: 'SERVICE_ACCOUNT_NOT_FOUND' });
    const { clientId } = (await create()).json;
    expect((await fx.api('DELETE', `${SA}/${clientId}/secrets/0123456789abcdef01234567`, { version: V })).json).toMatchObject({ error: 404, errorCode: 'SECRET_NOT_FOUND' });
    // roles outside the spec's enum are refused before the handler
    const bad = await fx.api('POST', SA, { version: V, body: { name: 'x', description: 'x', roles: ['GROUP_OWNER'], secretExpiresAfterHours: 8 } });
    expect(bad.json).toMatchObject({ error: 400 });
  });

  it('a reset forgets the accounts (they live with the organization records the seed makes)', async () => {
    await create();
    fx.sim.reset();
    // the simulator's own account alone, as seeded
    expect((await fx.api('GET', SA, { version: V })).json.results.map((a: { clientId: string }) => a.clientId)).toEqual([SIM_CLIENT_ID]);
  });
});
