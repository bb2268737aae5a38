/**
 * What a command run by `whitelist exec` (and later `cluster connect`) gets in its
 * environment: src/commands/run-command.ts. The end-to-end check is in
 * test/e2e/shared-runs.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { commandEnv, isCredentialVariable } from '../../src/commands/run-command.js';
import { SETTINGS } from '../../src/settings/definitions.js';

describe('commandEnv', () => {
  it('withholds every variable of the credential settings (keys, secrets, client ids) and keeps the rest', () => {
    const env: NodeJS.ProcessEnv = { PATH: '/bin', HOME: '/home/ci', MONGODB_URI: 'mongodb+srv://x', ATLAS_PROJECT_ID: 'p', ATLAS_BASE_URL: 'https://b', ATLASCLI_POLL_MS: '20' };
    const credentials = SETTINGS.filter((s) => ['publicKey', 'privateKey', 'clientId', 'clientSecret'].includes(s.key)).flatMap((s) => s.env);
    expect(credentials).toEqual([
      'ATLAS_PUBLIC_KEY',
      'MONGODB_ATLAS_PUBLIC_API_KEY',
      'ATLAS_PRIVATE_KEY',
      'MONGODB_ATLAS_PRIVATE_API_KEY',
      'ATLAS_CLIENT_ID',
      'MONGODB_ATLAS_CLIENT_ID',
      'ATLAS_CLIENT_SECRET',
      'MONGODB_ATLAS_CLIENT_SECRET',
    ]);
    for (const name of credentials) env[name] = `value-of-${name}`;
    const out = commandEnv(env);
    expect(out.env).toEqual({ PATH: '/bin', HOME: '/home/ci', MONGODB_URI: 'mongodb+srv://x', ATLAS_PROJECT_ID: 'p', ATLAS_BASE_URL: 'https://b', ATLASCLI_POLL_MS: '20' });
    expect(out.withheld.sort()).toEqual([...credentials].sort());
    // --pass-credentials: everything, unchanged
    expect(commandEnv(env, { passCredentials: true }).env).toEqual(env);
  });

  it('also withholds other tools’ Atlas credentials in ATLAS_* and MONGODB_ATLAS_* (Terraform’s keys, tokens, passwords)', () => {
    for (const name of ['MONGODB_ATLAS_PUBLIC_KEY', 'MONGODB_ATLAS_PRIVATE_KEY', 'ATLAS_ACCESS_TOKEN', 'MONGODB_ATLAS_ACCESS_TOKEN', 'ATLAS_DB_PASSWORD']) {
      expect(isCredentialVariable(name), name).toBe(true);
    }
    for (const name of ['ATLAS_PROJECT_ID', 'ATLAS_ORG_ID', 'ATLAS_OUTPUT', 'ATLAS_PROFILE', 'MONGODB_ATLAS_OPS_MANAGER_URL', 'ATLASCLI_POLL_MS', 'MONGODB_URI', 'GITHUB_TOKEN']) {
      expect(isCredentialVariable(name), name).toBe(false);
    }
  });
});
