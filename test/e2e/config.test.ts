import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0 }, { reset: false });

const noEnv = { ATLAS_BASE_URL: undefined, ATLAS_PUBLIC_KEY: undefined, ATLAS_PRIVATE_KEY: undefined, ATLAS_ORG_ID: undefined, ATLAS_PROJECT_ID: undefined };

describe('config', () => {
  it('init without a terminal takes flags, writes 0600 in 0700, and the profile then works', async () => {
    const home = tempDir();
    const init = await runCli(
      ['config', 'init', '--public-key', sim.credentials.publicKey, '--private-key', sim.credentials.privateKey, '--base-url', sim.url, '--project', sim.credentials.projectId],
      { configHome: home, env: noEnv },
    );
    expect(init.stderr).not.toContain(sim.credentials.privateKey);
    expect(init.code).toBe(0);
    const path = (await runCli(['config', 'path'], { configHome: home })).stdout.trim();
    expect(path).toBe(join(home, 'atlascli', 'config.json'));
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, 'atlascli')).mode & 0o777).toBe(0o700);
    expect(JSON.parse(readFileSync(path, 'utf8')).profiles.default.publicKey).toBe(sim.credentials.publicKey);

    const list = await runCli(['project', 'get', '-o', 'json'], { configHome: home, env: noEnv });
    expect(list.code).toBe(0);
    expect(list.json().id).toBe(sim.credentials.projectId);
  });

  it('init without a terminal and without credentials fails at once, listing what is missing', async () => {
    const r = await runCli(['config', 'init'], { env: noEnv });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--public-key/);
  });

  it('set, get, unset with camel or kebab keys, on the profile --profile names', async () => {
    const home = tempDir();
    expect((await runCli(['config', 'set', 'project-id', 'a'.repeat(24)], { configHome: home })).code).toBe(0);
    expect((await runCli(['config', 'get', 'projectId'], { configHome: home })).stdout).toBe(`${'a'.repeat(24)}\n`);
    expect((await runCli(['config', 'set', 'orgId', 'b'.repeat(24), '--profile', 'ci'], { configHome: home })).code).toBe(0);
    expect((await runCli(['config', 'get', 'org-id', '--profile', 'ci'], { configHome: home })).stdout.trim()).toBe('b'.repeat(24));
    expect((await runCli(['config', 'get', 'org-id'], { configHome: home })).code).toBe(2);
    expect((await runCli(['config', 'unset', 'project-id'], { configHome: home })).code).toBe(0);
    expect((await runCli(['config', 'get', 'projectId'], { configHome: home })).code).toBe(2);
    expect((await runCli(['config', 'set', 'nonsense', 'x'], { configHome: home })).code).toBe(2);
    expect((await runCli(['config', 'set', 'output', 'xml'], { configHome: home })).code).toBe(2);
  });

  it('never prints a secret: get masks it', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'private-key', 'super-secret-value'], { configHome: home });
    const r = await runCli(['config', 'get', 'private-key'], { configHome: home });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('super-secret-value');
    expect(r.stdout.trim()).toBe('********');
  });

  it('describe shows each value and its source, secrets masked, flag > env > profile > default', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'project-id', 'c'.repeat(24)], { configHome: home });
    await runCli(['config', 'set', 'org-id', 'd'.repeat(24)], { configHome: home });
    await runCli(['config', 'set', 'public-key', 'profile-public'], { configHome: home });
    const r = await runCli(['config', 'describe', '-o', 'json', '--org', 'e'.repeat(24)], {
      configHome: home,
      env: { ...noEnv, ATLAS_PUBLIC_KEY: 'env-public', MONGODB_ATLAS_PRIVATE_API_KEY: 'env-private-secret' },
    });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('env-private-secret');
    const rows = Object.fromEntries(r.json().map((x: { setting: string }) => [x.setting, x]));
    expect(rows.orgId).toMatchObject({ value: 'e'.repeat(24), source: 'flag', from: '--org' });
    expect(rows.publicKey).toMatchObject({ value: 'env-public', source: 'env', from: 'ATLAS_PUBLIC_KEY' });
    expect(rows.privateKey).toMatchObject({ value: '********', source: 'env', from: 'MONGODB_ATLAS_PRIVATE_API_KEY' });
    expect(rows.projectId).toMatchObject({ value: 'c'.repeat(24), source: 'profile' });
    expect(rows.baseUrl).toMatchObject({ value: 'https://cloud.mongodb.com', source: 'default' });
  });

  it('list, use and delete profiles; delete refuses without --force when nothing can prompt', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json', '--profile', 'one'], { configHome: home });
    await runCli(['config', 'set', 'output', 'csv', '--profile', 'two'], { configHome: home });
    expect((await runCli(['config', 'use', 'two'], { configHome: home })).code).toBe(0);
    const list = await runCli(['config', 'list', '-o', 'json'], { configHome: home });
    expect(list.json()).toEqual([
      { name: 'one', active: false },
      { name: 'two', active: true },
    ]);
    expect((await runCli(['config', 'use', 'three'], { configHome: home })).code).toBe(2);
    expect((await runCli(['config', 'delete', 'one'], { configHome: home })).code).toBe(2);
    expect((await runCli(['config', 'delete', 'one', '--force'], { configHome: home })).code).toBe(0);
    expect((await runCli(['config', 'list', '-o', 'json'], { configHome: home })).json()).toEqual([{ name: 'two', active: true }]);
  });

  it('a named profile that does not exist is refused before any request', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json'], { configHome: home });
    const before = sim.requests.length;
    const r = await runCli(['project', 'list', '--profile', 'nope'], { configHome: home, sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/profile "nope" does not exist.*default/);
    expect(sim.requests.length).toBe(before);
  });

  it('a profile output setting applies, and a flag beats it', async () => {
    const home = tempDir();
    await runCli(['config', 'set', 'output', 'json'], { configHome: home });
    const r = await runCli(['config', 'list'], { configHome: home });
    expect(r.json()).toEqual([{ name: 'default', active: true }]);
    const table = await runCli(['config', 'list', '-o', 'table'], { configHome: home });
    expect(table.stdout).toMatch(/^NAME\s+ACTIVE\ndefault\s+\*\n$/);
  });
});

describe('usage errors', () => {
  it('an unknown command or option exits 2', async () => {
    expect((await runCli(['nope'])).code).toBe(2);
    expect((await runCli(['project', 'list', '--bogus'])).code).toBe(2);
    expect((await runCli(['project', 'list', '-o', 'xml'])).code).toBe(2);
    expect((await runCli(['project', 'list', '--timeout', '-1'])).code).toBe(2);
    const typo = await runCli(['project', 'lst']);
    expect(typo.stderr).toBe("atlascli: unknown command 'lst' (Did you mean one of list, ls?) (hint: see --help)\n");
    const asJson = await runCli(['project', 'lst', '-o', 'json']);
    expect(asJson.code).toBe(2);
    expect(JSON.parse(asJson.stderr)).toEqual({
      error: { status: 0, errorCode: 'INVALID_INPUT', detail: "unknown command 'lst' (Did you mean one of list, ls?)" },
    });
    const group = await runCli(['project']);
    expect(group.code).toBe(2);
    expect(group.stderr).toMatch(/Usage: atlascli project/);
    expect(group.stdout).toBe('');
  });

  it('--help and --version exit 0 on stdout', async () => {
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const h = await runCli(['project', '--help']);
    expect(h.code).toBe(0);
    expect(h.stdout).toMatch(/Usage: atlascli project/);
  });
});
