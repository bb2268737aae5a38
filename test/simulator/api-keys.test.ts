// Rules of the simulated org API keys; shapes from shared/atlas-api/recorded/iam/atlasorgapikeys
// and …/atlasorgapikeyaccesslist.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const KEYS = `/api/atlas/v2/orgs/${SEED.orgId}/apiKeys`;
const KEY = 'f0123456789abcdef012345f';

describe('org API keys', () => {
  const fx = useSimulator({ stepMs: 50 }, { reset: false });

  it('keys show the private key masked as recorded (********-****-****-<last 12>)', async () => {
    const r = await fx.api('GET', `${KEYS}/${KEY}`);
    expect(Object.keys(r.json)).toEqual(['desc', 'id', 'links', 'privateKey', 'publicKey', 'roles']);
    expect(r.json.privateKey).toMatch(/^\*{8}-\*{4}-\*{4}-[0-9a-f]{12}$/);
    // docs (mongodb.com/docs/atlas/reference/api-errors): API_KEY_NOT_FOUND is 400, not 404
    expect((await fx.api('GET', `${KEYS}/f9999999999999999999999f`)).json).toMatchObject({ error: 400, errorCode: 'API_KEY_NOT_FOUND' });
  });

  it('access list: POST answers 200 with the whole list in the recorded shape; DELETE of a block takes %2F', async () => {
    const r = await fx.api('POST', `${KEYS}/${KEY}/accessList`, { body: [{ ipAddress: '192.168.0.229' }] });
    expect(r.status).toBe(200);
    const mine = r.json.results.find((e: any) => e.ipAddress === '192.168.0.229');
    expect(Object.keys(mine)).toEqual(['cidrBlock', 'count', 'created', 'ipAddress', 'links']);
    expect(mine.links[0].href).toBe(`${fx.sim.url}${KEYS}/${KEY}/accessList/192.168.0.229`);
    expect((await fx.api('DELETE', `${KEYS}/${KEY}/accessList/192.0.2.0%2F24`)).status).toBe(204);
    expect((await fx.api('GET', `${KEYS}/${KEY}/accessList/192.0.2.0%2F24`)).json).toMatchObject({ error: 404, errorCode: 'API_KEY_WHITELIST_NOT_FOUND' });
  });
});
