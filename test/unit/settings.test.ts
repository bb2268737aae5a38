import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../src/settings/resolve.js';
import { ProfileStore, configPath } from '../../src/settings/store.js';
import { profileKeyFromUser } from '../../src/settings/definitions.js';

function store(): { env: NodeJS.ProcessEnv; store: ProfileStore } {
  const env = { XDG_CONFIG_HOME: mkdtempSync(join(tmpdir(), 'atlascli-settings-')) };
  return { env, store: new ProfileStore(env) };
}

/** A fresh store reading what the first one wrote, as the next run of the CLI would. */
async function reread(env: NodeJS.ProcessEnv): Promise<ProfileStore> {
  return new ProfileStore(env).load();
}

describe('settings precedence', () => {
  it('takes flag over environment over profile over default, and says where each came from', async () => {
    const { env, store: s } = store();
    await s.saveProfile('default', { projectId: 'p'.repeat(24), orgId: 'o'.repeat(24), publicKey: 'profile-key' });
    const e = { ...env, ATLAS_PROJECT_ID: 'e'.repeat(24), MONGODB_ATLAS_ORG_ID: 'f'.repeat(24) };
    const settings = new Settings({ project: 'a'.repeat(24) }, e, s);
    expect(settings.resolve('projectId')).toMatchObject({ value: 'a'.repeat(24), source: 'flag', origin: '--project' });
    expect(settings.resolve('orgId')).toMatchObject({ value: 'f'.repeat(24), source: 'env', origin: 'MONGODB_ATLAS_ORG_ID' });
    expect(settings.resolve('publicKey')).toMatchObject({ value: 'profile-key', source: 'profile', origin: 'profile "default"' });
    expect(settings.resolve('baseUrl')).toMatchObject({ value: 'https://cloud.mongodb.com', source: 'default' });
    expect(settings.resolve('privateKey')).toMatchObject({ value: undefined, source: 'unset' });
  });

  it('prefers the first variable of the contract list when both are set', async () => {
    const { env, store: s } = store();
    const settings = new Settings({}, { ...env, ATLAS_PUBLIC_KEY: 'first', MONGODB_ATLAS_PUBLIC_API_KEY: 'second' }, s);
    expect(settings.resolve('publicKey')).toMatchObject({ value: 'first', origin: 'ATLAS_PUBLIC_KEY' });
  });

  it('reads the profile named by --profile, then ATLAS_PROFILE, then the active one', async () => {
    const { env, store: s } = store();
    await s.saveProfile('a', { publicKey: 'from-a' });
    await s.saveProfile('b', { publicKey: 'from-b' });
    await s.saveProfile('c', { publicKey: 'from-c' });
    await s.useProfile('c');
    expect(new Settings({}, env, s).get('publicKey')).toBe('from-c');
    expect(new Settings({}, { ...env, ATLAS_PROFILE: 'b' }, s).get('publicKey')).toBe('from-b');
    expect(new Settings({ profile: 'a' }, { ...env, ATLAS_PROFILE: 'b' }, s).get('publicKey')).toBe('from-a');
  });

  it('refuses a named profile that does not exist', async () => {
    const { env, store: s } = store();
    await s.saveProfile('default', { publicKey: 'x' });
    expect(() => new Settings({ profile: 'nope' }, env, s).assertProfileExists()).toThrow(/profile "nope" does not exist/);
    expect(new Settings({ profile: 'nope' }, env, s).get('publicKey')).toBeUndefined();
    const again = await reread(env);
    expect(() => new Settings({}, { ...env, ATLAS_PROFILE: 'nope' }, again).assertProfileExists()).toThrow(/profile "nope" does not exist/);
    expect(() => new Settings({}, env, again).assertProfileExists()).not.toThrow();
    expect(new Settings({ profile: 'default' }, env, again).get('publicKey')).toBe('x');
  });

  it('lists every secret in play so output can be scrubbed', async () => {
    const { env, store: s } = store();
    const settings = new Settings({ privateKey: 'priv-secret' }, { ...env, ATLAS_CLIENT_SECRET: 'sa-secret' }, s);
    expect(settings.secrets().sort()).toEqual(['priv-secret', 'sa-secret']);
  });

  it('accepts kebab or camel case keys', async () => {
    expect(profileKeyFromUser('project-id')).toBe('projectId');
    expect(profileKeyFromUser('privateKey')).toBe('privateKey');
    expect(profileKeyFromUser('profile')).toBeUndefined();
    expect(profileKeyFromUser('nonsense')).toBeUndefined();
  });
});

