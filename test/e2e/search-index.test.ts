// `atlascli search-index` end to end, in-process against the simulator with a manual clock:
// an index build is PENDING for one step (60 s here), BUILDING for the next, then READY
// (src/simulator/resources/search-indexes.ts; the spec's SearchIndexResponse.status). The
// CLI's clock is the simulator's (runCli's `now`), ATLASCLI_POLL_MS makes the polls quick.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { expectRefusedBeforeSending, runCli, tempDir } from '../helpers/cli.js';
import { complete } from '../helpers/complete.js';
import { apiRequests, served, until } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const STEP = 60_000;
const VERSION = '2024-05-30';
const CLUSTER = SEED.clusters.replicaSet;
const BASE = `/api/atlas/v2/groups/${SEED.projectId}/clusters/${CLUSTER}/search/indexes`;

let dir: string;
const sim = sharedSimulator({ port: 0, clock: 'manual', stepMs: STEP });
beforeAll(() => {
  dir = tempDir('atlascli-search-');
});

const waitEnv = { ATLASCLI_POLL_MS: '5', CI: 'true' };
const now = () => sim.clock.now();

function file(name: string, doc: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, JSON.stringify(doc));
  return p;
}

/** The id of the index the CLI first reads after request `from` (undefined until it does), kept once known. */
function polledId(from: number): () => string | undefined {
  let id: string | undefined;
  return () =>
    (id ??= apiRequests(sim, from)
      .find((q) => q.method === 'GET')
      ?.path.split('/')
      .pop());
}

/** Resolves once the CLI has read index `id` `n` more times. */
async function polls(id: () => string | undefined, n: number): Promise<void> {
  const reads = () => apiRequests(sim).filter((q) => q.method === 'GET' && id() !== undefined && q.path === `${BASE}/${id()}`).length;
  await until(() => id() !== undefined);
  const target = reads() + n;
  await until(() => reads() >= target);
}

async function create(args: string[]): Promise<{ id: string; doc: any }> {
  const r = await runCli(['search-index', 'create', CLUSTER, ...args, '-o', 'json'], { sim });
  expect(r.code, r.stderr).toBe(0);
  const doc = r.json();
  return { id: doc.indexID, doc };
}

const VECTOR = [
  '--name',
  'vectors',
  '--db',
  'sample_mflix',
  '--collection',
  'embedded_movies',
  '--type',
  'vectorSearch',
  '--field',
  'plot_embedding:vector:1536:dotProduct',
  '--field',
  'genres:filter',
];

