/**
 * Bad input, before sending (issue 17): each instance the issue names, run with the built
 * binary against the simulator. A refusal is exit 2, nothing on stdout, one line on
 * stderr, and no request reaching the simulator (or, for a role that is not built in,
 * only the read of the project's custom roles). The kinds these are instances of are
 * swept over the whole command tree in test/e2e/bad-input-sweep.test.ts.
 */
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli, tempDir, type CliResult } from '../helpers/cli.js';
import { apiRequests } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const sim = sharedSimulator({ port: 0, stepMs: 50 });

const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
const PROCESS = `${HOST}:27017`;
const USERS = `/api/atlas/v2/groups/${SEED.projectId}/databaseUsers`;

/** Exit 2, nothing on stdout, one line on stderr matching `message`, and no request (or only `allowed` ones). */
async function refused(args: string[], message: RegExp, allowed: RegExp[] = []): Promise<CliResult> {
  const before = sim.requests.length;
  const r = await runCli(args, { sim });
  expect({ code: r.code, stdout: r.stdout }, r.stderr).toEqual({ code: 2, stdout: '' });
  expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).toMatch(message);
  const sent = apiRequests(sim, before).map((q) => `${q.method} ${q.path}`);
  expect(sent.filter((s) => !allowed.some((a) => a.test(s)))).toEqual([]);
  return r;
}

