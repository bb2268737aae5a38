// The Performance Advisor in the simulator, by the rules of the spec's operations (tag
// "Performance Advisor"; no recording shows them): listGroupProcessPerformanceAdvisorSlowQueryLogs
// (since/duration in ms, neither → the previous 24 hours; namespaces repeated; nLogs at
// most 20000; includeMetrics/includeOpType/includeReplicaState), …Namespaces ("up to 20";
// "a secondary member … that hasn't received any database read operations … doesn't return
// any namespaces"), …SuggestedIndexes (PerformanceAdvisorResponse: shapes and the indexes
// whose `impact` lists them). Time is the simulator's clock, never the number of reads.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const PRIMARY = 'atlas-x7k2pq-shard-00-00.x7k2pq.mongodb.net:27017';
const SECONDARY = 'atlas-x7k2pq-shard-00-01.x7k2pq.mongodb.net:27017';
const PA = (host: string) => `/api/atlas/v2/groups/${SEED.projectId}/processes/${host}/performanceAdvisor`;
const fx = useSimulator({ clock: 'manual' });

const times = (doc: any) => doc.slowQueries.map((q: any) => Date.parse(JSON.parse(q.line).t.$date));

describe('Performance Advisor', () => {
  it('the default window is the 24 hours before now on the clock; reading again changes nothing, time does', async () => {
    const now = fx.sim.clock.now();
    const a = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs`)).json;
    const b = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs`)).json;
    expect(b).toEqual(a);
    const t = times(a);
    expect(Math.min(...t)).toBeGreaterThanOrEqual(now - 86_400_000);
    expect(Math.max(...t)).toBeLessThan(now);
    fx.sim.clock.advance(3_600_000);
    const c = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs`)).json;
    expect(Math.max(...times(c))).toBeGreaterThan(Math.max(...t));
  });

  it('since and duration bound the window; namespaces filter; nLogs keeps the newest', async () => {
    const since = fx.sim.clock.now() - 6 * 3_600_000;
    const doc = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs?since=${since}&duration=3600000&namespaces=sample_mflix.movies`)).json;
    expect(doc.slowQueries.length).toBeGreaterThan(0);
    for (const t of times(doc)) {
      expect(t).toBeGreaterThanOrEqual(since);
      expect(t).toBeLessThan(since + 3_600_000);
    }
    expect(new Set(doc.slowQueries.map((q: any) => q.namespace))).toEqual(new Set(['sample_mflix.movies']));
    const few = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs?nLogs=3`)).json;
    const all = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs`)).json;
    expect(few.slowQueries).toEqual(all.slowQueries.slice(-3));
    // the spec: nLogs at most 20000
    expect((await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs?nLogs=20001`)).status).toBe(400);
  });

  it('each line is a mongod "Slow query" log line; includeMetrics, includeOpType, includeReplicaState add their fields', async () => {
    const doc = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs?nLogs=1&includeMetrics=true&includeOpType=true&includeReplicaState=true`)).json;
    const [q] = doc.slowQueries;
    const line = JSON.parse(q.line);
    expect(line).toMatchObject({ s: 'I', c: 'COMMAND', id: 51803, msg: 'Slow query', attr: { ns: q.namespace } });
    expect(Object.keys(q).sort()).toEqual(['line', 'metrics', 'namespace', 'opType', 'replicaState']);
    expect(q.metrics.operationExecutionTime).toBe(line.attr.durationMillis);
    expect(q.replicaState).toBe('PRIMARY');
    const plain = (await fx.api('GET', `${PA(PRIMARY)}/slowQueryLogs?nLogs=1`)).json;
    expect(Object.keys(plain.slowQueries[0]).sort()).toEqual(['line', 'namespace']);
  });

  it('a secondary without reads has no namespaces and no slow queries', async () => {
    expect((await fx.api('GET', `${PA(SECONDARY)}/namespaces`)).json).toEqual({ namespaces: [] });
    expect((await fx.api('GET', `${PA(SECONDARY)}/slowQueryLogs`)).json).toEqual({ slowQueries: [] });
    expect((await fx.api('GET', `${PA(SECONDARY)}/suggestedIndexes`)).json).toEqual({ shapes: [], suggestedIndexes: [] });
  });

  it('suggested indexes name the shapes they serve (impact), with nExamples operations each; nIndexes caps them', async () => {
    const doc = (await fx.api('GET', `${PA(PRIMARY)}/suggestedIndexes?nExamples=2`)).json;
    expect(doc.suggestedIndexes.length).toBe(3);
    for (const ix of doc.suggestedIndexes) {
      expect(Object.keys(ix).sort()).toEqual(['avgObjSize', 'id', 'impact', 'index', 'namespace', 'weight']);
      const shape = doc.shapes.find((s: any) => s.id === ix.impact[0]);
      expect(shape.namespace).toBe(ix.namespace);
      expect(shape.operations).toHaveLength(2);
      expect(Object.keys(shape.operations[0].stats).sort()).toEqual(['ms', 'nReturned', 'nScanned', 'ts']);
    }
    const weights = doc.suggestedIndexes.map((i: any) => i.weight);
    expect([...weights].sort((a: number, b: number) => b - a)).toEqual(weights);
    const one = (await fx.api('GET', `${PA(PRIMARY)}/suggestedIndexes?nIndexes=1`)).json;
    expect(one.suggestedIndexes).toHaveLength(1);
    expect(one.suggestedIndexes[0].id).toBe(doc.suggestedIndexes[0].id);
  });

  it('an unknown process: 404 HOSTNAME_AND_PORT_NOT_FOUND (Atlas error-code list)', async () => {
    const r = await fx.api('GET', `${PA('nosuch.example.net:27017')}/namespaces`);
    expect(r.status).toBe(404);
    expect(r.json.errorCode).toBe('HOSTNAME_AND_PORT_NOT_FOUND');
  });
});
