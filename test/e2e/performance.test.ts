// `atlascli performance …` (alias `advisor`) end to end against the simulator, whose
// Performance Advisor follows the spec's operations (tag "Performance Advisor": since and
// duration in ms, namespaces repeated, no namespaces for a secondary without reads; see
// src/simulator/resources/performance-advisor.ts and test/simulator/performance-advisor.test.ts).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { runCli } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const PRIMARY = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';
const SECONDARY = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017';
const PA = (host: string) => `/api/atlas/v2/groups/${SEED.projectId}/processes/${host}/performanceAdvisor`;
/** The path as the CLI sends it (the process id's colon escaped, as any path parameter). */
const SENT = (host: string) => PA(encodeURIComponent(host));
const run = (args: string[]) => runCli(args, { sim });

// a manual clock: the default window (the 24 hours before now) holds the same operations on every read
const sim = sharedSimulator({ port: 0, clock: 'manual' });

/** The attr of a slow query log line. */
const attrOf = (q: { line: string }) => JSON.parse(q.line).attr;

describe('performance slow-queries', () => {
  it('-o json prints the slow query log as served', async () => {
    const before = sim.requests.length;
    const r = await run(['performance', 'slow-queries', PRIMARY, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = await served(sim, `${PA(PRIMARY)}/slowQueryLogs`);
    expect(doc.slowQueries.length).toBeGreaterThan(100);
    expect(r.json()).toEqual(doc);
    const [req] = apiRequests(sim, before);
    expect(req).toMatchObject({ method: 'GET', path: `${SENT(PRIMARY)}/slowQueryLogs`, query: {} });
  });

  it('the table groups the lines by namespace and shape, slowest first, with counts and durations (tab-separated when piped)', async () => {
    const r = await run(['performance', 'slow-queries', PRIMARY]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAMESPACE\tSHAPE\tPLAN\tCOUNT\tTOTAL MS\tAVG MS\tMAX MS\tDOCS EXAMINED\tRETURNED');
    const rows = lines.slice(1).map((l) => l.split('\t'));
    expect(rows.map((x) => `${x[0]} ${x[1]}`)).toEqual(
      expect.arrayContaining([
        'sample_mflix.comments find {movie_id} sort {date}',
        'sample_mflix.movies find {year}',
        'sample_mflix.movies aggregate [$match {genres, rated}, $sort, $limit]',
        'sample_mflix.sessions update {user_id}',
      ]),
    );
    expect(rows).toHaveLength(4);
    // each row sums what the lines of its shape say (attr.durationMillis, the count of lines)
    const { slowQueries } = await served(sim, `${PA(PRIMARY)}/slowQueryLogs`);
    const year = slowQueries.map(attrOf).filter((a: any) => a.ns === 'sample_mflix.movies' && a.command.find);
    const row = rows.find((x) => x[1] === 'find {year}')!;
    expect(Number(row[3])).toBe(year.length);
    expect(Number(row[4])).toBe(year.reduce((n: number, a: any) => n + a.durationMillis, 0));
    expect(Number(row[6])).toBe(Math.max(...year.map((a: any) => a.durationMillis)));
    expect(row[2]).toBe('COLLSCAN');
    expect(rows.reduce((n, x) => n + Number(x[3]), 0)).toBe(slowQueries.length);
    // slowest (most time in all) first
    const totals = rows.map((x) => Number(x[4]));
    expect([...totals].sort((a, b) => b - a)).toEqual(totals);
  });

  it('--since/--until go as since (epoch ms) and duration (ms); --namespace repeated as the spec says (form, exploded)', async () => {
    const end = Math.floor(Date.now() / 1000) * 1000 - 3_600_000;
    const start = end - 7_200_000;
    const iso = (ms: number) => new Date(ms).toISOString();
    const before = sim.requests.length;
    const r = await run([
      'performance',
      'slow-queries',
      PRIMARY,
      '--since',
      iso(start),
      '--until',
      iso(end),
      '--namespace',
      'sample_mflix.movies',
      '--namespace',
      'sample_mflix.comments',
      '-o',
      'json',
      '--debug',
    ]);
    expect(r.code).toBe(0);
    const [req] = apiRequests(sim, before);
    expect(req!.query).toMatchObject({ since: String(start), duration: '7200000' });
    expect(r.stderr).toContain(`slowQueryLogs?since=${start}&duration=7200000&namespaces=sample_mflix.movies&namespaces=sample_mflix.comments`);
    const lines = r.json().slowQueries;
    expect(lines.length).toBeGreaterThan(0);
    for (const q of lines) {
      expect(['sample_mflix.movies', 'sample_mflix.comments']).toContain(q.namespace);
      const t = Date.parse(JSON.parse(q.line).t.$date);
      expect(t).toBeGreaterThanOrEqual(start);
      expect(t).toBeLessThan(end);
    }
  });

  it.each([
    [['nohost'], /invalid process "nohost": give host:port/],
    [[PRIMARY, '--namespace', 'movies'], /--namespace "movies" is not a namespace/],
    [[PRIMARY, '--namespace', 'bad db.movies'], /is not a database name/],
    [[PRIMARY, '--until', '1h'], /--until needs --since/],
    [[PRIMARY, '--since', '1h', '--until', '2h'], /--until .* must be after --since/],
    [[PRIMARY, '--since', '2999-01-01'], /--since is in the future/],
    [[PRIMARY, '--since', '2005-01-01'], /--since is before 2008-01-01/],
    [[PRIMARY, '--since', 'yesterday-ish'], /invalid --since/],
  ])('bad input %j: exit 2 with one line, nothing sent', async (args, message) => {
    const before = sim.requests.length;
    const r = await run(['performance', 'slow-queries', ...args]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(sim.requests.length).toBe(before);
  });

  it('an unknown process: exit 4 with Atlas errorCode', async () => {
    const r = await run(['performance', 'slow-queries', 'nosuch.example.net:27017']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/HOSTNAME_AND_PORT_NOT_FOUND/);
  });
});

describe('performance namespaces', () => {
  it('-o json as served; the table lists the namespaces', async () => {
    const j = await run(['performance', 'namespaces', PRIMARY, '-o', 'json']);
    expect(j.code).toBe(0);
    const doc = await served(sim, `${PA(PRIMARY)}/namespaces`);
    expect(j.json()).toEqual(doc);
    expect(doc.namespaces.map((n: any) => n.namespace).sort()).toEqual(['sample_mflix.comments', 'sample_mflix.movies', 'sample_mflix.sessions']);
    const t = await run(['performance', 'namespaces', PRIMARY]);
    expect(t.stdout).toBe(`NAMESPACE\tTYPE\n${doc.namespaces.map((n: any) => `${n.namespace}\tcollection\n`).join('')}`);
  });

  it('a secondary without reads has none (spec): an empty list, exit 0', async () => {
    const r = await run(['advisor', 'namespaces', SECONDARY, '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ namespaces: [] });
  });
});

describe('performance suggested-indexes', () => {
  it('-o json as served; the table: the index, its impact, the namespace and the queries it serves', async () => {
    const j = await run(['advisor', 'suggested-indexes', PRIMARY, '-o', 'json']);
    expect(j.code).toBe(0);
    const doc = await served(sim, `${PA(PRIMARY)}/suggestedIndexes`);
    expect(j.json()).toEqual(doc);
    const t = await run(['performance', 'suggested-indexes', PRIMARY]);
    expect(t.code).toBe(0);
    const lines = t.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('NAMESPACE\tINDEX\tIMPACT\tQUERIES\tAVG MS\tID');
    const comments = doc.suggestedIndexes.find((i: any) => i.namespace === 'sample_mflix.comments');
    const shape = doc.shapes.find((s: any) => s.id === comments.impact[0]);
    expect(lines).toContain(`sample_mflix.comments\t{ movie_id: 1, date: -1 }\t${comments.weight}\t${shape.count}\t${shape.avgMs}\t${comments.id}`);
    expect(lines).toHaveLength(1 + doc.suggestedIndexes.length);
  });

  it('--namespace narrows it on the server', async () => {
    const before = sim.requests.length;
    const r = await run(['performance', 'suggested-indexes', PRIMARY, '--namespace', 'sample_mflix.movies', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before)[0]!.query).toEqual({ namespaces: 'sample_mflix.movies' });
    expect(r.json().suggestedIndexes.map((i: any) => [i.namespace, i.index])).toEqual([['sample_mflix.movies', [{ year: 1 }]]]);
  });
});

describe('performance output forms', () => {
  it('-o value --fields picks columns of the shape rows; -o csv has the header', async () => {
    const v = await run(['performance', 'slow-queries', PRIMARY, '-o', 'value', '--fields', 'shape,count']);
    expect(v.code).toBe(0);
    const rows = v.stdout
      .trimEnd()
      .split('\n')
      .map((l) => l.split('\t'));
    expect(rows).toHaveLength(4);
    expect(rows.map((x) => x[0])).toContain('find {year}');
    expect(rows.every((x) => x.length === 2 && Number(x[1]) > 0)).toBe(true);
    const c = await run(['performance', 'suggested-indexes', PRIMARY, '-o', 'csv']);
    expect(c.stdout.split('\n')[0]).toBe('namespace,index,impact,queries,avg ms,id');
  });
});
