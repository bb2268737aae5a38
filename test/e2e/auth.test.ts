// Credentials you can check (CLI-CONTRACT "Additions", "Credentials"): auth whoami (alias
// whoami) proves them with an authenticated request; auth token prints a service account's
// bearer token.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 }, { reset: false });

const ORGS = [
  { id: SEED.orgId, name: SEED.orgName },
  { id: SEED.secondOrgId, name: SEED.secondOrgName },
  { id: SEED.twinOrgIds[0], name: SEED.twinOrgName },
  { id: SEED.twinOrgIds[1], name: SEED.twinOrgName },
];

/** A service account instead of the simulator's API key. */
const serviceAccount = () => ({
  ATLAS_PUBLIC_KEY: undefined,
  ATLAS_PRIVATE_KEY: undefined,
  ATLAS_CLIENT_ID: sim.credentials.clientId,
  ATLAS_CLIENT_SECRET: sim.credentials.clientSecret,
});

describe('auth whoami', () => {
  it('-o json: the kind, the public key, where it came from and the organizations (listOrgs)', async () => {
    const from = sim.requests.length;
    const r = await runCli(['auth', 'whoami', '-o', 'json'], { sim });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.json()).toEqual({ kind: 'apiKey', id: sim.credentials.publicKey, source: 'env', orgs: ORGS });
    expect(apiRequests(sim, from).map((q) => q.operationId)).toEqual(['listOrgs']);
  });

  it('whoami is an alias; --projects adds the projects; a flag and a profile are named as the source', async () => {
    const r = await runCli(['whoami', '--projects', '-o', 'json', '--public-key', sim.credentials.publicKey, '--private-key', sim.credentials.privateKey], { sim });
    expect(r.code).toBe(0);
    expect(r.json().source).toBe('flag');
    expect(r.json().projects).toContainEqual({ id: SEED.spacedProjectId, name: SEED.spacedProjectName, orgId: SEED.secondOrgId });
    const configHome = tempDir();
    const env = { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined };
    expect(
      (
        await runCli(['config', 'init', '--profile', 'ci', '--public-key', sim.credentials.publicKey, '--private-key', sim.credentials.privateKey, '--no-verify'], {
          sim,
          configHome,
          env,
        })
      ).code,
    ).toBe(0);
    const p = await runCli(['whoami', '--profile', 'ci', '--query', 'source', '-o', 'value'], { sim, configHome, env });
    expect([p.code, p.stdout]).toEqual([0, 'profile:ci\n']);
  });

  it('a service account', async () => {
    const r = await runCli(['auth', 'whoami', '-o', 'json'], { sim, env: serviceAccount() });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ kind: 'serviceAccount', id: sim.credentials.clientId, source: 'env' });
  });

  it('as text: one line for the key, one an organization', async () => {
    const r = await runCli(['auth', 'whoami'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`API key ${sim.credentials.publicKey} (from env)\norganizations (4):\n${ORGS.map((o) => `  ${o.id}  ${o.name}`).join('\n')}\n`);
  });

  it('rejected credentials: exit 3; none at all: exit 3 before any request', async () => {
    const bad = await runCli(['auth', 'whoami'], { sim, env: { ATLAS_PRIVATE_KEY: 'wrong-private-key' } });
    expect(bad.code).toBe(3);
    expect(bad.stdout).toBe('');
    const from = sim.requests.length;
    const none = await runCli(['whoami'], { sim, env: { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined } });
    expect(none.code).toBe(3);
    expect(none.stderr).toMatch(/^atlascli: no credentials/);
    expect(sim.requests.length).toBe(from);
  });
});

describe('auth token', () => {
  it('prints the bearer token of the service account and a newline; it works on the API', async () => {
    const r = await runCli(['auth', 'token'], { sim, env: serviceAccount() });
    expect([r.code, r.stderr]).toEqual([0, '']);
    expect(r.stdout).toMatch(/^\S+\n$/);
    const token = r.stdout.trim();
    const res = await fetch(`${sim.url}/api/atlas/v2/groups/${SEED.projectId}`, { headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.atlas.2023-01-01+json' } });
    expect(res.status).toBe(200);
  });

  it('with API keys: exit 2, nothing sent', async () => {
    const from = sim.requests.length;
    const r = await runCli(['auth', 'token'], { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('atlascli: API keys have no access token: they authenticate with HTTP Digest (hint: a service account (--client-id and --client-secret) has one)\n');
    expect(sim.requests.length).toBe(from);
  });
});

describe('config init proves the credentials before saving', () => {
  const noEnv = { ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined };

  it('good ones: one listOrgs, a note on stderr, saved', async () => {
    const configHome = tempDir();
    const from = sim.requests.length;
    const r = await runCli(['config', 'init', '--public-key', sim.credentials.publicKey, '--private-key', sim.credentials.privateKey], { sim, configHome, env: noEnv });
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(`credentials verified: they reach 4 organizations (${ORGS.map((o) => o.name).join(', ')})`);
    expect(apiRequests(sim, from).map((q) => q.operationId)).toEqual(['listOrgs']);
    expect((await runCli(['whoami', '--query', 'source', '-o', 'value'], { sim, configHome, env: noEnv })).stdout).toBe('profile:default\n');
  });

  it('refused ones: exit 3, nothing saved; --no-verify saves them unchecked, sending nothing', async () => {
    const configHome = tempDir();
    const r = await runCli(['config', 'init', '--public-key', sim.credentials.publicKey, '--private-key', 'wrong-private-key'], { sim, configHome, env: noEnv });
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^atlascli: the credentials were refused, nothing was saved: .*\(hint: check them, or save them unchecked with --no-verify\)\n$/);
    expect((await runCli(['config', 'list', '-o', 'json'], { sim, configHome, env: noEnv })).json()).toEqual([]);
    const from = sim.requests.length;
    const unchecked = await runCli(['config', 'init', '--public-key', sim.credentials.publicKey, '--private-key', 'wrong-private-key', '--no-verify'], {
      sim,
      configHome,
      env: noEnv,
    });
    expect(unchecked.code).toBe(0);
    expect(sim.requests.length).toBe(from);
  });
});
