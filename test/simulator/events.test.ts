import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { SEEDED_EVENTS, SEEDED_ORG_EVENT_TYPES, SEEDED_PROJECT_EVENT_TYPES } from '../../src/simulator/resources/events.js';
import { operation } from '../../src/spec/index.js';
import { useSimulator } from './helpers.js';
import { servedAll } from '../helpers/atlas.js';

describe('events', () => {
  const fx = useSimulator({}, { reset: false });
  const P = `/api/atlas/v2/groups/${SEED.projectId}/events`;
  const O = `/api/atlas/v2/orgs/${SEED.orgId}/events`;

  const all = async (path: string) => (await fx.api('GET', `${path}${path.includes('?') ? '&' : '?'}itemsPerPage=500&pageNum=1`)).json;

  it('seeds hundreds of events of spec-listed types over the last 30 days, newest first', async () => {
    const first = (await fx.api('GET', `${P}?itemsPerPage=500`)).json;
    expect(first.totalCount).toBe(SEEDED_EVENTS.project);
    const created = first.results.map((e: { created: string }) => e.created);
    expect([...created].sort().reverse()).toEqual(created);
    expect(Date.parse(created.at(-1))).toBeGreaterThan(Date.now() - 31 * 86_400_000);
    const groupTypes = new Set(operation('listGroupEvents')!.query!.eventType!.enum);
    const orgTypes = new Set(operation('listOrgEvents')!.query!.eventType!.enum);
    expect(SEEDED_PROJECT_EVENT_TYPES.filter((t) => !groupTypes.has(t))).toEqual([]);
    expect(SEEDED_ORG_EVENT_TYPES.filter((t) => !orgTypes.has(t))).toEqual([]);
    expect((await fx.api('GET', `${O}?itemsPerPage=1`)).json.totalCount).toBe(SEEDED_EVENTS.org);
  });

  it('documents are shaped like the recordings (recorded/generic/events)', async () => {
    const e = (await fx.api('GET', `${P}?itemsPerPage=1&eventType=CLUSTER_READY`)).json.results[0];
    expect(Object.keys(e)).toEqual(['clusterName', 'created', 'eventTypeName', 'groupId', 'id', 'isGlobalAdmin', 'links']);
    expect(e.links).toEqual([{ href: `${fx.sim.url}${P}/${e.id}`, rel: 'self' }]);
    const one = await fx.api('GET', `${P}/${e.id}`);
    expect(one.json).toEqual(e);
    // organization events without a project link to groups/null, as Atlas does
    const o = (await fx.api('GET', `${O}?itemsPerPage=1&eventType=API_KEY_CREATED`)).json.results[0];
    expect(o.links[0].href).toBe(`${fx.sim.url}/api/atlas/v2/groups/null/events/${o.id}`);
    expect(o.orgId).toBe(SEED.orgId);
  });

  it('minDate and maxDate are inclusive bounds on created (mongocli docs: "greater/less than or equal")', async () => {
    const events = (await all(P)).results as Array<{ created: string }>;
    const max = events[10]!.created;
    const min = events[40]!.created;
    const r = await all(`${P}?minDate=${min}&maxDate=${max}`);
    const expected = events.filter((e) => e.created >= min && e.created <= max);
    expect(r.totalCount).toBe(expected.length);
    expect(r.results).toEqual(expected);
    expect(r.results[0].created).toBe(max);
    expect(r.results.at(-1).created).toBe(min);
  });

  it('eventType and clusterNames repeat and combine; excludedEventType drops types', async () => {
    const events = await servedAll<{ eventTypeName: string; clusterName?: string }>(fx.sim, P);
    const r = await all(`${P}?eventType=CLUSTER_READY&eventType=PRIMARY_ELECTED&clusterNames=Cluster0&clusterNames=ShardedCluster`);
    expect(r.results).toEqual(events.filter((e) => ['CLUSTER_READY', 'PRIMARY_ELECTED'].includes(e.eventTypeName) && ['Cluster0', 'ShardedCluster'].includes(e.clusterName!)));
    const ex = await all(`${P}?excludedEventType=PROJECT_SCHEDULED_MAINTENANCE`);
    expect(ex.results.some((e: { eventTypeName: string }) => e.eventTypeName === 'PROJECT_SCHEDULED_MAINTENANCE')).toBe(false);
  });

  it('answers 400 for an event type outside the spec enum, a bad date or a bad cluster name', async () => {
    const type = await fx.api('GET', `${P}?eventType=CLUSTER_CRATED`);
    expect(type.status).toBe(400);
    expect(type.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
    // a project type is not an organization type
    expect((await fx.api('GET', `${O}?eventType=CLUSTER_CREATED`)).status).toBe(400);
    const date = await fx.api('GET', `${P}?minDate=yesterday`);
    expect(date.status).toBe(400);
    expect(date.json.detail).toMatch(/minDate/);
    expect((await fx.api('GET', `${P}?clusterNames=bad_name`)).status).toBe(400);
  });

  it('includeCount=false answers totalCount 0, as the recordings (made with includeCount=false) show', async () => {
    const r = await fx.api('GET', `${P}?includeCount=false&itemsPerPage=5`);
    expect(r.json.totalCount).toBe(0);
    expect(r.json.results).toHaveLength(5);
  });

  it('an unknown event is 404 EVENT_NOT_FOUND', async () => {
    const r = await fx.api('GET', `${P}/ffffffffffffffffffffffff`);
    expect(r.status).toBe(404);
    expect(r.json.errorCode).toBe('EVENT_NOT_FOUND');
  });
});
