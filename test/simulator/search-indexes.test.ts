// The search index family (src/simulator/resources/search-indexes.ts), against the spec's
// Atlas Search operations at version 2024-05-30 and their SearchIndexResponse schema. Where
// no recording or spec text shows Atlas's behaviour, the rule is listed as a guess in
// src/simulator/README.md ("Search indexes").
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';
import { schemaIndex } from '../../src/spec/index.js';

/** The property names a spec schema declares, its allOf parts included. */
function declared(name: string): string[] {
  const s = schemaIndex().schemas[name] as any;
  const parts = [s, ...((s.allOf ?? []) as any[]).map((p) => (p.$ref ? schemaIndex().schemas[p.$ref.split('/').pop()] : p))];
  return [...new Set(parts.flatMap((p: any) => Object.keys(p?.properties ?? {})))];
}

const V = '2024-05-30';
const STEP = 60_000;
const G = `/api/atlas/v2/groups/${SEED.projectId}`;
const I = `${G}/clusters/Cluster0/search/indexes`;

const TEXT = { name: 'default', database: 'shop', collectionName: 'products', definition: { mappings: { dynamic: true } } };
const VECTOR = {
  name: 'vectors',
  database: 'shop',
  collectionName: 'products',
  type: 'vectorSearch',
  definition: {
    fields: [
      { type: 'vector', path: 'embedding', numDimensions: 3, similarity: 'cosine' },
      { type: 'filter', path: 'category' },
    ],
  },
};