describe('every command that takes a cluster name checks it before sending', () => {
  it.each([
    [['metrics', 'cluster', '1.5'], /^atlascli: invalid cluster name "1\.5" \(hint: use 1 to 64 ASCII letters/],
    [['logs', 'cluster', '1.5', '--out-dir', '.'], /invalid cluster name "1\.5"/],
    [['process', 'list', '--cluster', '1.5'], /invalid --cluster "1\.5"/],
    [['backup', 'snapshot', 'list', '1.5'], /invalid cluster name "1\.5"/],
    [['backup', 'restore', 'create', 'Cluster0', '--type', 'automated', '--snapshot', '0123456789abcdef01234567', '--target-cluster', '1.5'], /invalid --target-cluster "1\.5"/],
    [['user', 'create', 'app', '--role', 'read@sales', '--generate-password', '--scope', 'cluster:1.5'], /invalid --scope cluster "1\.5"/],
    [['event', 'list', '--cluster', 'Cluster0,1.5'], /invalid cluster name "1\.5"/],
    [['cluster', 'get', '1.5'], /invalid cluster name "1\.5"/],
  ])('%j exits 2 with no request', async (args, message) => {
    await refused(args, message);
  });

  it('other kinds too: a process host:port, a host name, an id', async () => {
    await refused(['metrics', 'process', HOST], /invalid process ".*": give host:port \(hint: add the port, e\.g\. .*:27017/);
    await refused(['logs', 'show', 'not a host'], /invalid host name "not a host"/);
    await refused(['alert', 'ack', 'nope', '--forever'], /invalid alert id "nope": an id is 24 hexadecimal characters/);
  });
});

describe('an empty value is refused for every option', () => {
  it.each([
    [['process', 'list', '--type', '']],
    [['event', 'list', '--cluster', '']],
    [['metrics', 'process', PROCESS, '--metric', '']],
    [['cluster', 'list', '--limit=']],
    [['user', 'list', '-p', '']],
  ])('%j exits 2 with no request', async (args) => {
    const flag = args.find((a) => a.startsWith('-') && (args[args.indexOf(a) + 1] === '' || a.endsWith('=')))!.replace(/=$/, '');
    const long = flag === '-p' ? '--project' : flag;
    await refused(args, new RegExp(`^atlascli: ${long} is empty \\(hint: give a value, or leave ${long} out\\)\\n$`));
  });
});

describe('control characters', () => {
  it.each([
    [['whitelist', 'add', '203.0.113.7', '--comment', 'ok\u001b[31mred']],
    [['backup', 'snapshot', 'create', 'Cluster0', '--description', 'two\nlines']],
    [['user', 'create', 'app', '--role', 'read@sales', '--generate-password', '--description', 'bell\u0007']],
    [['alert', 'ack', '0123456789abcdef01234567', '--forever', '--comment', 'tab\there']],
  ])('in free text (%j) are refused before sending', async (args) => {
    const r = await refused(args, /^atlascli: --(comment|description) holds a control character \(U\+00(1B|0A|07|09), character \d+\)/);
    // the message itself shows no raw control character
    expect(r.stderr.trimEnd()).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('a bidirectional override (Trojan Source: it reverses the text shown around it) is refused like a control character', async () => {
    await refused(['whitelist', 'add', '198.51.100.9', '--comment', 'a\u202eb'], /^atlascli: --comment holds a control character \(U\+202E, character 2\)/);
    await refused(['backup', 'snapshot', 'create', 'Cluster0', '--description', 'x\u2066y'], /--description holds a control character \(U\+2066, character 2\)/);
  });

  it('--out with an ESC in the name is refused before anything is downloaded (its "saved …" line once echoed it raw)', async () => {
    const dir = tempDir();
    await refused(['logs', 'download', HOST, '--out', join(dir, 'x\u001b[2J.gz')], /--out holds a control character \(U\+001B/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('no output form prints one raw: a comment Atlas stores with an ESC is escaped in tables, CSV and messages; JSON escapes it', async () => {
    const entry = [...sim.state.accessList.values()].find((e) => e.groupId === SEED.projectId)!;
    entry.comment = 'evil\u001b[2Jcomment\u009b\u202e';
    for (const output of ['table', 'csv']) {
      const r = await runCli(['whitelist', 'list', '-o', output], { sim });
      expect(r.code).toBe(0);
      expect((r.stdout + r.stderr).replace(/\t/g, ' ')).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(r.stdout).toContain('evil\\u001b[2Jcomment\\u009b\\u202e');
    }
    const json = await runCli(['whitelist', 'list', '-o', 'json'], { sim });
    expect(json.stdout).toContain('evil\\u001b[2Jcomment');
    expect(json.json().some((e: { comment?: string }) => e.comment === 'evil\u001b[2Jcomment\u009b\u202e')).toBe(true);
  });
});

describe('a path too long for the file system is refused before anything is downloaded', () => {
  it('--out-dir of 10,000 characters (it was an internal error after the downloads ran)', async () => {
    await refused(
      ['logs', 'cluster', 'Cluster0', '--out-dir', 'd'.repeat(10_000)],
      /^atlascli: --out-dir "d{40}…\(10000 characters\)": the name "d{24}…" is 10000 bytes long; the file system takes at most 255/,
    );
    await refused(['logs', 'cluster', 'Cluster0', '--out-dir', 'd/'.repeat(5_000)], /^atlascli: --out-dir "(d\/){20}…\(10000 characters\)": the path is too long/);
  });

  it("--out whose name, with the temporary file's suffix, is longer than the file system takes", async () => {
    const dir = tempDir();
    await refused(['logs', 'download', HOST, '--out', join(dir, `${'x'.repeat(250)}.gz`)], /the name "x{24}…" is 253 bytes long; the file system takes at most 255 \(232 here/);
    await refused(['api', 'downloadGroupClusterLog', '--hostName', HOST, '--logName', 'mongodb', '--out', join(dir, 'y'.repeat(300))], /is 300 bytes long/);
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('dates', () => {
  it('epoch seconds are accepted wherever a date is (--start 1712850826), and sent as Atlas takes them', async () => {
    const dir = tempDir();
    const before = sim.requests.length;
    const r = await runCli(['logs', 'download', HOST, '--start', '1712850826', '--end', '1712854426', '--out', join(dir, 'log.gz')], { sim });
    expect(r.code, r.stderr).toBe(0);
    const get = apiRequests(sim, before).find((q) => q.path.endsWith('/mongodb.gz'))!;
    expect(get.query).toMatchObject({ startDate: '1712850826', endDate: '1712854426' });
    const e = await runCli(['event', 'list', '--since', '1712850826', '--until', '2026-11-01T10:00:00+02:00', '-o', 'json'], { sim });
    expect(e.code, e.stderr).toBe(0);
    expect(apiRequests(sim, before).at(-1)!.query).toMatchObject({ minDate: '2024-04-11T15:53:46Z', maxDate: '2026-11-01T08:00:00Z' });
  });

  it.each([
    ['--start', '2026-02-31T10:00:00+02:00'],
    ['--start', '2026-02-31'],
    ['--end', '2026-04-31T23:00:00Z'],
    ['--start', '1712850826000'],
  ])('%s %s (not on the calendar, or milliseconds) is refused before sending', async (flag, value) => {
    await refused(['metrics', 'process', PROCESS, flag, value], new RegExp(`invalid ${flag} "${value.replace(/[+.]/g, '\\$&')}"`));
  });
});

describe("api <operationId> sends an array query parameter as the spec's style says (form, exploded)", () => {
  it('--eventType A --eventType B is eventType=A&eventType=B, and Atlas answers the events of both', async () => {
    const dry = await runCli(['api', 'listGroupEvents', '--eventType', 'CLUSTER_CREATED', '--eventType', 'CLUSTER_READY', '--dry-run', '-o', 'json'], { sim });
    expect(dry.code, dry.stderr).toBe(0);
    expect(new URL(dry.json().url).search).toBe('?eventType=CLUSTER_CREATED&eventType=CLUSTER_READY');
    const comma = await runCli(['api', 'listGroupEvents', '--eventType', 'CLUSTER_CREATED,CLUSTER_READY', '--dry-run', '-o', 'json'], { sim });
    expect(new URL(comma.json().url).search).toBe('?eventType=CLUSTER_CREATED&eventType=CLUSTER_READY');
    const r = await runCli(['api', 'listGroupEvents', '--eventType', 'CLUSTER_CREATED', '--eventType', 'CLUSTER_READY', '--all', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    const types = new Set(r.json().map((e: { eventTypeName: string }) => e.eventTypeName));
    // joined with commas, Atlas (and the simulator) reads one unknown type and answers []
    expect([...types].sort()).toEqual(['CLUSTER_CREATED', 'CLUSTER_READY']);
  });
});

describe('database users', () => {
  it('an LDAP group (--ldap GROUP) is created on admin, where Atlas takes it', async () => {
    const dn = 'CN=dbas,OU=groups,DC=example,DC=com';
    const before = sim.requests.length;
    const r = await runCli(['user', 'create', dn, '--ldap', 'GROUP', '--role', 'read@sales', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ username: dn, databaseName: 'admin', ldapAuthType: 'GROUP' });
    const post = apiRequests(sim, before).find((q) => q.method === 'POST')!;
    expect(post.body).toMatchObject({ databaseName: 'admin', ldapAuthType: 'GROUP' });
    // an LDAP user stays on $external
    const u = await runCli(['user', 'create', 'CN=ada,OU=people,DC=example,DC=com', '--ldap', 'USER', '--role', 'read@sales', '-o', 'json'], { sim });
    expect(u.json()).toMatchObject({ databaseName: '$external', ldapAuthType: 'USER' });
  });

  it('an X.509 subject starting with any RDN (C=US,ST=…,CN=…) is looked for on $external, and found', async () => {
    const subject = 'C=US,ST=New York,L=New York,O=Example,OU=eng,CN=ada';
    const made = await runCli(['user', 'create', subject, '--x509', 'CUSTOMER', '--role', 'read@sales', '-o', 'json'], { sim });
    expect(made.code, made.stderr).toBe(0);
    const before = sim.requests.length;
    const r = await runCli(['user', 'get', subject, '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ username: subject, databaseName: '$external', x509Type: 'CUSTOMER' });
    expect(apiRequests(sim, before).map((q) => q.path)).toEqual([`${USERS}/${encodeURIComponent('$external')}/${encodeURIComponent(subject)}`]);
    const del = await runCli(['user', 'delete', subject, '--force'], { sim });
    expect(del.code, del.stderr).toBe(0);
  });

  it('a role neither built in nor a custom role of the project is refused with a suggestion; only the custom roles were read, nothing written', async () => {
    const r = await refused(
      ['user', 'create', 'app', '--role', 'redWrite@sales', '--generate-password'],
      /^atlascli: invalid --role "redWrite@sales": redWrite is neither a built-in role nor a custom role of project b0123456789abcdef012345b \(hint: did you mean readWrite\?\)\n$/,
      [/^GET \/api\/atlas\/v2\/groups\/b0123456789abcdef012345b\/customDBRoles\/roles$/],
    );
    expect(r.stderr).not.toMatch(/warning/);
    expect([...sim.state.databaseUsers.keys()].some((k) => k.endsWith('/app'))).toBe(false);
    // update --add-role too
    await refused(['user', 'update', 'app-user', '--add-role', 'salesAudit@sales'], /invalid --add-role "salesAudit@sales".*did you mean salesAuditor\?/, [
      /customDBRoles\/roles$/,
    ]);
  });

  it('built-in roles read nothing more; a custom role of the project is read once and taken', async () => {
    let before = sim.requests.length;
    let r = await runCli(['user', 'create', 'app', '--role', 'readWrite@sales', '--generate-password', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(apiRequests(sim, before).map((q) => q.method)).toEqual(['POST']);
    before = sim.requests.length;
    r = await runCli(['user', 'create', 'auditor', '--role', 'salesAuditor', '--role', 'ordersAppender@admin', '--generate-password', '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path.replace(/.*\/groups\/[^/]+/, '')}`)).toEqual(['GET /customDBRoles/roles', 'POST /databaseUsers']);
  });
});

describe('cluster update --file', () => {
  it('refuses electable and read-only sizes that disagree in a shard (spec: base nodes of a shard share one instance size), before sending; analytics may differ', async () => {
    const dir = tempDir();
    const got = await runCli(['cluster', 'get', 'Cluster0', '-o', 'json'], { sim });
    const doc = got.json();
    const rc = doc.replicationSpecs[0].regionConfigs[0];
    rc.electableSpecs.instanceSize = 'M30';
    rc.readOnlySpecs = { ...(rc.readOnlySpecs ?? {}), instanceSize: 'M20', nodeCount: 1 };
    const file = join(dir, 'c.json');
    writeFileSync(file, JSON.stringify(doc));
    await refused(
      ['cluster', 'update', 'Cluster0', '--file', file],
      /^atlascli: --file: replicationSpecs\[0\]\.regionConfigs\[0\]\.readOnlySpecs\.instanceSize is M20 but replicationSpecs\[0\]\.regionConfigs\[0\]\.electableSpecs\.instanceSize is M30: electable and read-only nodes of a shard must have the same instance size/,
    );
    await refused(['cluster', 'create', 'copy', '--file', file], /electable and read-only nodes of a shard must have the same instance size/);
    // analytics nodes scale independently: accepted (a dry run reads the cluster, sends no change)
    rc.readOnlySpecs.instanceSize = 'M30';
    rc.analyticsSpecs = { ...(rc.analyticsSpecs ?? {}), instanceSize: 'M40', nodeCount: 1 };
    writeFileSync(file, JSON.stringify(doc));
    const ok = await runCli(['cluster', 'update', 'Cluster0', '--file', file, '--dry-run', '-o', 'json'], { sim });
    expect(ok.code, ok.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
  });
});
