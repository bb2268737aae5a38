// Who may do what in the organization: API keys (create, update, delete), service
// accounts and their secrets, invitations. Secrets Atlas shows once are printed once, on
// stdout, and never again: not by a later get or list, not on stderr, not in --debug.
import { describe, expect, it } from 'vitest';
import { SEED, SIM_CLIENT_ID, SIM_CLIENT_SECRET } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const ORG = 'a0123456789abcdef012345a';
const PROJECT = 'b0123456789abcdef012345b';
const KEY = 'f0123456789abcdef012345f';
const HOUR = 3_600_000;
const SA = `/api/atlas/v2/orgs/${ORG}/serviceAccounts`;

const sim = sharedSimulator({ port: 0, stepMs: 50, clock: 'manual' });

/** Runs `args` and expects exit 2, `msg` on stderr, and not one request sent. */
async function refused(args: string[], msg: RegExp): Promise<void> {
  const before = sim.requests.length;
  const r = await runCli(args, { sim });
  expect([r.code, r.stdout], args.join(' ')).toEqual([2, '']);
  expect(r.stderr, args.join(' ')).toMatch(msg);
  expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
  expect(sim.requests.length, args.join(' ')).toBe(before);
}

describe('org api-keys create, update, delete', () => {
  it('create prints the private key once, on stdout; list, get and --debug never show it again', async () => {
    const before = sim.requests.length;
    const r = await runCli(['org', 'api-keys', 'create', '--description', 'CI deploy', '--role', 'org_member', '--role', 'ORG_READ_ONLY', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [post] = apiRequests(sim, before);
    expect([post!.method, post!.path, post!.status, post!.body]).toEqual([
      'POST',
      `/api/atlas/v2/orgs/${ORG}/apiKeys`,
      200,
      { desc: 'CI deploy', roles: ['ORG_MEMBER', 'ORG_READ_ONLY'] },
    ]);
    const created = r.json();
    const secret = sim.state.apiKeys.get(created.id)!.privateKey;
    // exactly as served: the key in full (spec ApiKeyUserDetails.privateKey: "only shown once")
    expect(created).toEqual({
      desc: 'CI deploy',
      id: created.id,
      links: [{ href: `${sim.url}/api/atlas/v2/orgs/${ORG}/apiKeys/${created.id}`, rel: 'self' }],
      privateKey: secret,
      publicKey: sim.state.apiKeys.get(created.id)!.publicKey,
      roles: [
        { orgId: ORG, roleName: 'ORG_MEMBER' },
        { orgId: ORG, roleName: 'ORG_READ_ONLY' },
      ],
    });
    expect(r.stderr).toMatch(/shown only this once/);
    expect(r.stderr).not.toContain(secret);
    const table = await runCli(['org', 'api-keys', 'get', created.id, '--format', 'full'], { sim });
    expect(table.stdout).toContain(`privateKey\t********-****-****-${secret.slice(-12)}`);
    expect(table.stdout + table.stderr).not.toContain(secret);
    for (const args of [
      ['org', 'api-keys', 'list', '-o', 'json', '--debug'],
      ['org', 'api-keys', 'get', created.id, '--debug', '-o', 'json'],
      ['org', 'api-keys', 'update', created.id, '--description', 'CI', '--debug', '-o', 'json'],
    ]) {
      const again = await runCli(args, { sim });
      expect(again.code, args.join(' ')).toBe(0);
      expect(again.stdout + again.stderr, args.join(' ')).not.toContain(secret);
      expect(again.stdout, args.join(' ')).toContain(`********-****-****-${secret.slice(-12)}`);
    }
  });

  it('a created key authenticates to the simulator (HTTP Digest) until it is deleted', async () => {
    let r = await runCli(['org', 'api-keys', 'create', '--description', 'login', '--role', 'ORG_READ_ONLY', '-o', 'json'], { sim });
    const { id, publicKey, privateKey } = r.json();
    const env = { ATLAS_PUBLIC_KEY: publicKey, ATLAS_PRIVATE_KEY: privateKey };
    r = await runCli(['auth', 'whoami', '-o', 'json'], { sim, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'apiKey', id: publicKey, source: 'env' });
    await runCli(['org', 'api-keys', 'delete', id, '--force'], { sim });
    r = await runCli(['auth', 'whoami'], { sim, env });
    expect(r.code).toBe(3);
  });

  it('--debug on the create itself masks the key on stderr, prints it on stdout', async () => {
    const r = await runCli(['org', 'api-keys', 'create', '--description', 'dbg', '--role', 'ORG_MEMBER', '--fields', 'id,privateKey', '-o', 'value', '--debug'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [id, secret] = r.stdout.trim().split('\t');
    expect(secret).toBe(sim.state.apiKeys.get(id!)!.privateKey);
    expect(r.stderr).toMatch(/POST .*apiKeys/);
    expect(r.stderr).not.toContain(secret);
  });

  it('the table shows the private key as a column, once', async () => {
    const r = await runCli(['org', 'api-keys', 'create', '--description', 'table', '--role', 'ORG_MEMBER'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header).toBe('ID\tPUBLIC KEY\tDESCRIPTION\tROLES\tPRIVATE KEY');
    const id = row!.split('\t')[0]!;
    const k = sim.state.apiKeys.get(id)!;
    expect(row).toBe(`${id}\t${k.publicKey}\ttable\tORG_MEMBER\t${k.privateKey}`);
  });

  it('on a narrow terminal the secrets printed once are never cut (the other columns are): private key, service account secret, generated password', async () => {
    const terminal = { columns: 40 };
    let r = await runCli(['org', 'api-keys', 'create', '--description', 'a long description that will not fit', '--role', 'ORG_MEMBER'], { sim, terminal });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('…');
    const key = [...sim.state.apiKeys.values()].at(-1)!.privateKey;
    expect(r.stdout).toContain(key);
    r = await runCli(['service-account', 'create', '--name', 'a-rather-long-service-account-name', '--description', 'd', '--role', 'ORG_MEMBER'], { sim, terminal });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/mdb_sa_sk_[0-9a-f]{40}/);
    r = await runCli(['user', 'create', 'a-rather-long-database-user-name', '--role', 'readWriteAnyDatabase@admin', '--generate-password'], { sim, terminal });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\b[A-Za-z2-9]{24}\b/);
  });

  it('output options that would drop the private key are refused before anything is sent (as --generate-password)', async () => {
    const create = ['org', 'api-keys', 'create', '--description', 'x', '--role', 'ORG_MEMBER'];
    await refused([...create, '--fields', 'id,publicKey'], /`org api-keys create` prints the private key as the field `privateKey`: --fields must include it/);
    await refused([...create, '--query', 'publicKey'], /--query must keep it/);
    await refused([...create, '--query', 'roles[].roleName', '-o', 'value'], /--query must keep it/);
    // the same mechanism guards a generated password, --query included
    await refused(
      ['user', 'create', 'u', '--role', 'read@s', '--generate-password', '--query', 'username'],
      /--generate-password prints the new password as the field `password`: --query must keep it/,
    );
    // and lets through what keeps it
    const r = await runCli([...create, '--query', '{id: id, key: privateKey}'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json().key).toBe(sim.state.apiKeys.get(r.json().id)!.privateKey);
  });

  it('update sends what is given (--role replaces the organization roles, the project roles stay) and prints the key masked', async () => {
    const before = sim.requests.length;
    const r = await runCli(['org', 'api-keys', 'update', KEY, '--role', 'ORG_READ_ONLY', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [patch] = apiRequests(sim, before);
    expect([patch!.method, patch!.path, patch!.body]).toEqual(['PATCH', `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}`, { roles: ['ORG_READ_ONLY'] }]);
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}`));
    // the seeded key is also in the default project: its project role is not the organization's to replace
    // (spec, updateOrgApiKey: `roles` are roles "in this organization"; project roles change with updateGroupApiKeyRoles)
    expect(r.json().roles).toEqual([
      { orgId: ORG, roleName: 'ORG_READ_ONLY' },
      { groupId: SEED.projectId, roleName: 'GROUP_CLUSTER_MANAGER' },
    ]);
  });

  it('delete: asks, --force deletes (204); --if-exists takes Atlas’s 400 API_KEY_NOT_FOUND as absent (Atlas API error-code list)', async () => {
    let r = await runCli(['org', 'api-keys', 'delete', KEY, '--force', '-o', 'json'], { sim });
    expect([r.code, r.json()]).toEqual([0, { id: KEY, deleted: true }]);
    expect(sim.state.apiKeys.has(KEY)).toBe(false);
    r = await runCli(['org', 'api-keys', 'delete', KEY, '--force'], { sim });
    expect(r.code).toBe(4); // not found, though Atlas says it with 400
    expect(r.stderr).toMatch(/400 API_KEY_NOT_FOUND/);
    r = await runCli(['org', 'api-keys', 'delete', KEY, '--force', '--if-exists'], { sim });
    expect([r.code, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toMatch(/API key f0123456789abcdef012345f does not exist: nothing to delete/);
  });

  it('--dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['org', 'api-keys', 'create', '--description', 'x', '--role', 'ORG_MEMBER', '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', url: `${sim.url}/api/atlas/v2/orgs/${ORG}/apiKeys`, body: { desc: 'x', roles: ['ORG_MEMBER'] } });
    expect(apiRequests(sim, before)).toEqual([]);
  });

  it('bad input exits 2 and sends nothing', async () => {
    await refused(
      ['org', 'api-keys', 'create', '--description', 'x', '--role', 'ORG_ADMIN'],
      /invalid --role "ORG_ADMIN": not an organization role \(hint: organization roles: ORG_OWNER, ORG_MEMBER/,
    );
    await refused(['org', 'api-keys', 'create', '--description', 'x', '--role', 'GROUP_OWNER'], /GROUP_OWNER is a project role/);
    await refused(['org', 'api-keys', 'create', '--description', 'x'], /needs at least one --role/);
    await refused(['org', 'api-keys', 'create', '--role', 'ORG_MEMBER'], /needs a --description/);
    await refused(['org', 'api-keys', 'create', '--role', 'ORG_MEMBER', '--description', 'd'.repeat(251)], /longer than 250/);
    await refused(['org', 'api-keys', 'update', KEY], /nothing to change/);
    await refused(['org', 'api-keys', 'update', 'nope', '--role', 'ORG_MEMBER'], /invalid API key id "nope"/);
    // the consequence in parentheses after the act, not glued to "without --force" (shared.ts confirmDestructive)
    await refused(
      ['org', 'api-keys', 'delete', KEY],
      new RegExp(
        `^atlascli: refusing to delete API key ${KEY} without --force \\(whatever uses it could no longer reach Atlas\\): no terminal to confirm on \\(hint: pass --force`,
      ),
    );
  });
});

describe('service-account', () => {
  /** Creates an account through the CLI; returns the document as printed. */
  async function createAccount(extra: string[] = []): Promise<any> {
    const r = await runCli(['service-account', 'create', '--name', 'ci-deploy', '--description', 'Deploys from CI', '--role', 'ORG_MEMBER', '-o', 'json', ...extra], { sim });
    expect(r.code, r.stderr).toBe(0);
    return r.json();
  }

  it('create sends OrgServiceAccountRequest and prints the account with its secret whole, once (201)', async () => {
    const before = sim.requests.length;
    const now = sim.clock.now();
    const doc = await createAccount(['--secret-expires-after', '90d']);
    const [post] = apiRequests(sim, before);
    expect([post!.method, post!.path, post!.status, post!.body]).toEqual([
      'POST',
      SA,
      201,
      { name: 'ci-deploy', description: 'Deploys from CI', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 2160 },
    ]);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(doc).toEqual({
      clientId: expect.stringMatching(/^mdb_sa_id_[0-9a-f]{24}$/),
      createdAt: iso(now),
      description: 'Deploys from CI',
      name: 'ci-deploy',
      roles: ['ORG_MEMBER'],
      secrets: [
        {
          createdAt: iso(now),
          expiresAt: iso(now + 2160 * HOUR),
          id: expect.stringMatching(/^[0-9a-f]{24}$/),
          maskedSecretValue: `mdb_sa_sk_...${doc.secrets[0].secret.slice(-4)}`,
          secret: expect.stringMatching(/^mdb_sa_sk_[0-9a-f]{40}$/),
        },
      ],
    });
  });

  it('the table of create shows the secret once, in its own column; -o value prints the short view with it', async () => {
    let r = await runCli(['service-account', 'create', '--name', 'ci', '--description', 'ci', '--role', 'ORG_READ_ONLY'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [header, row] = r.stdout.trim().split('\n');
    expect(header).toBe('CLIENT ID\tNAME\tROLES\tSECRET ID\tSECRET\tEXPIRES');
    const [clientId, , , secretId, secret, expires] = row!.split('\t');
    expect(row).toBe(`${clientId}\tci\tORG_READ_ONLY\t${secretId}\t${secret}\t${expires}`);
    expect(secret).toMatch(/^mdb_sa_sk_[0-9a-f]{40}$/);
    r = await runCli(['service-account', 'secret', 'create', clientId!, '-o', 'value'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^[0-9a-f]{24}\tmdb_sa_sk_[0-9a-f]{40}\t\S+Z\t\S+Z\n$/);
  });

  it('the organization by name (--org), as every org command takes it; an empty list prints nothing when piped', async () => {
    const before = sim.requests.length;
    const r = await runCli(['service-account', 'list', '--org', SEED.secondOrgName], { sim });
    expect([r.code, r.stdout, r.stderr]).toEqual([0, '', '']);
    expect(apiRequests(sim, before).map((q) => `${q.operationId} ${q.path}`)).toEqual([
      'listOrgs /api/atlas/v2/orgs',
      `listOrgServiceAccounts /api/atlas/v2/orgs/${SEED.secondOrgId}/serviceAccounts`,
    ]);
  });

  it("the simulator's own service account (the README's) is one Atlas could issue: get shows it, list names it", async () => {
    expect(SIM_CLIENT_ID).toMatch(/^mdb_sa_id_[0-9a-f]{24}$/);
    let r = await runCli(['service-account', 'get', SIM_CLIENT_ID, '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual(await served(sim, `${SA}/${SIM_CLIENT_ID}`, '2024-08-05'));
    expect(r.json()).toMatchObject({ clientId: SIM_CLIENT_ID, name: 'atlascli-simulator', roles: ['ORG_OWNER'] });
    expect(r.stdout).not.toContain(SIM_CLIENT_SECRET);
    r = await runCli(['service-account', 'list', '-o', 'value', '--fields', 'clientId'], { sim });
    expect([r.code, r.stdout]).toEqual([0, `${SIM_CLIENT_ID}\n`]);
  });

  it('completion offers the roles and lifetimes the commands take', async () => {
    let r = await runCli(['__complete', 'service-account', 'create', '--role', 'ORG_R'], { sim });
    expect(r.stdout).toBe('ORG_READ_ONLY\n');
    r = await runCli(['__complete', 'invitation', 'create', 'a@b.co', '--project-role', 'GROUP_DATA'], { sim });
    expect(r.stdout.trim().split('\n')).toEqual(['GROUP_DATABASE_ACCESS_ADMIN', 'GROUP_DATA_ACCESS_ADMIN', 'GROUP_DATA_ACCESS_READ_ONLY', 'GROUP_DATA_ACCESS_READ_WRITE']);
    r = await runCli(['__complete', 'service-account', 'secret', 'create', 'x', '--expires-after', '3'], { sim });
    expect(r.stdout).toBe('30d\n365d\n');
  });

  it('the secret is never shown again: not by get, list (table, json, jsonl), not on stderr, not in --debug', async () => {
    const r = await runCli(['service-account', 'create', '--name', 'ci', '--description', 'ci', '--role', 'ORG_MEMBER', '--debug', '--fields', 'clientId,secret', '-o', 'value'], {
      sim,
    });
    expect(r.code, r.stderr).toBe(0);
    const [clientId, secret] = r.stdout.trim().split('\t');
    expect(secret).toMatch(/^mdb_sa_sk_/);
    expect(r.stderr).toMatch(/POST .*serviceAccounts/);
    expect(r.stderr).not.toContain(secret);
    for (const args of [
      ['service-account', 'get', clientId!, '-o', 'json', '--debug'],
      ['service-account', 'get', clientId!],
      ['service-account', 'list', '--debug'],
      ['service-accounts', 'ls', '-o', 'jsonl'],
      ['service-account', 'list', '--format', 'full'],
    ]) {
      const again = await runCli(args, { sim });
      expect(again.code, args.join(' ')).toBe(0);
      expect(again.stdout + again.stderr, args.join(' ')).not.toContain(secret);
    }
    const got = await runCli(['service-account', 'get', clientId!, '-o', 'json'], { sim });
    expect(got.json()).toEqual(await served(sim, `${SA}/${clientId}`, '2024-08-05'));
    expect(got.json().secrets[0].maskedSecretValue).toBe(`mdb_sa_sk_...${secret!.slice(-4)}`);
  });

  it('a created account logs in to the simulator with its secret (OAuth client credentials), until the secret is deleted', async () => {
    const doc = await createAccount();
    const env = { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined, ATLAS_CLIENT_ID: doc.clientId, ATLAS_CLIENT_SECRET: doc.secrets[0].secret };
    let r = await runCli(['auth', 'whoami', '-o', 'json'], { sim, env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'serviceAccount', id: doc.clientId, source: 'env' });
    expect(r.stdout + r.stderr).not.toContain(doc.secrets[0].secret);
    r = await runCli(['service-account', 'secret', 'delete', doc.clientId, doc.secrets[0].id, '--force'], { sim });
    expect(r.code, r.stderr).toBe(0);
    r = await runCli(['auth', 'whoami'], { sim, env: { ...env, XDG_CACHE_HOME: undefined }, configHome: undefined });
    expect(r.code).toBe(3);
  });

  it('secret create prints the new secret once; older secrets now expire within 7 days (docs: rotate-service-account-secrets)', async () => {
    const doc = await createAccount(['--secret-expires-after', '365d']);
    sim.clock.advance(2 * HOUR);
    const now = sim.clock.now();
    const before = sim.requests.length;
    const r = await runCli(['service-account', 'secret', 'create', doc.clientId, '--expires-after', 'P30D', '-o', 'json', '--debug'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const [post] = apiRequests(sim, before);
    expect([post!.path, post!.status, post!.body]).toEqual([`${SA}/${doc.clientId}/secrets`, 201, { secretExpiresAfterHours: 720 }]);
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(r.json()).toEqual({
      createdAt: iso(now),
      expiresAt: iso(now + 720 * HOUR),
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      maskedSecretValue: `mdb_sa_sk_...${r.json().secret.slice(-4)}`,
      secret: expect.stringMatching(/^mdb_sa_sk_/),
    });
    expect(r.stderr).not.toContain(r.json().secret);
    const got = await runCli(['service-account', 'get', doc.clientId, '-o', 'json'], { sim });
    expect(got.json().secrets.map((s: { expiresAt: string }) => s.expiresAt)).toEqual([iso(now + 7 * 24 * HOUR), iso(now + 720 * HOUR)]);
    expect(got.stdout).not.toContain(r.json().secret);
    // the table
    const t = await runCli(['service-account', 'get', doc.clientId], { sim });
    expect(t.stdout).toBe(`CLIENT ID\tNAME\tROLES\tSECRETS\tNEXT EXPIRY\n${doc.clientId}\tci-deploy\tORG_MEMBER\t2\t${iso(now + 7 * 24 * HOUR)}\n`);
  });

  it('delete and secret delete: --force, --if-exists on an absent one', async () => {
    const doc = await createAccount();
    let r = await runCli(['service-account', 'secret', 'delete', doc.clientId, doc.secrets[0].id, '--force', '-o', 'json'], { sim });
    expect([r.code, r.json()]).toEqual([0, { clientId: doc.clientId, secretId: doc.secrets[0].id, deleted: true }]);
    r = await runCli(['service-account', 'secret', 'delete', doc.clientId, doc.secrets[0].id, '--force', '--if-exists'], { sim });
    expect([r.code, r.stderr]).toEqual([0, `secret ${doc.secrets[0].id} of service account ${doc.clientId} does not exist: nothing to delete (--if-exists)\n`]);
    r = await runCli(['service-account', 'delete', doc.clientId, '--force'], { sim });
    expect(r.code, r.stderr).toBe(0);
    r = await runCli(['service-account', 'get', doc.clientId], { sim });
    expect(r.code).toBe(4);
    r = await runCli(['service-account', 'delete', doc.clientId, '--force', '--if-exists'], { sim });
    expect(r.code).toBe(0);
  });

  it('output options that would drop a new secret are refused before anything is sent', async () => {
    await refused(['service-account', 'create', '--name', 'n', '--description', 'd', '--role', 'ORG_MEMBER', '--fields', 'clientId'], /--fields must include it/);
    await refused(['service-account', 'create', '--name', 'n', '--description', 'd', '--role', 'ORG_MEMBER', '--query', 'clientId'], /--query must keep it/);
    await refused(
      ['service-account', 'secret', 'create', 'mdb_sa_id_0123456789abcdef01234567', '--fields', 'id,expiresAt'],
      /prints the new secret as the field `secret`: --fields must include it/,
    );
    const doc = await createAccount();
    const r = await runCli(['service-account', 'secret', 'create', doc.clientId, '--query', 'secret', '-o', 'value'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^mdb_sa_sk_[0-9a-f]{40}\n$/);
  });

  it('--dry-run prints the requests of create and secret create and sends nothing', async () => {
    const before = sim.requests.length;
    let r = await runCli(['service-account', 'create', '--name', 'n', '--description', 'd', '--role', 'ORG_MEMBER', '--dry-run', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({
      dryRun: true,
      method: 'POST',
      url: `${sim.url}${SA}`,
      body: { name: 'n', description: 'd', roles: ['ORG_MEMBER'], secretExpiresAfterHours: 720 },
    });
    r = await runCli(['service-account', 'secret', 'create', 'mdb_sa_id_0123456789abcdef01234567', '--expires-after', '8h', '--dry-run', '-o', 'json'], { sim });
    expect(r.json()).toMatchObject({ method: 'POST', url: `${sim.url}${SA}/mdb_sa_id_0123456789abcdef01234567/secrets`, body: { secretExpiresAfterHours: 8 } });
    expect(apiRequests(sim, before)).toEqual([]);
  });

  it('bad input exits 2 and sends nothing: roles, names, client ids, lifetimes (8 hours to 365 days, whole hours)', async () => {
    const create = ['service-account', 'create', '--name', 'n', '--description', 'd'];
    await refused([...create, '--role', 'ORG_MEMBR'], /invalid --role "ORG_MEMBR".*did you mean ORG_MEMBER/);
    await refused([...create], /needs at least one --role/);
    await refused(['service-account', 'create', '--description', 'd', '--role', 'ORG_MEMBER'], /^atlascli: --name is required \(hint: e\.g\. --name ci-deploy\)\n$/);
    await refused(['service-account', 'create', '--name', 'a/b', '--description', 'd', '--role', 'ORG_MEMBER'], /invalid --name "a\/b"/);
    await refused([...create, '--role', 'ORG_MEMBER', '--secret-expires-after', '7h'], /from 8 hours to 365 days/);
    await refused([...create, '--role', 'ORG_MEMBER', '--secret-expires-after', '366d'], /from 8 hours to 365 days/);
    await refused([...create, '--role', 'ORG_MEMBER', '--secret-expires-after', '90m'], /whole hours/);
    await refused([...create, '--role', 'ORG_MEMBER', '--secret-expires-after', 'soon'], /invalid --secret-expires-after "soon"/);
    await refused(['service-account', 'get', 'mdb_sa_id_xyz'], /invalid client id "mdb_sa_id_xyz"/);
    await refused(['service-account', 'secret', 'delete', 'mdb_sa_id_0123456789abcdef01234567', 'nope', '--force'], /invalid secret id "nope"/);
    await refused(
      ['service-account', 'delete', 'mdb_sa_id_0123456789abcdef01234567'],
      /^atlascli: refusing to delete service account mdb_sa_id_0123456789abcdef01234567 without --force \(whatever logs in with it could no longer reach Atlas\): no terminal to confirm on/,
    );
  });
});

describe('invitation', () => {
  it('create checks and sends OrganizationInvitationRequest, with project roles for -p; list, get, delete', async () => {
    const before = sim.requests.length;
    let r = await runCli(['invitation', 'create', 'jane@example.com', '--role', 'ORG_MEMBER', '--project-role', 'group_read_only', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    // the project's organization first (getGroup), then the invitation
    const [get, post] = apiRequests(sim, before);
    expect(get!.operationId).toBe('getGroup');
    expect([post!.method, post!.path, post!.body]).toEqual([
      'POST',
      `/api/atlas/v2/orgs/${ORG}/invites`,
      { username: 'jane@example.com', roles: ['ORG_MEMBER'], groupRoleAssignments: [{ groupId: PROJECT, roles: ['GROUP_READ_ONLY'] }] },
    ]);
    const inv = r.json();
    const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    expect(inv).toEqual({
      createdAt: iso(sim.clock.now()),
      expiresAt: iso(sim.clock.now() + 30 * 24 * HOUR),
      groupRoleAssignments: [{ groupId: PROJECT, groupRole: 'GROUP_READ_ONLY' }],
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      inviterUsername: 'ada.owner@example.com',
      orgId: ORG,
      orgName: 'atlascli Simulated Org',
      roles: ['ORG_MEMBER'],
      teamIds: [],
      username: 'jane@example.com',
    });
    r = await runCli(['invitation', 'get', inv.id, '-o', 'json'], { sim });
    expect(r.json()).toEqual(inv);
    r = await runCli(['invitations', 'list', '-o', 'json'], { sim });
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/orgs/${ORG}/invites`));
    expect(r.json().map((i: { username: string }) => i.username)).toEqual(['new.hire@example.com', 'jane@example.com']);
    r = await runCli(['invitation', 'list', '--email', 'jane@example.com'], { sim });
    expect(r.stdout).toBe(
      `ID\tEMAIL\tROLES\tPROJECT ROLES\tINVITED BY\tEXPIRES\n${inv.id}\tjane@example.com\tORG_MEMBER\tGROUP_READ_ONLY@${PROJECT}\tada.owner@example.com\t${inv.expiresAt}\n`,
    );
    r = await runCli(['invitation', 'list', '--limit', '1', '-o', 'json'], { sim });
    expect(r.json()).toHaveLength(1);
    r = await runCli(['invitation', 'delete', inv.id, '--force'], { sim });
    expect(r.code, r.stderr).toBe(0);
    r = await runCli(['invitation', 'get', inv.id], { sim });
    expect(r.code).toBe(4);
    r = await runCli(['invitation', 'delete', inv.id, '--force', '--if-exists'], { sim });
    expect(r.code).toBe(0);
  });

  it('a project given by name is resolved first; an address already invited is a conflict (exit 5)', async () => {
    let r = await runCli(['invitation', 'create', 'new.hire@example.com', '--role', 'ORG_MEMBER'], { sim });
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/409 USER_ALREADY_IN_ORG/);
    const before = sim.requests.length;
    r = await runCli(['invitation', 'create', 'bob@example.com', '--role', 'ORG_READ_ONLY', '--project', 'atlascli-sim-staging', '--project-role', 'GROUP_OWNER', '-o', 'json'], {
      sim,
    });
    expect(r.code, r.stderr).toBe(0);
    expect(apiRequests(sim, before).map((q) => q.operationId)).toEqual(['getGroupByName', 'createOrgInvite']);
    expect(r.json().groupRoleAssignments).toEqual([{ groupId: 'b1123456789abcdef012345b', groupRole: 'GROUP_OWNER' }]);
  });

  it('a project of another organization: exit 2 naming its organization, before the invitation is sent', async () => {
    // Atlas would answer 404 GROUP_NOT_FOUND (test/simulator/invitations.test.ts): the lookup of the name says it first
    let before = sim.requests.length;
    let r = await runCli(['invitation', 'create', 'jane2@example.com', '--role', 'ORG_MEMBER', '--project', 'Proj Beta', '--project-role', 'GROUP_READ_ONLY'], { sim });
    expect([r.code, r.stdout]).toEqual([2, '']);
    expect(r.stderr).toBe(
      `atlascli: project "Proj Beta" (${SEED.spacedProjectId}) belongs to organization ${SEED.secondOrgId}, not to ${ORG}, which the invitation goes to ` +
        `(hint: to invite to that organization, add --org ${SEED.secondOrgId}; else give a project of ${ORG} (atlascli org projects))\n`,
    );
    expect(apiRequests(sim, before).map((q) => q.operationId)).toEqual(['getGroupByName']);
    // given by id: one getGroup tells its organization
    before = sim.requests.length;
    r = await runCli(['invitation', 'create', 'jane2@example.com', '--role', 'ORG_MEMBER', '-p', SEED.spacedProjectId, '--project-role', 'GROUP_READ_ONLY'], { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^atlascli: project ${SEED.spacedProjectId} belongs to organization ${SEED.secondOrgId}, not to ${ORG}`));
    expect(apiRequests(sim, before).map((q) => q.operationId)).toEqual(['getGroup']);
    // with --org as the hint says, it is sent to that organization
    before = sim.requests.length;
    r = await runCli(
      ['invitation', 'create', 'jane2@example.com', '--role', 'ORG_MEMBER', '--project', 'Proj Beta', '--project-role', 'GROUP_READ_ONLY', '--org', SEED.secondOrgId, '-o', 'json'],
      { sim },
    );
    expect(r.code, r.stderr).toBe(0);
    expect(apiRequests(sim, before).map((q) => [q.operationId, q.path])).toEqual([
      ['getGroupByName', '/api/atlas/v2/groups/byName/Proj%20Beta'],
      ['createOrgInvite', `/api/atlas/v2/orgs/${SEED.secondOrgId}/invites`],
    ]);
  });

  it('the deprecation no atlascli can avoid (the spec offers nothing newer than invites 2023-01-01) is a --debug line, and a warning only near its sunset', async () => {
    const httpDate = (ms: number) => new Date(ms).toUTCString();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const DAY = 24 * HOUR;
    // Atlas answers with Sunset (negotiation.ts; spec x-sunset 2027-07-01): set it relative to today so the test does not age
    const far = Date.now() + 60 * DAY;
    sim.faults.add({ path: `/api/atlas/v2/orgs/${ORG}/invites`, headers: { Sunset: httpDate(far) } });
    let r = await runCli(['invitation', 'list', '-o', 'json'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    r = await runCli(['invitation', 'list', '-o', 'json', '--debug'], { sim });
    const said = r.stderr.split('\n').filter((l) => /deprecated/.test(l));
    expect(said).toEqual([
      `[debug] Atlas marks GET /api/atlas/v2/orgs/${ORG}/invites (version 2023-01-01) as deprecated, to be removed on ${day(far)}; the API has nothing newer to use instead`,
    ]);
    sim.faults.clear();
    // 10 days before the sunset: one short line on every run
    const near = Date.now() + 10 * DAY;
    sim.faults.add({ path: `/api/atlas/v2/orgs/${ORG}/invites`, headers: { Sunset: httpDate(near) } });
    r = await runCli(['invitation', 'list', '-o', 'json'], { sim });
    sim.faults.clear();
    expect([r.code, r.stderr]).toEqual([0, `warning: Atlas removes GET /api/atlas/v2/orgs/${ORG}/invites on ${day(near)}\n`]);
  });

  it('the examples of `invitation create --help` work as written', async () => {
    const help = await runCli(['invitation', 'create', '--help'], { sim });
    const lines = help.stdout.split('\n').filter((l) => l.trim().startsWith('$ atlascli invitation create'));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      const args = [...line.replace(/^\s*\$ atlascli /, '').matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
      const r = await runCli(args, { sim });
      expect(r.code, `${line}: ${r.stderr}`).toBe(0);
    }
  });

  it('bad input exits 2 and sends nothing: the address, the roles', async () => {
    await refused(['invitation', 'create', 'not-an-address', '--role', 'ORG_MEMBER'], /invalid email address "not-an-address"/);
    await refused(['invitation', 'create', 'jane@example', '--role', 'ORG_MEMBER'], /invalid email address/);
    await refused(['invitation', 'create', 'jane@example.com'], /needs at least one --role/);
    await refused(['invitation', 'create', 'jane@example.com', '--role', 'ORG_MEMBER', '--project-role', 'GROUP_ADMIN'], /invalid --project-role "GROUP_ADMIN"/);
    await refused(['invitation', 'create', 'jane@example.com', '--role', 'GROUP_READ_ONLY'], /is a project role/);
    await refused(['invitation', 'list', '--email', 'jane'], /invalid email address "jane"/);
    await refused(
      ['invitation', 'create', 'jane@example.com', '--role', 'ORG_MEMBER', '--project', 'atlascli-sim'],
      /--project names the project of --project-role: give the roles too/,
    );
    await refused(['invitation', 'get', '123'], /invalid invitation id "123"/);
    await refused(['invitation', 'delete', '6a0123456789abcdef012345'], /without --force/);
  });
});
