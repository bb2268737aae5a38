import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN, runCli, simEnv, tempDir } from '../helpers/cli.js';
import { apiRequests, served, servedAll } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

// more projects than one page of 500 holds, so --all has to walk pages
const sim = sharedSimulator({ port: 0, stepMs: 50, seed: { extraProjects: 520 } }, { reset: false });

const PROJECT = 'b0123456789abcdef012345b';
const STAGING = 'b1123456789abcdef012345b';

describe('api <operationId>', () => {
  it('getGroup prints the served JSON; groupId comes from the settings', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'getGroup'], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => [q.method, q.path, q.accept])).toEqual([['GET', `/api/atlas/v2/groups/${PROJECT}`, 'application/vnd.atlas.2023-01-01+json']]);
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/groups/${PROJECT}`));
  });

  it('--project and --group-id pick the project', async () => {
    expect((await runCli(['api', 'getGroup', '-p', STAGING, '-o', 'json'], { sim })).json().id).toBe(STAGING);
    expect((await runCli(['api', 'getGroup', '--group-id', STAGING], { sim })).json().id).toBe(STAGING);
    expect((await runCli(['api', 'getGroup', `--groupId=${STAGING}`], { sim })).json().id).toBe(STAGING);
  });

  it('listGroups --all -o json gathers every page into one array', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'listGroups', '--all', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const pages = apiRequests(sim, before).map((q) => q.query.pageNum);
    expect(pages.sort()).toEqual(['1', '2']);
    const all = await servedAll(sim, '/api/atlas/v2/groups');
    expect(all.length).toBeGreaterThan(500);
    expect(r.json()).toEqual(all);
  });

  it('listGroups --all -o jsonl prints one project a line; --limit caps them', async () => {
    const r = await runCli(['api', 'listGroups', '--all', '-o', 'jsonl'], { sim });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.length).toBe((await servedAll(sim, '/api/atlas/v2/groups')).length);
    expect(JSON.parse(lines[0]!).id).toBe(PROJECT);
    const capped = await runCli(['api', 'listGroups', '--limit', '3', '-o', 'json'], { sim });
    expect(capped.json().map((p: { id: string }) => p.id)).toHaveLength(3);
  });

  it('without --all the query goes as given and the page envelope prints as served', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'listGroups', '--itemsPerPage', '2', '--pageNum', '3'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => q.query)).toEqual([{ itemsPerPage: '2', pageNum: '3' }]);
    expect(r.json()).toEqual(await served(sim, '/api/atlas/v2/groups?itemsPerPage=2&pageNum=3'));
  });

  it.each([
    [['api', 'listGroupClusters', '--includeCount', 'maybe'], 'invalid --includeCount: must be true or false, got "maybe"'],
    [['api', 'listGroupClusters', '--itemsPerPage', '1000'], 'invalid --itemsPerPage: must be <= 500, got 1000'],
    [['api', 'getGroup', '--groupId', 'my-project'], 'invalid --groupId "my-project": must match ^([a-f0-9]{24})$'],
    [
      ['api', 'downloadGroupClusterLog', '--hostName', 'h.example.com', '--logName', 'syslog', '--out', 'x.gz'],
      'invalid --logName "syslog": must be one of mongodb, mongos, mongodb-audit-log, mongos-audit-log',
    ],
    [['api', 'getGroup', '--grpId', PROJECT], 'unknown flag --grpId for getGroup'],
    [['api', 'getGrup'], 'unknown operation "getGrup"'],
    [['api', 'getGroupCluster'], 'getGroupCluster needs --clusterName'],
    [['api', 'getGroupCluster', '--clusterName', 'Cluster0', '--version', '2022-01-01'], 'getGroupCluster does not offer version 2022-01-01'],
    [['api', 'getGroup', '--fields', 'nosuch'], 'unknown field nosuch for `api getGroup`'],
    [['api', 'listGroups', '--fields', 'name'], 'unknown field name for `api listGroups`'],
  ])('%j exits 2 with nothing sent', async (args, message) => {
    const before = sim.requests.length;
    const r = await runCli(args, { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.startsWith(`atlascli: ${message}`), r.stderr).toBe(true);
    expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(sim.requests.length).toBe(before);
  });

  it('a query value outside a long enum (eventType: hundreds of values) is one short line with a suggestion, nothing sent', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'listOrgEvents', '--eventType', 'GROUP_CREATD'], { sim });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^atlascli: invalid --eventType: must be one of the \d+ allowed values, got "GROUP_CREATD" \(hint: did you mean GROUP_CREATED\?\)$/);
    expect(sim.requests.length).toBe(before);
  });

  it('--fields picks from the answer, from each item with --all, from the envelope without', async () => {
    expect((await runCli(['api', 'getGroup', '--fields', 'id,name', '-o', 'json'], { sim })).json()).toEqual({ id: PROJECT, name: 'atlascli-sim' });
    const items = await runCli(['api', 'listGroups', '--limit', '2', '--fields', 'name', '-o', 'json'], { sim });
    const first = (await servedAll<{ name: string }>(sim, '/api/atlas/v2/groups')).slice(0, 2);
    expect(items.json()).toEqual(first.map((p) => ({ name: p.name })));
    const envelope = await runCli(['api', 'listGroups', '--itemsPerPage', '1', '--fields', 'totalCount', '-o', 'json'], { sim });
    expect(envelope.json()).toEqual({ totalCount: (await servedAll(sim, '/api/atlas/v2/groups')).length });
  });

  it('--version pins the version the simulator sees in Accept, warning that it is deprecated', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'getGroupCluster', '--clusterName', 'Cluster0', '--version', '2023-02-01'], { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('warning: version 2023-02-01 of getGroupCluster is deprecated (newest: 2024-08-05); Atlas removes it on 2027-07-01');
    // one warning: not again from the Deprecation header Atlas answers with
    expect(r.stderr.match(/warning/g)).toHaveLength(1);
    expect(apiRequests(sim, before).map((q) => q.accept)).toEqual(['application/vnd.atlas.2023-02-01+json']);
    expect(r.json()).toEqual(await served(sim, `/api/atlas/v2/groups/${PROJECT}/clusters/Cluster0`, '2023-02-01'));
    // the newest version: no warning
    const newest = await runCli(['api', 'getGroupCluster', '--cluster-name', 'Cluster0', '--version=2024-08-05'], { sim });
    expect(newest.stderr).toBe('');
    expect(sim.requests.at(-1)!.accept).toBe('application/vnd.atlas.2024-08-05+json');
  });

  it('--version does not print the CLI version after api; it still does elsewhere', async () => {
    expect((await runCli(['--version'])).stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const r = await runCli(['api', 'getGroup', '--version', '2023-01-01', '--fields', 'id', '-o', 'json'], { sim });
    expect(r.json()).toEqual({ id: PROJECT });
  });

  it('a version past its sunset date warns before sending (spec: x-sunset 2025-01-01)', async () => {
    const r = await runCli(
      [
        'api',
        'getFederationSettingIdentityProvider',
        '--federationSettingsId',
        '55fa922fb343282757d9554e',
        '--identityProviderId',
        'c2777a9eca931f29fc2f',
        '--version',
        '2023-01-01',
        '--dry-run',
      ],
      { sim },
    );
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('passed its sunset date (2025-01-01); Atlas may refuse it');
  });

  it('a body failing the request schema exits 2 naming the JSON pointer, nothing sent', async () => {
    const before = sim.requests.length;
    const body = JSON.stringify({ name: 'api-bad', orgId: sim.credentials.orgId, tags: [{ key: 'env', value: 'x', colour: 'red' }] });
    const r = await runCli(['api', 'createGroup', '--body', '-'], { sim, stdin: body });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'atlascli: the request body does not match the createGroup request of the API (version 2023-01-01): /tags/0/colour: unknown attribute (hint: atlascli api createGroup --help describes the operation)\n',
    );
    const syntax = await runCli(['api', 'createGroup', '--body', '-'], { sim, stdin: '{"name": "x" "orgId": 1}' });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/^atlascli: invalid JSON in stdin at line 1, column 14: expected "," between items$/m);
    expect(sim.requests.length).toBe(before);
  });

  it('a valid body is sent as given; --file reads it from a file; DELETE needs --force in scripts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-e2e-'));
    const file = join(dir, 'project.json');
    writeFileSync(file, JSON.stringify({ name: 'api-created', orgId: sim.credentials.orgId }));
    const before = sim.requests.length;
    const r = await runCli(['api', 'createGroup', '--file', file], { sim });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const created = r.json();
    expect(created).toMatchObject({ name: 'api-created', orgId: sim.credentials.orgId });
    const post = apiRequests(sim, before);
    expect(post.map((q) => [q.method, q.contentType, q.body])).toEqual([['POST', 'application/vnd.atlas.2023-01-01+json', { name: 'api-created', orgId: sim.credentials.orgId }]]);

    const mark = sim.requests.length;
    const refused = await runCli(['api', 'deleteGroup', '--groupId', created.id], { sim });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/refusing to send DELETE \/api\/atlas\/v2\/groups\/\w+ \(Remove One Project\) without --force/);
    const dry = await runCli(['api', 'deleteGroup', '--groupId', created.id, '--dry-run', '-o', 'json'], { sim });
    expect(dry.json()).toMatchObject({ dryRun: true, method: 'DELETE', url: `${sim.url}/api/atlas/v2/groups/${created.id}` });
    expect(sim.requests.length).toBe(mark);
    const deleted = await runCli(['api', 'deleteGroup', '--groupId', created.id, '--force'], { sim });
    expect(deleted.code).toBe(0);
    expect(apiRequests(sim, mark).map((q) => [q.method, q.status])).toEqual([['DELETE', 202]]);
  });

  it('an operation the simulator does not implement: its 501 error, asked once, exit 6 (the contract: 5xx)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'listGroupIntegrations', '-o', 'json'], { sim });
    expect(r.code).toBe(6);
    expect(apiRequests(sim, before).filter((q) => q.status === 501)).toHaveLength(1);
    expect(JSON.parse(r.stderr)).toEqual({ error: { status: 501, errorCode: 'NOT_IMPLEMENTED', detail: 'The simulator does not implement listGroupIntegrations yet.' } });
    expect(r.stdout).toBe('');
  });

  it('api <operationId> --help shows the operation from the spec, sending nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['api', 'getGroupCluster', '--help'], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Return One Cluster from One Project (Clusters)');
    expect(r.stdout).toContain('GET /api/atlas/v2/groups/{groupId}/clusters/{clusterName}');
    expect(r.stdout).toMatch(/--clusterName <string> \(--cluster-name\)\s+path, required/);
    expect(r.stdout).toContain('$ atlascli api getGroupCluster --clusterName <clusterName>');
    expect(sim.requests.length).toBe(before);
    const generic = await runCli(['api', '--help']);
    expect(generic.stdout).toContain('--api-version, --version <YYYY-MM-DD>');
    expect(generic.stdout).toContain('Examples:');
  });
});

describe('api list', () => {
  it('--tag Clusters lists the operations of that tag', async () => {
    const r = await runCli(['api', 'list', '--tag', 'Clusters', '-o', 'json']);
    expect(r.code).toBe(0);
    const rows = r.json() as Array<{ operationId: string; method: string; path: string; summary: string; tag: string }>;
    expect(rows.every((x) => x.tag === 'Clusters')).toBe(true);
    expect(rows).toContainEqual({
      operationId: 'listGroupClusters',
      method: 'GET',
      path: '/api/atlas/v2/groups/{groupId}/clusters',
      summary: 'Return All Clusters in One Project',
      tag: 'Clusters',
    });
  });

  it('--grep searches, as a table by default; an unknown tag exits 2', async () => {
    const r = await runCli(['api', 'list', '--grep', 'processArgs']);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      expect.stringMatching(/^OPERATIONID\s+METHOD\s+PATH\s+SUMMARY$/),
      expect.stringMatching(
        /^getGroupClusterProcessArgs\s+GET\s+\/api\/atlas\/v2\/groups\/\{groupId\}\/clusters\/\{clusterName\}\/processArgs\s+Return Advanced Configuration Options for One Cluster$/,
      ),
      expect.stringMatching(/^updateGroupClusterProcessArgs\s+PATCH\s+/),
    ]);
    const bad = await runCli(['api', 'list', '--tag', 'Clustrs']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^atlascli: unknown tag "Clustrs" \(hint: did you mean Clusters/);
    expect((await runCli(['api', 'list', '--limit', '2', '-o', 'json'])).json()).toHaveLength(2);
  });
});

describe('api completion', () => {
  it('offers operationIds, then the operation flags', async () => {
    const ids = (await runCli(['__complete', 'api', 'getGroupC'])).stdout.split('\n');
    expect(ids).toContain('getGroupCluster');
    expect(ids.every((c) => c === '' || c.startsWith('getGroupC'))).toBe(true);
    const flags = (await runCli(['__complete', 'api', 'getGroup', '--'])).stdout.split('\n');
    expect(flags).toEqual(expect.arrayContaining(['--groupId', '--envelope', '--pretty', '--version', '--fields']));
    expect(flags).not.toContain('--all');
    const cl = (await runCli(['__complete', 'api', 'getGroupCluster', '--cl'])).stdout.split('\n');
    expect(cl).toContain('--clusterName');
    expect(cl).not.toContain('--cluster-name');
    expect((await runCli(['__complete', 'api', 'getGroupCluster', '--cluster-'])).stdout).toBe('--cluster-name\n');
  });
});

describe('api … --out against the simulator (binary answers)', () => {
  const HOST = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net';
  const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  const call = (out: string) => ['api', 'downloadGroupClusterLog', '--hostName', HOST, '--logName', 'mongodb', '--out', out];
  /** The CLI in `cwd` (relative --out names land there), in this process: the working directory is this process's while it runs. */
  const binary = async (args: string[], cwd: string) => {
    const prev = process.cwd();
    process.chdir(cwd);
    try {
      return await runCli(args, { sim, env: { PWD: cwd } });
    } finally {
      process.chdir(prev);
    }
  };

  it('an existing --out is kept without --force (exit 2, nothing sent); --force replaces it with what was served', async () => {
    const dir = tempDir();
    const out = join(dir, 'have.gz');
    writeFileSync(out, 'old');
    const before = sim.requests.length;
    const r = await runCli(call(out), { sim });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`atlascli: --out "${out}" exists (hint: pass --force to overwrite it, or pick another name)\n`);
    expect(apiRequests(sim, before)).toHaveLength(0);
    expect(readFileSync(out, 'utf8')).toBe('old');
    const f = await runCli([...call(out), '--force'], { sim });
    expect(f.code).toBe(0);
    expect(sha(readFileSync(out))).toBe(sim.state.servedLogs.at(-1)!.sha256);
    expect(readdirSync(dir)).toEqual(['have.gz']);
  });

  it('--out - writes the gzip to stdout (no file named -), and nothing else goes there', async () => {
    const dir = tempDir();
    const r = await binary(call('-'), dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const served = sim.state.servedLogs.at(-1)!;
    expect(r.stdoutBytes.length).toBe(served.bytes);
    expect(sha(r.stdoutBytes)).toBe(served.sha256);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--out empty or a folder exits 2 with nothing sent', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'd'));
    const before = sim.requests.length;
    const empty = await binary(call(''), dir);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toBe('atlascli: --out is empty (hint: give a file name, or --out - for stdout)\n');
    const folder = await binary([...call('d'), '--force'], dir);
    expect(folder.code).toBe(2);
    expect(folder.stderr).toBe('atlascli: --out "d" is a folder: give a file name\n');
    expect(apiRequests(sim, before)).toHaveLength(0);
    expect(readdirSync(dir)).toEqual(['d']);
  });

  it('a body cut once is downloaded again into a fresh temporary file: exit 0, the file as served, nothing else left', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true, times: 1 });
    try {
      const before = sim.requests.length;
      const r = await runCli(call(join(dir, 'm.gz')), { sim });
      expect(r.code).toBe(0);
      expect(apiRequests(sim, before).map((q) => q.dropped)).toEqual(['cutBody', undefined]);
      expect(sha(readFileSync(join(dir, 'm.gz')))).toBe(sim.state.servedLogs.at(-1)!.sha256);
      expect(readdirSync(dir)).toEqual(['m.gz']);
    } finally {
      sim.faults.clear();
      sim.state.logSettings.hosts.clear();
    }
  });

  it('an empty log (Atlas answers 0 bytes) is saved as a valid empty gzip file, to --out and to stdout', async () => {
    const dir = tempDir();
    const out = join(dir, 'audit.gz');
    const args = (o: string) => ['api', 'downloadGroupClusterLog', '--hostName', HOST, '--logName', 'mongodb-audit-log', '--out', o];
    const r = await runCli(args(out), { sim });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`saved 20 bytes to ${out}\n`);
    expect(sim.state.servedLogs.at(-1)!.bytes).toBe(0);
    expect(gunzipSync(readFileSync(out))).toHaveLength(0);
    const s = await binary(args('-'), dir);
    expect(s.code).toBe(0);
    expect(s.stdoutBytes.equals(readFileSync(out))).toBe(true);
    expect(readdirSync(dir)).toEqual(['audit.gz']);
  });

  it("a chunked answer that ends cleanly in the middle of its gzip data is never saved: 4 requests (the client's retries), exit 7, nothing left", async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000, endCleanlyAfterBytes: 50_000 });
    try {
      const before = sim.requests.length;
      const out = join(dir, 'm.gz');
      const r = await runCli(call(out), { sim });
      expect(r.code).toBe(7);
      expect(r.stdout).toBe('');
      expect(r.stderr).toBe(
        `atlascli: download to ${out}: the answer from ${sim.url} could not be read after 50000 bytes: the gzip data stops before its end (unexpected end of file) (hint: nothing was saved; try again)\n`,
      );
      expect(apiRequests(sim, before).map((q) => q.status)).toEqual([200, 200, 200, 200]);
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      sim.state.logSettings.hosts.clear();
    }
  });

  it('one failure, one wording: `api … --out`, `logs download` and a JSON GET cut by the same fault say the same words after their subject, after the same 4 requests', async () => {
    const dir = tempDir();
    sim.state.logSettings.hosts.set(HOST, { bytes: 2_000_000 });
    sim.faults.add({ pathRegex: 'logs/mongodb\\.gz$', cutBody: true });
    sim.faults.add({ method: 'GET', path: '/api/atlas/v2/orgs', cutBody: true });
    try {
      const said: string[] = [];
      for (const args of [call(join(dir, 'a.gz')), ['logs', 'download', HOST, '--out', join(dir, 'l.gz')], ['org', 'list']]) {
        const before = sim.requests.length;
        const r = await runCli(args, { sim });
        expect(r.code, args.join(' ')).toBe(7);
        expect(apiRequests(sim, before).map((q) => q.dropped)).toEqual(['cutBody', 'cutBody', 'cutBody', 'cutBody']);
        // the subject (what was asked for) differs; the failure and its words do not
        said.push(
          r.stderr
            .replace(/^atlascli: .*?: (the answer from )/, '$1')
            .replace(/ after \d+ bytes/, '')
            .replace(/ \(hint: .*\)\n$/, ''),
        );
      }
      expect(new Set(said)).toEqual(new Set([`the answer from ${sim.url} was cut short: connection closed by the server (UND_ERR_SOCKET)`]));
      expect(readdirSync(dir)).toEqual([]);
    } finally {
      sim.faults.clear();
      sim.state.logSettings.hosts.clear();
    }
  });

  it.skipIf(spawnSync('script', ['--version']).status !== 0)('--out - with stdout on a terminal: refused before sending, as gzip refuses', async () => {
    const before = sim.requests.length;
    // asynchronous: the simulator runs in this process
    const command = [process.execPath, BIN, ...call('-')].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qec', command, '/dev/null'], {
      env: { ...process.env, ...simEnv(sim), XDG_CONFIG_HOME: tempDir(), CI: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
    const code = await new Promise<number | null>((r) => child.on('close', r));
    expect(code).toBe(2);
    expect(output.trim()).toMatch(/^atlascli: compressed data not written to a terminal \(hint: give --out <file>, or redirect stdout to a file \(> out\.gz\)\)$/);
    expect(apiRequests(sim, before)).toHaveLength(0);
  });
});

describe('api against a faithful fake (binary answers)', () => {
  let fake: Server;
  let url = '';
  // random text, so the gzip file is large (~200 KB) and arrives in many chunks
  const gz = gzipSync(Buffer.from(Array.from({ length: 2000 }, () => `{"msg":"${randomBytes(75).toString('base64')}"}\n`).join('')));
  const seen: Array<{ url: string; accept: string | undefined }> = [];
  let cutOnce = 0;
  beforeAll(async () => {
    fake = createServer((req, res) => {
      seen.push({ url: req.url ?? '', accept: req.headers.accept });
      if (req.url?.includes('/broken/')) {
        res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-02-01+gzip', 'Content-Length': String(gz.length) });
        res.write(gz.subarray(0, 64 * 1024));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (req.url?.includes('/unframed/')) {
        // an HTTP/1.0-style answer: the end marked only by closing the connection, so a
        // cut looks like the end to HTTP and only the gzip data can tell
        res.useChunkedEncodingByDefault = false;
        res.shouldKeepAlive = false;
        res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-02-01+gzip' });
        res.write(gz.subarray(0, 64 * 1024));
        setTimeout(() => res.destroy(), 20);
        return;
      }
      if (req.url?.includes('/clean-cut/') || (req.url?.includes('/cut-once/') && ++cutOnce === 1)) {
        // chunked, and ended properly: HTTP shows nothing wrong, the gzip data stops short
        res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-02-01+gzip' });
        res.end(gz.subarray(0, 64 * 1024));
        return;
      }
      if (req.url?.includes('/text/')) {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>a captive portal</html>');
        return;
      }
      res.writeHead(200, { 'Content-Type': 'application/vnd.atlas.2023-02-01+gzip', 'Content-Length': String(gz.length) });
      res.end(gz);
    });
    await new Promise<void>((r) => fake.listen(0, '127.0.0.1', r));
    const addr = fake.address() as { port: number };
    url = `http://127.0.0.1:${addr.port}`;
  });
  afterAll(() => new Promise<void>((r) => fake.close(() => r())));

  const env = () => ({ ATLAS_BASE_URL: url, ATLAS_PUBLIC_KEY: 'k', ATLAS_PRIVATE_KEY: 'secret-key', ATLAS_PROJECT_ID: PROJECT });

  it('streams a gzip log to --out, asking for the gzip media type', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-dl-'));
    const out = join(dir, 'mongodb.log.gz');
    const r = await runCli(
      ['api', 'downloadGroupClusterLog', '--hostName', 'atlas-x-shard-00-00.abc.mongodb.net', '--logName', 'mongodb', '--out', out, '--startDate', '1764460800'],
      {
        env: env(),
      },
    );
    expect(r.stderr).toBe(`saved ${gz.length} bytes to ${out}\n`);
    expect(r.code).toBe(0);
    expect(readFileSync(out).equals(gz)).toBe(true);
    expect(readdirSync(dir)).toEqual(['mongodb.log.gz']);
    expect(seen.at(-1)).toEqual({
      url: `/api/atlas/v2/groups/${PROJECT}/clusters/atlas-x-shard-00-00.abc.mongodb.net/logs/mongodb.gz?startDate=1764460800`,
      accept: 'application/vnd.atlas.2023-02-01+gzip',
    });
  });

  it('a download that breaks off leaves neither the file nor its temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-dl-'));
    const out = join(dir, 'broken.gz');
    const r = await runCli(['api', 'downloadGroupClusterLog', '--hostName', 'broken', '--logName', 'mongodb', '--out', out], { env: env() });
    expect(r.code).toBe(7);
    expect(r.stderr).toMatch(
      /^atlascli: download to \S+broken\.gz: the answer from http:\/\/127\.0\.0\.1:\d+ was cut short after 65536 bytes: connection closed by the server \(UND_ERR_SOCKET\) \(hint: nothing was saved; try again\)\n$/,
    );
    // downloaded four times from scratch (the client's three retries) before giving up
    expect(seen.filter((q) => q.url.includes('/broken/'))).toHaveLength(4);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('an answer that is not whole gzip, whatever HTTP says (unframed, or chunked and ended cleanly), fails as a cut download: 4 requests, exit 7, nothing left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-dl-'));
    for (const host of ['unframed', 'clean-cut']) {
      const before = seen.length;
      const cut = await runCli(['api', 'downloadGroupClusterLog', '--hostName', host, '--logName', 'mongodb', '--out', join(dir, 'cut.gz')], { env: env() });
      expect(cut.code, host).toBe(7);
      expect(cut.stderr).toMatch(
        /^atlascli: download to \S+cut\.gz: the answer from http:\/\/127\.0\.0\.1:\d+ could not be read after 65536 bytes: the gzip data stops before its end \(unexpected end of file\) \(hint: nothing was saved; try again\)\n$/,
      );
      expect(seen.slice(before).filter((q) => q.url.includes(`/${host}/`))).toHaveLength(4);
      expect(readdirSync(dir)).toEqual([]);
    }
  });

  it('a gzip stream cut cleanly once is downloaded again from scratch: exit 0, the whole file, nothing else left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-dl-'));
    const out = join(dir, 'once.gz');
    const before = seen.length;
    const r = await runCli(['api', 'downloadGroupClusterLog', '--hostName', 'cut-once', '--logName', 'mongodb', '--out', out], { env: env() });
    expect(r.stderr).toBe(`saved ${gz.length} bytes to ${out}\n`);
    expect(r.code).toBe(0);
    expect(seen.slice(before).filter((q) => q.url.includes('/cut-once/'))).toHaveLength(2);
    expect(readFileSync(out).equals(gz)).toBe(true);
    expect(readdirSync(dir)).toEqual(['once.gz']);
  });

  it('an answer that is not gzip is refused at once and leaves nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'api-dl-'));
    const before = seen.length;
    const text = await runCli(['api', 'downloadGroupClusterLog', '--hostName', 'text', '--logName', 'mongodb', '--out', join(dir, 'text.gz')], { env: env() });
    expect(text.code).toBe(1);
    expect(seen.slice(before).filter((q) => q.url.includes('/text/'))).toHaveLength(1);
    expect(text.stderr).toMatch(/^atlascli: download to .*text\.gz: Atlas answered with text\/html that is not gzip data/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