describe('search-index create from flags', () => {
  it('--type vectorSearch sends the vector and filter fields, and prints the index as served (PENDING)', async () => {
    const before = sim.requests.length;
    const r = await runCli(['search-index', 'create', CLUSTER, ...VECTOR, '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${BASE}`]);
    expect(sent[0]!.body).toEqual({
      name: 'vectors',
      database: 'sample_mflix',
      collectionName: 'embedded_movies',
      type: 'vectorSearch',
      definition: {
        fields: [
          { type: 'vector', path: 'plot_embedding', numDimensions: 1536, similarity: 'dotProduct' },
          { type: 'filter', path: 'genres' },
        ],
      },
    });
    const doc = r.json();
    expect(doc).toEqual(await served(sim, `${BASE}/${doc.indexID}`, VERSION));
    expect(doc).toMatchObject({ name: 'vectors', type: 'vectorSearch', status: 'PENDING', queryable: false });
    expect(r.stderr).toBe(`search index vectors is being built (PENDING); follow it with: atlascli search-index get ${CLUSTER} ${doc.indexID} (or use --wait)\n`);
  });

  it('search fields make static mappings (dynamic false, a.b as a document field); no --field makes dynamic mappings', async () => {
    const before = sim.requests.length;
    await create(['--name', 'titles', '--db', 'shop', '--collection', 'products', '--field', 'title:autocomplete', '--field', 'price.amount:number', '--field', 'sku:TOKEN']);
    await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    const bodies = apiRequests(sim, before).map((q) => q.body);
    expect(bodies).toEqual([
      {
        name: 'titles',
        database: 'shop',
        collectionName: 'products',
        type: 'search',
        definition: {
          mappings: {
            dynamic: false,
            fields: { title: { type: 'autocomplete' }, price: { type: 'document', fields: { amount: { type: 'number' } } }, sku: { type: 'token' } },
          },
        },
      },
      { name: 'default', database: 'shop', collectionName: 'products', type: 'search', definition: { mappings: { dynamic: true } } },
    ]);
  });

  it('--dry-run prints the request and sends nothing', async () => {
    const before = sim.requests.length;
    const r = await runCli(['search-index', 'create', CLUSTER, ...VECTOR, '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'POST', body: { name: 'vectors', type: 'vectorSearch' } });
    expect(sim.requests.length).toBe(before);
  });

  it('a name taken on the collection: Atlas 409 ATLAS_SEARCH_DUPLICATE_INDEX, exit 5 (conflict)', async () => {
    await create(VECTOR);
    const r = await runCli(['search-index', 'create', CLUSTER, ...VECTOR], { sim });
    expect(r.code).toBe(5);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('409 ATLAS_SEARCH_DUPLICATE_INDEX: Duplicate Index.');
  });

  it('an unknown cluster: 404 CLUSTER_NAME_NOT_FOUND, exit 4, with a hint', async () => {
    const r = await runCli(['search-index', 'list', 'NoSuchCluster'], { sim });
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(`404 CLUSTER_NAME_NOT_FOUND: No cluster with name "NoSuchCluster" exists in group ${SEED.projectId}.`);
    expect(r.stderr).toContain('atlascli cluster list');
  });
});

describe('search-index create --file', () => {
  it('sends the file as the request, checked first', async () => {
    const body = { name: 'fromFile', database: 'shop', collectionName: 'products', definition: { mappings: { dynamic: true }, analyzer: 'lucene.english' } };
    const before = sim.requests.length;
    const r = await runCli(['search-index', 'create', CLUSTER, '--file', file('create.json', body), '-o', 'json'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(apiRequests(sim, before)[0]!.body).toEqual(body);
    expect(r.json()).toMatchObject({ name: 'fromFile', type: 'search', latestDefinition: body.definition });
  });

  it('reads stdin with --file -', async () => {
    const body = { name: 'piped', database: 'shop', collectionName: 'products', type: 'search', definition: { mappings: { dynamic: true } } };
    const r = await runCli(['search-index', 'create', CLUSTER, '--file', '-', '-o', 'json'], { sim, stdin: JSON.stringify(body) });
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toMatchObject({ name: 'piped' });
  });

  it.each([
    [{ name: 'x', database: 'd', definition: { mappings: { dynamic: true } } }, /\/collectionName: is required/],
    [{ name: 'x', database: 'd', collectionName: 'c', definition: { mappings: { dynamic: true }, analyser: 'lucene.english' } }, /\/definition\/analyser: unknown attribute/],
    [{ name: 'x', database: 'd', collectionName: 'c', type: 'vectorSearch', definition: { mappings: { dynamic: true } } }, /\/definition\/fields: is required/],
    [{ name: 'x', database: 'd', collectionName: 'c', type: 'search', definition: { mappings: { dynamic: 'yes' } } }, /\/definition\/mappings\/dynamic: must be/],
    [{ name: 'x', database: 'd', collectionName: 'c', type: 'text', definition: {} }, /\/type: must be one of "search", "vectorSearch"/],
  ])('a file the spec refuses: exit 2 naming the JSON pointer, nothing sent (%j)', async (body, message) => {
    await expectRefusedBeforeSending(sim, ['search-index', 'create', CLUSTER, '--file', file('bad.json', body)], message);
  });

  it('--file with --name: exit 2, nothing sent', async () => {
    await expectRefusedBeforeSending(sim, ['search-index', 'create', CLUSTER, '--file', file('x.json', {}), '--name', 'x'], /--file cannot be combined with --name/);
  });
});

describe('bad input is refused before any request (exit 2)', () => {
  it.each([
    [['--field', 'emb:vector:0:cosine'], /dimensions must be a whole number from 1 to 8192, not "0"/],
    [['--field', 'emb:vector:8193:cosine'], /from 1 to 8192, not "8193"/],
    [['--field', 'emb:vector:1.5:cosine'], /not "1.5"/],
    [['--field', 'emb:vector:3:cosin'], /unknown similarity "cosin" \(hint: did you mean cosine\?\)/],
    [['--field', 'emb:vector:3'], /a vector field is path:vector:<dims>:<similarity>/],
    [['--field', 'emb:vector:3:cosine:x'], /a vector field is path:vector:<dims>:<similarity>/],
    [['--field', 'year:filter:x'], /a filter field is path:filter/],
    [['--field', 'title'], /invalid --field "title"/],
    [['--field', ':string'], /invalid --field ":string"/],
    [['--field', 'a..b:string'], /has an empty part/],
    [['--field', 'title:strng'], /unknown field type "strng" \(hint: did you mean string/],
    [['--field', 'title:string', '--field', 'title:token'], /"title" is given twice/],
    [['--type', 'vector'], /invalid --type "vector"/],
    [['--field', 'emb:vector:3:cosine'], /--field "emb:vector:3:cosine" is a vectorSearch field \(hint: add --type vectorSearch/],
    [['--type', 'vectorSearch', '--field', 'title:string'], /is a search field, not one of a vectorSearch index/],
    [['--type', 'vectorSearch', '--field', 'genres:filter'], /a vectorSearch index needs a vector field/],
    [['--type', 'vectorSearch'], /a vectorSearch index needs a vector field/],
  ])('create %j', async (flags, message) => {
    await expectRefusedBeforeSending(sim, ['search-index', 'create', CLUSTER, '--name', 'x', '--db', 'd', '--collection', 'c', ...flags], message);
  });

  it.each([
    [['search-index', 'create', CLUSTER, '--name', 'x'], /missing --db, --collection/],
    [['search-index', 'create', 'bad_name!', '--name', 'x', '--db', 'd', '--collection', 'c'], /cluster name/],
    [['search-index', 'get', CLUSTER, 'not-an-id'], /invalid search index id "not-an-id"/],
    [['search-index', 'list', CLUSTER, '--db', 'shop'], /--db needs --collection/],
    [['search-index', 'list', CLUSTER, '--collection', 'products'], /--collection needs --db/],
    [['search-index', 'create', CLUSTER, '--name', 'x', '--db', 'd', '--collection', 'c', '--wait-timeout', '60'], /--wait-timeout needs --wait/],
    [['search-index', 'delete', CLUSTER, '6a7944f22c88faeba59d3572'], /refusing to delete search index 6a7944f22c88faeba59d3572 of cluster Cluster0 without --force/],
  ])('%j', async (args, message) => {
    await expectRefusedBeforeSending(sim, args, message);
  });
});

describe('search-index list and get', () => {
  it('list prints name, id, type, db.collection, status and queryable; -o json is the array as served', async () => {
    const v = await create(VECTOR);
    const t = await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    sim.clock.advance(2 * STEP);
    const r = await runCli(['search-index', 'list', CLUSTER], { sim });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'NAME\tID\tTYPE\tDB.COLLECTION\tSTATUS\tQUERYABLE',
        `vectors\t${v.id}\tvectorSearch\tsample_mflix.embedded_movies\tREADY\ttrue`,
        `default\t${t.id}\tsearch\tshop.products\tREADY\ttrue`,
        '',
      ].join('\n'),
    );
    const j = await runCli(['search-index', 'list', CLUSTER, '-o', 'json'], { sim });
    expect(j.json()).toEqual(await served(sim, BASE, VERSION));
  });

  it('list -o jsonl prints one index a line, as served', async () => {
    await create(VECTOR);
    await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    const r = await runCli(['search-index', 'list', CLUSTER, '-o', 'jsonl'], { sim });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l))).toEqual(await served(sim, BASE, VERSION));
  });

  it('list --db --collection asks for that collection only', async () => {
    await create(VECTOR);
    const t = await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    const before = sim.requests.length;
    const r = await runCli(['search-index', 'list', CLUSTER, '--db', 'shop', '--collection', 'products', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => q.path)).toEqual([`${BASE}/shop/products`]);
    expect(r.json().map((d: any) => d.indexID)).toEqual([t.id]);
  });

  it('get -o json is the index as served; an unknown id is exit 4 with a hint', async () => {
    const v = await create(VECTOR);
    const r = await runCli(['search-index', 'get', CLUSTER, v.id, '-o', 'json'], { sim });
    expect(r.json()).toEqual(await served(sim, `${BASE}/${v.id}`, VERSION));
    const missing = await runCli(['search-index', 'get', CLUSTER, '6a7944f22c88faeba59d3572'], { sim });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(`atlascli search-index list ${CLUSTER}`);
  });
});

describe('--wait', () => {
  it('create --wait follows PENDING → BUILDING → READY on the clock, then prints the READY index', async () => {
    const from = sim.requests.length;
    const run = runCli(['search-index', 'create', CLUSTER, ...VECTOR, '--wait', '-o', 'json'], { sim, env: waitEnv, now });
    const idOf = polledId(from);
    await polls(idOf, 2);
    sim.clock.advance(STEP);
    await polls(idOf, 2);
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ indexID: idOf(), status: 'READY', queryable: true });
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe('waiting for search index vectors of cluster Cluster0 to be READY');
    expect(lines[1]).toBe('search index vectors of cluster Cluster0: PENDING · 0s');
    // a line is as of when its read began: one sent just before the clock moved says 0s
    expect(lines[2]).toMatch(/^search index vectors of cluster Cluster0: BUILDING · (0s|1m 0s)$/);
    expect(lines[3]).toBe('search index vectors of cluster Cluster0 is READY (total 2m 0s)');
  });

  it("a build that FAILS ends the wait with Atlas's message (statusDetail[].mainIndex.message) and exit 1", async () => {
    const body = {
      name: 'broken',
      database: 'shop',
      collectionName: 'products',
      definition: { mappings: { dynamic: false, fields: { title: { type: 'string', analyzer: 'myAnalyzer' } } } },
    };
    const from = sim.requests.length;
    const run = runCli(['search-index', 'create', CLUSTER, '--file', file('broken.json', body), '--wait'], { sim, env: waitEnv, now });
    const idOf = polledId(from);
    await polls(idOf, 1);
    sim.clock.advance(2 * STEP);
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(
      'search index broken of cluster Cluster0 FAILED: Invalid index definition: analyzer "myAnalyzer" is not defined; define it in "analyzers" or use a built-in lucene analyzer.',
    );
    const doc = await served(sim, `${BASE}/${idOf()}`, VERSION);
    expect(doc).toMatchObject({ status: 'FAILED', queryable: false });
  });

  it('update --file --wait sends {definition}, rebuilds (still queryable), then READY with the next definition version', async () => {
    const t = await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    sim.clock.advance(2 * STEP);
    const definition = { mappings: { dynamic: false, fields: { title: { type: 'string' } } } };
    const before = sim.requests.length;
    const run = runCli(['search-index', 'update', CLUSTER, t.id, '--file', file('update.json', { definition }), '--wait', '-o', 'json'], { sim, env: waitEnv, now });
    await polls(() => t.id, 2);
    const during = await served(sim, `${BASE}/${t.id}`, VERSION);
    expect(during).toMatchObject({ status: 'BUILDING', queryable: true, latestDefinition: definition, latestDefinitionVersion: { version: 1 } });
    expect(during.statusDetail[0]).toMatchObject({
      mainIndex: { status: 'READY', queryable: true, definition: { mappings: { dynamic: true } } },
      stagedIndex: { status: 'BUILDING', definition },
    });
    sim.clock.advance(2 * STEP);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    const sent = apiRequests(sim, before)[0]!;
    expect([sent.method, sent.path, sent.body]).toEqual(['PATCH', `${BASE}/${t.id}`, { definition }]);
    expect(r.json()).toMatchObject({ status: 'READY', latestDefinition: definition, latestDefinitionVersion: { version: 1 } });
  });

  it('update takes a create file (its definition is sent) and refuses a definition the spec refuses, by pointer', async () => {
    const t = await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    const before = sim.requests.length;
    const ok = await runCli(
      [
        'search-index',
        'update',
        CLUSTER,
        t.id,
        '--file',
        file('c.json', { name: 'default', database: 'shop', collectionName: 'products', definition: { mappings: { dynamic: true }, analyzer: 'lucene.simple' } }),
      ],
      { sim },
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(apiRequests(sim, before)[0]!.body).toEqual({ definition: { mappings: { dynamic: true }, analyzer: 'lucene.simple' } });
    await expectRefusedBeforeSending(
      sim,
      ['search-index', 'update', CLUSTER, t.id, '--file', file('u1.json', { definition: { mappings: { dynamic: true }, storedsource: true } })],
      /\/definition\/storedsource: unknown attribute/,
    );
    await expectRefusedBeforeSending(sim, ['search-index', 'update', CLUSTER, t.id, '--file', file('u2.json', { mappings: { dynamic: true } })], /has no "definition"/);
    await expectRefusedBeforeSending(
      sim,
      ['search-index', 'update', CLUSTER, t.id, '--file', file('u3.json', { definition: { fields: 'x' } })],
      /\/definition\/fields: must be array/,
    );
  });

  it('delete --force --wait: DELETING for a step, then gone; --if-exists on a missing index exits 0 with a note', async () => {
    const v = await create(VECTOR);
    const before = sim.requests.length;
    const run = runCli(['search-index', 'delete', CLUSTER, v.id, '--force', '--wait', '-o', 'json'], { sim, env: waitEnv, now });
    await polls(() => v.id, 2);
    expect(await served(sim, `${BASE}/${v.id}`, VERSION)).toMatchObject({ status: 'DELETING', queryable: false });
    sim.clock.advance(STEP);
    const r = await run;
    expect(r.code, r.stderr).toBe(0);
    expect(r.json()).toEqual({ deleted: true, id: v.id, cluster: CLUSTER });
    expect(apiRequests(sim, before)[0]).toMatchObject({ method: 'DELETE', path: `${BASE}/${v.id}`, status: 204 });
    expect(r.stderr).toContain('search index ' + v.id + ' of cluster Cluster0 is gone');
    const again = await runCli(['search-index', 'delete', CLUSTER, v.id, '--force', '--if-exists'], { sim });
    expect(again.code).toBe(0);
    expect(again.stderr).toBe(`search index ${v.id} of cluster Cluster0 does not exist: nothing to delete (--if-exists)\n`);
  });
});

describe('output options and limits', () => {
  it('--query and -o value pick from what -o json prints (the array as served)', async () => {
    await create(VECTOR);
    await create(['--name', 'default', '--db', 'shop', '--collection', 'products']);
    sim.clock.advance(2 * STEP);
    await create(['--name', 'late', '--db', 'shop', '--collection', 'products']);
    const r = await runCli(['search-index', 'list', CLUSTER, '--query', "[?status=='READY'].name", '-o', 'value'], { sim });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('vectors\ndefault\n');
  });

  it('delete --dry-run prints the DELETE and sends nothing', async () => {
    const v = await create(VECTOR);
    const before = sim.requests.length;
    const r = await runCli(['search-index', 'delete', CLUSTER, v.id, '--dry-run', '-o', 'json'], { sim });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ dryRun: true, method: 'DELETE' });
    expect(r.json().url).toContain(`${BASE}/${v.id}`);
    expect(sim.requests.length).toBe(before);
  });

  it('--wait-timeout: a build still going when the time is up ends with exit 1, saying how to keep following it', async () => {
    const from = sim.requests.length;
    const run = runCli(['search-index', 'create', CLUSTER, ...VECTOR, '--wait', '--wait-timeout', '90'], { sim, env: waitEnv, now });
    const idOf = polledId(from);
    await polls(idOf, 1);
    sim.clock.advance(STEP); // BUILDING
    await polls(idOf, 2);
    sim.clock.advance(40_000); // 100 s: past the 90 s, still BUILDING (READY at 120 s)
    const r = await run;
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`gave up waiting after 90 s: search index vectors of cluster Cluster0 is still BUILDING`);
    expect(r.stderr).toContain(`atlascli search-index get ${CLUSTER} ${idOf()}`);
  });
});

