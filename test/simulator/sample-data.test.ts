// Sample dataset loads (src/simulator/resources/sample-data.ts) and cloud provider regions
// (resources/regions.ts), with the recordings they follow.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const REC = new URL('../../../shared/atlas-api/recorded/clusters/flags/clustersflags/TestClustersFlags/', import.meta.url);
const have = existsSync(REC);
const recordedBody = (path: string) => {
  const text = readFileSync(new URL(path, REC), 'utf8');
  return JSON.parse(text.slice(text.indexOf('\n\n') + 2));
};
const G = `/api/atlas/v2/groups/${SEED.projectId}`;
const STEP = 10_000;

describe('sample dataset loads', () => {
  const fx = useSimulator({ stepMs: STEP, clock: 'manual' });

  it.skipIf(!have)('POST answers 201 WORKING in the recorded key order (Load_Sample_Data); the job is COMPLETED after stepMs of the clock, not after reads', async () => {
    const rec = recordedBody('Load_Sample_Data/POST_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_sampleDatasetLoad_cluster-712_1.snaphost');
    const r = await fx.api('POST', `${G}/sampleDatasetLoad/Cluster0`);
    expect(r.status).toBe(201);
    expect(Object.keys(r.json)).toEqual(Object.keys(rec));
    expect(r.json).toMatchObject({ clusterName: 'Cluster0', completeDate: null, errorMessage: null, state: 'WORKING' });
    for (let i = 0; i < 3; i++) expect((await fx.api('GET', `${G}/sampleDatasetLoad/${r.json._id}`)).json.state).toBe('WORKING');
    fx.sim.clock.advance(STEP);
    const done = (await fx.api('GET', `${G}/sampleDatasetLoad/${r.json._id}`)).json;
    expect(done).toMatchObject({ state: 'COMPLETED', errorMessage: null });
    expect(Date.parse(done.completeDate) - Date.parse(done.createDate)).toBe(STEP);
  });

  it('a second load while one works is 409; once loaded, a new load ends FAILED with an errorMessage (guesses, README)', async () => {
    const first = await fx.api('POST', `${G}/sampleDatasetLoad/Cluster0`);
    expect((await fx.api('POST', `${G}/sampleDatasetLoad/Cluster0`)).json).toMatchObject({ error: 409, errorCode: 'SAMPLE_DATASET_LOAD_IN_PROGRESS' });
    fx.sim.clock.advance(STEP);
    expect((await fx.api('GET', `${G}/sampleDatasetLoad/${first.json._id}`)).json.state).toBe('COMPLETED');
    const again = await fx.api('POST', `${G}/sampleDatasetLoad/Cluster0`);
    expect(again.status).toBe(201);
    fx.sim.clock.advance(STEP);
    const failed = (await fx.api('GET', `${G}/sampleDatasetLoad/${again.json._id}`)).json;
    expect(failed.state).toBe('FAILED');
    expect(failed.errorMessage).toMatch(/already contains/);
  });

  it('unknown cluster 404 CLUSTER_NOT_FOUND; paused cluster 409 CANNOT_UPDATE_PAUSED_CLUSTER; unknown job 404', async () => {
    expect((await fx.api('POST', `${G}/sampleDatasetLoad/Nope`)).json).toMatchObject({ error: 404, errorCode: 'CLUSTER_NOT_FOUND' });
    expect((await fx.api('POST', `${G}/sampleDatasetLoad/PausedCluster`)).json).toMatchObject({ error: 409, errorCode: 'CANNOT_UPDATE_PAUSED_CLUSTER' });
    expect((await fx.api('GET', `${G}/sampleDatasetLoad/${'0'.repeat(24)}`)).json).toMatchObject({ error: 404, errorCode: 'SAMPLE_DATASET_LOAD_NOT_FOUND' });
  });
});

describe('cloud provider regions', () => {
  const fx = useSimulator({ stepMs: 50 }, { reset: false });

  it.skipIf(!have)('providers=AWS&tier=M10 answers in the recorded shape: one result, M10, US_EAST_1 and US_WEST_2 flagged default', async () => {
    const rec = recordedBody('GET_api_atlas_v2_groups_6a799efbc0eb9e7a177d7e0e_clusters_provider_regions_1.snaphost');
    const r = await fx.api('GET', `${G}/clusters/provider/regions?providers=AWS&tier=M10`);
    expect(r.status).toBe(200);
    expect(Object.keys(r.json).sort()).toEqual(Object.keys(rec).sort());
    expect(r.json.totalCount).toBe(1);
    const [aws] = r.json.results;
    expect(Object.keys(aws)).toEqual(Object.keys(rec.results[0]));
    expect(aws.instanceSizes.map((s: { name: string }) => s.name)).toEqual(['M10']);
    const defaults = aws.instanceSizes[0].availableRegions.filter((x: { default: boolean }) => x.default).map((x: { name: string }) => x.name);
    expect(defaults).toEqual(rec.results[0].instanceSizes[0].availableRegions.filter((x: { default: boolean }) => x.default).map((x: { name: string }) => x.name));
    // every recorded region is offered
    const names = aws.instanceSizes[0].availableRegions.map((x: { name: string }) => x.name);
    for (const reg of rec.results[0].instanceSizes[0].availableRegions) expect(names).toContain(reg.name);
  });

  it('without filters: the three clouds; an unknown provider is 400 (a guess)', async () => {
    const r = await fx.api('GET', `${G}/clusters/provider/regions`);
    expect(r.json.results.map((x: { provider: string }) => x.provider)).toEqual(['AWS', 'GCP', 'AZURE']);
    expect((await fx.api('GET', `${G}/clusters/provider/regions?providers=IBM`)).status).toBe(400);
  });
});