describe('profile store', () => {
  it('writes the file 0600 in a 0700 folder under XDG_CONFIG_HOME', async () => {
    const { env, store: s } = store();
    expect(s.exists()).toBe(false);
    await s.setValue('default', 'publicKey', 'k');
    const file = configPath(env);
    expect(file).toBe(join(env.XDG_CONFIG_HOME!, 'atlascli', 'config.json'));
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(env.XDG_CONFIG_HOME!, 'atlascli')).mode & 0o777).toBe(0o700);
  });

  it('unsets keys and deletes profiles', async () => {
    const { store: s } = store();
    await s.saveProfile('x', { publicKey: 'a', orgId: 'b' });
    expect(await s.unsetValue('x', 'orgId')).toBe(true);
    expect(await s.unsetValue('x', 'orgId')).toBe(false);
    expect(s.profile('x')).toEqual({ publicKey: 'a' });
    expect(await s.deleteProfile('x')).toBe(true);
    expect(s.profileNames()).toEqual([]);
  });
});

describe('setting values', () => {
  it('accepts what the API takes and refuses the rest with a usage error', async () => {
    const { checkSetting } = await import('../../src/settings/check.js');
    expect(checkSetting('projectId', 'a'.repeat(24))).toBe('a'.repeat(24));
    expect(checkSetting('baseUrl', 'http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(checkSetting('output', 'jsonl')).toBe('jsonl');
    // anything but an id is a name (src/program/names.ts resolves it), within Atlas's 64 characters
    expect(checkSetting('projectId', 'Proj Beta')).toBe('Proj Beta');
    expect(checkSetting('orgId', 'z'.repeat(24))).toBe('z'.repeat(24));
    expect(() => checkSetting('projectId', 'x'.repeat(65))).toThrow(/invalid project id or name "x{65}": expected an id \(24 hexadecimal characters\) or a name/);
    expect(() => checkSetting('orgId', ' padded')).toThrow(/invalid organization id or name/);
    expect(() => checkSetting('baseUrl', 'ftp://x')).toThrow(/invalid API base URL/);
    expect(() => checkSetting('output', 'xml')).toThrow(/invalid output format "xml"/);
    expect(() => checkSetting('publicKey', '')).toThrow(/empty API public key/);
  });
});

describe('credential pairs and empty flags', () => {
  it('the kind comes from the highest layer holding any credential; each half resolves by precedence; half a pair everywhere is refused', async () => {
    const { env, store: s } = store();
    await s.saveProfile('default', { publicKey: 'prof-pub', privateKey: 'prof-priv', clientId: 'prof-id', clientSecret: 'prof-secret' });
    // same layer: the service account wins
    expect(new Settings({}, env, s).credentials()).toEqual({ kind: 'oauth', clientId: 'prof-id', clientSecret: 'prof-secret' });
    // a higher layer's API key wins over the profile's service account
    expect(new Settings({}, { ...env, ATLAS_PUBLIC_KEY: 'e-pub', ATLAS_PRIVATE_KEY: 'e-priv' }, s).credentials()).toEqual({
      kind: 'digest',
      publicKey: 'e-pub',
      privateKey: 'e-priv',
    });
    // a flag's public key goes with the private key of a lower layer
    expect(new Settings({ publicKey: 'f-pub' }, env, s).credentials()).toEqual({ kind: 'digest', publicKey: 'f-pub', privateKey: 'prof-priv' });
    // never the other kind: a client id with no secret anywhere is refused, not the API key used
    const bare = store();
    await bare.store.saveProfile('default', { publicKey: 'prof-pub', privateKey: 'prof-priv' });
    expect(() => new Settings({ clientId: 'f-id' }, bare.env, bare.store).credentials()).toThrow(
      /--client-id gives the service account client id but no service account client secret is set \(--client-secret/,
    );
    expect(new Settings({}, env, new ProfileStore(env)).credentials()).toBeUndefined();
  });

  it('refuses an empty flag, and takes an empty variable as unset', async () => {
    const { env, store: s } = store();
    expect(() => new Settings({ project: '' }, env, s)).toThrow(/empty value for --project/);
    expect(() => new Settings({ privateKey: '  ' }, env, s)).toThrow(/empty value for --private-key/);
    expect(new Settings({}, { ...env, ATLAS_PROJECT_ID: '' }, s).resolve('projectId').source).toBe('unset');
  });
});