describe('completion', () => {
  it('offers the index types, the field types, then dimensions and the similarities of a vector field', async () => {
    expect(await complete('search-index create c --type ')).toEqual(['search', 'vectorSearch']);
    const vs = 'search-index create c --type vectorsearch';
    expect(await complete(`${vs} --field emb:vector:1536:`)).toEqual(['emb:vector:1536:cosine', 'emb:vector:1536:dotProduct', 'emb:vector:1536:euclidean']);
    expect(await complete(`${vs} --field emb:vector:`)).toEqual(['emb:vector:1024:', 'emb:vector:1536:', 'emb:vector:3072:', 'emb:vector:384:', 'emb:vector:768:']);
    expect(await complete(`${vs} --field title:`)).toEqual(['title:filter', 'title:vector:']);
    expect(await complete('search-index create c --field title:str')).toEqual(['title:string', 'title:stringFacet']);
  });

  it('offers only the fields the --type on the line takes: a search index (the default) no vector or filter fields, which the command refuses', async () => {
    for (const line of ['search-index create c --field title:', 'search-index create c --type search --field title:']) {
      const types = await complete(line);
      expect(types).toContain('title:autocomplete');
      expect(types).not.toContain('title:filter');
      expect(types).not.toContain('title:vector:');
    }
    expect(await complete('search-index create c --field emb:vector:')).toEqual([]);
    // what was offered before, refused by the command (exit 2, nothing sent)
    await expectRefusedBeforeSending(
      sim,
      ['search-index', 'create', CLUSTER, '--name', 'x', '--db', 'd', '--collection', 'c', '--field', 'title:filter'],
      /is a vectorSearch field/,
    );
  });
});