describe('search indexes', () => {
  const fx = useSimulator({ stepMs: STEP, clock: 'manual' });

  const post = (body: unknown) => fx.api('POST', I, { body, version: V });
  const get = (id: string) => fx.api('GET', `${I}/${id}`, { version: V });

  it('spec createGroupClusterSearchIndex: 201 with the SearchIndexResponse keys, PENDING, not queryable, one statusDetail per host', async () => {
    const r = await post(VECTOR);
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual([
      'collectionName',
      'database',
      'indexID',
      'latestDefinition',
      'latestDefinitionVersion',
      'name',
      'queryable',
      'status',
      'statusDetail',
      'type',
    ]);
    expect(r.json).toMatchObject({
      ...{ name: 'vectors', database: 'shop', collectionName: 'products', type: 'vectorSearch' },
      status: 'PENDING',
      queryable: false,
      latestDefinition: VECTOR.definition,
    });
    expect(r.json.indexID).toMatch(/^[0-9a-f]{24}$/);
    expect(r.json.statusDetail).toHaveLength(3);
    expect(r.json.statusDetail[0]).toEqual({
      hostname: expect.stringMatching(/^cluster0-shard-00-00\./),
      mainIndex: { definition: VECTOR.definition, definitionVersion: { createdAt: r.json.latestDefinitionVersion.createdAt, version: 0 }, queryable: false, status: 'PENDING' },
      queryable: false,
      status: 'PENDING',
    });
  });

  it('every key served is one the spec declares: Text/VectorSearchIndexResponse, their host status details and index status details', async () => {
    for (const [body, t] of [
      [TEXT, 'Text'],
      [VECTOR, 'Vector'],
    ] as const) {
      const { indexID } = (await post(body)).json;
      fx.sim.clock.advance(2 * STEP);
      const doc = (await fx.api('PATCH', `${I}/${indexID}`, { version: V, body: { definition: body.definition } })).json;
      expect(declared(`${t}SearchIndexResponse`)).toEqual(expect.arrayContaining(Object.keys(doc)));
      const host = doc.statusDetail[0];
      expect(declared(`${t}SearchHostStatusDetail`)).toEqual(expect.arrayContaining(Object.keys(host)));
      for (const part of [host.mainIndex, host.stagedIndex]) expect(declared(`${t}SearchIndexStatusDetail`)).toEqual(expect.arrayContaining(Object.keys(part)));
      expect(declared('SearchIndexDefinitionVersion')).toEqual(expect.arrayContaining(Object.keys(doc.latestDefinitionVersion)));
    }
  });

  it('spec status enum: PENDING → BUILDING → READY with the clock, never with the number of reads', async () => {
    const { indexID } = (await post(TEXT)).json;
    for (let i = 0; i < 5; i++) expect((await get(indexID)).json.status).toBe('PENDING');
    fx.sim.clock.advance(STEP);
    expect((await get(indexID)).json).toMatchObject({ status: 'BUILDING', queryable: false });
    fx.sim.clock.advance(STEP);
    expect((await get(indexID)).json).toMatchObject({ status: 'READY', queryable: true });
  });

  it('a type left out is search (spec: "The default type is search")', async () => {
    expect((await post(TEXT)).json.type).toBe('search');
  });

  it('lists: per cluster, and per collection (plain arrays, spec 200 `type: array`)', async () => {
    await post(TEXT);
    await post({ ...TEXT, collectionName: 'orders' });
    const all = await fx.api('GET', I, { version: V });
    expect(all.json.map((d: any) => d.collectionName)).toEqual(['products', 'orders']);
    const one = await fx.api('GET', `${I}/shop/orders`, { version: V });
    expect(one.json.map((d: any) => d.collectionName)).toEqual(['orders']);
  });

  it('by name: get, update and delete on …/{databaseName}/{collectionName}/{indexName}', async () => {
    const { indexID } = (await post(TEXT)).json;
    expect((await fx.api('GET', `${I}/shop/products/default`, { version: V })).json.indexID).toBe(indexID);
    const u = await fx.api('PATCH', `${I}/shop/products/default`, { version: V, body: { definition: { mappings: { dynamic: false, fields: { t: { type: 'string' } } } } } });
    expect(u.status).toBe(200);
    expect(u.json.latestDefinitionVersion.version).toBe(1);
    expect((await fx.api('DELETE', `${I}/shop/products/default`, { version: V })).status).toBe(204);
    expect((await get(indexID)).json.status).toBe('DELETING');
  });

  it('an update rebuilds: BUILDING, still queryable on the old definition (mainIndex) while the new one is the stagedIndex, then READY', async () => {
    const { indexID } = (await post(TEXT)).json;
    fx.sim.clock.advance(2 * STEP);
    const next = { mappings: { dynamic: false, fields: { title: { type: 'string' } } } };
    const u = await fx.api('PATCH', `${I}/${indexID}`, { version: V, body: { definition: next } });
    expect(u.json).toMatchObject({ status: 'BUILDING', queryable: true, latestDefinition: next, latestDefinitionVersion: { version: 1 } });
    expect(u.json.statusDetail[0].mainIndex).toMatchObject({ status: 'READY', queryable: true, definition: TEXT.definition, definitionVersion: { version: 0 } });
    expect(u.json.statusDetail[0].stagedIndex).toMatchObject({ status: 'BUILDING', queryable: false, definition: next, definitionVersion: { version: 1 } });
    fx.sim.clock.advance(2 * STEP);
    const done = (await get(indexID)).json;
    expect(done).toMatchObject({ status: 'READY', queryable: true, latestDefinition: next });
    expect(done.statusDetail[0].stagedIndex).toBeUndefined();
    expect(done.statusDetail[0].mainIndex.definition).toEqual(next);
  });

  it('an update cannot turn a search index into a vector one: 400 INVALID_ATTRIBUTE', async () => {
    const { indexID } = (await post(TEXT)).json;
    const r = await fx.api('PATCH', `${I}/${indexID}`, { version: V, body: { definition: VECTOR.definition } });
    expect(r.status).toBe(400);
    expect(r.json.errorCode).toBe('INVALID_ATTRIBUTE');
  });

  it('spec "FAILED: … due to an invalid index definition": an analyzer defined nowhere fails the build, with the message on each host', async () => {
    const body = { ...TEXT, name: 'broken', definition: { mappings: { dynamic: false, fields: { title: { type: 'string', analyzer: 'mine' } } } } };
    const { indexID } = (await post(body)).json;
    fx.sim.clock.advance(2 * STEP);
    const r = (await get(indexID)).json;
    expect(r).toMatchObject({ status: 'FAILED', queryable: false });
    expect(r.statusDetail[0].mainIndex).toMatchObject({ status: 'FAILED', message: expect.stringContaining('analyzer "mine" is not defined') });
    // defined in `analyzers`, or a built-in lucene analyzer: it builds
    const ok = { ...body, name: 'fine', definition: { ...body.definition, analyzers: [{ name: 'mine', tokenizer: { type: 'standard' } }] } };
    const fine = (await post(ok)).json.indexID;
    fx.sim.clock.advance(2 * STEP);
    expect((await get(fine)).json.status).toBe('READY');
  });

  it('a failed rebuild keeps serving what built before: FAILED, still queryable, the message on the stagedIndex', async () => {
    const { indexID } = (await post(TEXT)).json;
    fx.sim.clock.advance(2 * STEP);
    await fx.api('PATCH', `${I}/${indexID}`, { version: V, body: { definition: { mappings: { dynamic: false, fields: { title: { type: 'string', searchAnalyzer: 'nope' } } } } } });
    fx.sim.clock.advance(2 * STEP);
    const r = (await get(indexID)).json;
    expect(r).toMatchObject({ status: 'FAILED', queryable: true });
    expect(r.statusDetail[0].mainIndex).toMatchObject({ status: 'READY', definition: TEXT.definition });
    expect(r.statusDetail[0].stagedIndex).toMatchObject({ status: 'FAILED', message: expect.stringContaining('"nope"') });
  });

  it('a delete answers 204; the index is DELETING for a step of the clock, then gone (spec: "This deletion is eventually consistent")', async () => {
    const { indexID } = (await post(TEXT)).json;
    expect((await fx.api('DELETE', `${I}/${indexID}`, { version: V })).status).toBe(204);
    expect((await get(indexID)).json).toMatchObject({ status: 'DELETING', queryable: false });
    fx.sim.clock.advance(STEP);
    const gone = await get(indexID);
    expect(gone.status).toBe(404);
    expect(gone.json.errorCode).toBe('ATLAS_SEARCH_INDEX_NOT_FOUND');
  });

  it('a name is unique per collection: 409 ATLAS_SEARCH_DUPLICATE_INDEX "Duplicate Index." (docs error list; Terraform module evidence), other collections may reuse it', async () => {
    await post(TEXT);
    const r = await post(TEXT);
    expect(r.status).toBe(409);
    expect(r.json).toMatchObject({ errorCode: 'ATLAS_SEARCH_DUPLICATE_INDEX', detail: 'Duplicate Index.' });
    expect((await post({ ...TEXT, collectionName: 'orders' })).status).toBe(201);
  });

  it('an unknown cluster: 404 CLUSTER_NAME_NOT_FOUND as Atlas answered a search index create (pulumi/pulumi-mongodbatlas#522)', async () => {
    const r = await fx.api('GET', `${G}/clusters/Nope/search/indexes`, { version: V });
    expect(r.status).toBe(404);
    expect(r.json).toMatchObject({ errorCode: 'CLUSTER_NAME_NOT_FOUND', detail: `No cluster with name "Nope" exists in group ${SEED.projectId}.` });
  });

  it('an unknown index id: 404 ATLAS_SEARCH_INDEX_NOT_FOUND (a guess, README)', async () => {
    const r = await get('6a7944f22c88faeba59d3572');
    expect(r.status).toBe(404);
    expect(r.json.errorCode).toBe('ATLAS_SEARCH_INDEX_NOT_FOUND');
  });

  it.each([
    [{ fields: [{ type: 'filter', path: 'category' }] }, 'definition.fields'],
    [{ fields: [{ type: 'vector', path: 'e', numDimensions: 8193, similarity: 'cosine' }] }, 'definition.fields[0].numDimensions'],
    [{ fields: [{ type: 'vector', path: 'e', numDimensions: 3, similarity: 'manhattan' }] }, 'definition.fields[0].similarity'],
    [{ fields: [{ type: 'vector', numDimensions: 3, similarity: 'cosine' }] }, 'definition.fields[0].path'],
    [{ fields: [{ type: 'text', path: 'e' }] }, 'definition.fields[0].type'],
  ])('a vector definition Atlas cannot build is 400 INVALID_ATTRIBUTE naming it (limits: Atlas Vector Search docs) %#', async (definition, attribute) => {
    const r = await post({ ...VECTOR, definition });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ errorCode: 'INVALID_ATTRIBUTE', parameters: [attribute] });
  });

  it('spec SearchMappings.dynamic (its description: true, false or an object) and vector fields of any JSON values pass the body check', async () => {
    expect((await post({ ...TEXT, definition: { mappings: { dynamic: false, fields: { t: { type: 'string' } } } } })).status).toBe(201);
    expect((await post({ ...TEXT, name: 'typed', definition: { mappings: { dynamic: { typeSet: 'ts' } }, typeSets: [{ name: 'ts', types: [{ type: 'string' }] }] } })).status).toBe(
      201,
    );
    // without `type` the definition is checked as a search one (spec: "The default type is search")
    const bad = await post({ ...TEXT, name: 'bad', definition: { mappings: { dynamic: 'yes' } } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ errorCode: 'INVALID_ATTRIBUTE', parameters: ['/definition/mappings/dynamic'] });
  });

  it('indexes belong to their cluster: a reset simulator, or a cluster deleted and made again, has none', async () => {
    await post(TEXT);
    fx.sim.reset();
    expect((await fx.api('GET', I, { version: V })).json).toEqual([]);
  });
});
