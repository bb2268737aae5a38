import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { apiRequests, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const ORG = 'a0123456789abcdef012345a';
const KEY = 'f0123456789abcdef012345f';
const KEY_LIST = `/api/atlas/v2/orgs/${ORG}/apiKeys/${KEY}/accessList`;

const sim = sharedSimulator({ port: 0, stepMs: 50 });

describe('org api-keys', () => {
  it('list and get show Atlas’s masked private key, never the key itself', async () => {
    const secret = sim.state.apiKeys.get(KEY)!.privateKey;
    let r = await runCli(['org', 'api-keys', 'list', '-o', 'json', '--debug'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toEqual(await servedAll(sim, `/api/atlas/v2/orgs/${ORG}/apiKeys`));
    expect(r.json()[0].privateKey).toBe(`********-****-****-${secret.slice(-12)}`);
    expect(r.stdout + r.stderr).not.toContain(secret);
    r = await runCli(['org', 'api-keys', 'get', KEY], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ID\s+PUBLIC KEY\s+DESCRIPTION\s+ROLES\nf0123456789abcdef012345f\s+cideploy\s+ci-deploy\s+ORG_MEMBER/);
    expect(r.stdout + r.stderr).not.toContain(secret);
  });

  it('list in every output format, and an empty list: "no API keys" on a terminal, nothing (or the csv header, or []) when piped', async () => {
    const served = await servedAll(sim, `/api/atlas/v2/orgs/${ORG}/apiKeys`);
    const list = (o: string, terminal?: { columns: number }) => runCli(['org', 'api-keys', 'list', '-o', o], { sim, terminal });
    const rows = [
      ['f0123456789abcdef012345f', 'cideploy', 'ci-deploy', 'ORG_MEMBER,GROUP_CLUSTER_MANAGER'],
      ['f1123456789abcdef012345f', 'reportsx', 'read-only-reports', 'ORG_READ_ONLY'],
    ];
    const expected: Record<string, string> = {
      table: ['ID\tPUBLIC KEY\tDESCRIPTION\tROLES', ...rows.map((r) => r.join('\t'))].join('\n') + '\n',
      json: JSON.stringify(served, null, 2) + '\n',
      jsonl: served.map((k) => JSON.stringify(k)).join('\n') + '\n',
      csv: 'id,public key,description,roles\nf0123456789abcdef012345f,cideploy,ci-deploy,"ORG_MEMBER,GROUP_CLUSTER_MANAGER"\nf1123456789abcdef012345f,reportsx,read-only-reports,ORG_READ_ONLY\n',
      value: rows.map((r) => r.join('\t')).join('\n') + '\n',
    };
    for (const [o, stdout] of Object.entries(expected)) {
      const r = await list(o);
      expect({ o, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ o, code: 0, stdout, stderr: '' });
    }
    const limited = await runCli(['org', 'api-keys', 'list', '--limit', '1', '-o', 'jsonl'], { sim });
    expect(limited.stdout).toBe(JSON.stringify(served[0]) + '\n');

    sim.state.apiKeys.clear();
    const empty: Record<string, string> = { table: '', json: '[]\n', jsonl: '', csv: 'id,public key,description,roles\n', value: '' };
    for (const [o, stdout] of Object.entries(empty)) {
      for (const terminal of [undefined, { columns: 100 }]) {
        const r = await list(o, terminal);
        const stderr = o === 'table' && terminal ? 'no API keys\n' : '';
        expect({ o, terminal, code: r.code, stdout: r.stdout, stderr: r.stderr }).toEqual({ o, terminal, code: 0, stdout, stderr });
      }
    }
  });

  it('access-list list, add (with --current-ip) in one request, delete with %2F for a block', async () => {
    let r = await runCli(['org', 'api-keys', 'access-list', 'list', KEY, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json().map((e: { cidrBlock: string }) => e.cidrBlock)).toEqual(['203.0.113.10/32', '192.0.2.0/24']);
    sim.state.callerIp = '203.0.113.77';
    let before = sim.requests.length;
    r = await runCli(['org', 'api-keys', 'access-list', 'add', KEY, '198.51.100.0/24', '--current-ip', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const posts = apiRequests(sim, before).filter((q) => q.method === 'POST');
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual([{ cidrBlock: '198.51.100.0/24' }, { ipAddress: '203.0.113.77' }]);
    expect(r.json().map((e: { cidrBlock: string }) => e.cidrBlock)).toEqual(['198.51.100.0/24', '203.0.113.77/32']);
    before = sim.requests.length;
    r = await runCli(['org', 'api-keys', 'access-list', 'delete', KEY, '192.0.2.0/24', '203.0.113.10', '--force'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`DELETE ${KEY_LIST}/192.0.2.0%2F24 204`, `DELETE ${KEY_LIST}/203.0.113.10 204`]);
  });

  it('an unknown key: Atlas answers 400 API_KEY_NOT_FOUND (Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors): not found all the same, exit 4', async () => {
    const r = await runCli(['org', 'api-keys', 'get', 'f9999999999999999999999f'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/400 API_KEY_NOT_FOUND/);
  });

  it('bad input exits 2 and sends nothing', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['org', 'api-keys', 'get', 'nope'], /invalid API key id "nope"/],
      [['org', 'api-keys', 'access-list', 'add', KEY, '10.1.2.3/8'], /host bits are set; the network address is 10\.0\.0\.0\/8/],
      [['org', 'api-keys', 'access-list', 'add', KEY, '1.2.3.400'], /invalid address/],
      [['org', 'api-keys', 'access-list', 'add', KEY], /nothing to add/],
      [['org', 'api-keys', 'access-list', 'delete', KEY, '::1/200', '--force'], /0 to 128/],
      [['org', 'api-keys', 'access-list', 'delete', KEY, '203.0.113.10'], /without --force/],
    ];
    for (const [args, msg] of cases) {
      const before = sim.requests.length;
      const r = await runCli(args, { sim });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
      expect(sim.requests.length, args.join(' ')).toBe(before);
    }
  });
});
