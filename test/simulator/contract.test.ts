import { describe, expect, it } from 'vitest';
import { startSimulator } from '../../src/simulator/index.js';
import { accept, useSimulator } from './helpers.js';

describe('API contract enforcement', () => {
  const fx = useSimulator({ stepMs: 50, seed: { extraProjects: 1234 } }, { reset: false });
  const P = () => `/api/atlas/v2/groups/${fx.sim.credentials.projectId}`;

  describe('versioned media types', () => {
    // versioned-api-overview ("Versioning Schema", stable): 406 when the request omits the version or names
    // one that does not exist; a date before the resource's first version, or not a date, names none
    it('refuses a missing, unversioned, too early or malformed Accept with 406 INVALID_VERSION_DATE', async () => {
      for (const a of ['', 'application/json', '*/*', accept('2022-12-31'), accept('2023-02-30'), accept('latest'), accept('2023-01-01', 'gzip')]) {
        const r = await fx.api('GET', '/api/atlas/v2/groups', { headers: { Accept: a } });
        expect(r.status, a).toBe(406);
        expect(r.json).toMatchObject({ error: 406, errorCode: 'INVALID_VERSION_DATE', reason: 'Not Acceptable' });
      }
    });

    it('answers with the negotiated media type', async () => {
      const r = await fx.api('GET', `${P()}/clusters/Cluster0`, { version: '2024-08-05' });
      expect(r.status).toBe(200);
      expect(r.headers.get('content-type')).toBe('application/vnd.atlas.2024-08-05+json;charset=utf-8');
      const list = await fx.api('GET', '/api/atlas/v2/groups', { headers: { Accept: `application/json, ${accept('2023-01-01')};q=0.9` } });
      expect(list.status).toBe(200);
    });

    it('adds Deprecation and Sunset to superseded versions, as Atlas does', async () => {
      const old = await fx.api('GET', `${P()}/clusters/Cluster0`, { version: '2023-02-01' });
      expect(old.headers.get('deprecation')).toBe('Mon, 5 Aug 2024 00:00:00 GMT');
      expect(old.headers.get('sunset')).toBe('Thu, 1 Jul 2027 00:00:00 GMT');
      const current = await fx.api('GET', `${P()}/clusters/Cluster0`, { version: '2024-08-05' });
      expect(current.headers.get('deprecation')).toBeNull();
      expect(current.headers.get('sunset')).toBeNull();
    });

    // migrate-to-new-version (Procedure, "Add the versioning Accept header"): the content type is application/json
    // or application/vnd.atlas.{yyyy-mm-dd}+json; anything else is refused (415, unconfirmed code)
    it('requires the request body Content-Type to be JSON in a version the operation accepts', async () => {
      const body = { name: 'ct-check', orgId: fx.sim.credentials.orgId };
      for (const ct of ['text/plain', 'application/xml', 'application/vnd.atlas.2023-01-01+gzip']) {
        expect((await fx.api('POST', '/api/atlas/v2/groups', { body, headers: { 'Content-Type': ct } })).status, ct).toBe(415);
      }
      const early = await fx.api('POST', '/api/atlas/v2/groups', { body, headers: { 'Content-Type': accept('2022-01-01') } });
      expect(early.status).toBe(406);
      expect(early.json.errorCode).toBe('INVALID_VERSION_DATE');
      expect(fx.sim.state.projectByName('ct-check')).toBeUndefined();
    });
  });

  describe('request bodies', () => {
    it('refuses unparseable JSON with 400 MALFORMED_JSON (Atlas API error-code list, mongodb.com/docs/atlas/reference/api-errors)', async () => {
      const r = await fx.api('POST', '/api/atlas/v2/groups', { rawBody: '{"name": "x",' });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ error: 400, errorCode: 'MALFORMED_JSON', detail: 'Received JSON is malformed.', reason: 'Bad Request' });
    });

    it('refuses unknown and read-only attributes with 400 INVALID_ATTRIBUTE naming the JSON pointer', async () => {
      const r = await fx.api('POST', `${P()}/clusters`, {
        version: '2024-10-23',
        body: {
          name: 'bad-body',
          clusterType: 'REPLICASET',
          stateName: 'IDLE',
          replicationSpecs: [
            { regionConfigs: [{ providerName: 'AWS', regionName: 'US_EAST_1', priority: 7, electableSpecs: { instanceSize: 'M10', nodeCount: 3 }, size: 'big' }] },
          ],
        },
      });
      expect(r.status).toBe(400);
      expect(r.json.errorCode).toBe('INVALID_ATTRIBUTE');
      expect(r.json.detail).toContain('/stateName: is read-only');
      expect(r.json.detail).toContain('/replicationSpecs/0/regionConfigs/0/size: unknown attribute');
      expect(r.json.parameters).toEqual(expect.arrayContaining(['/stateName', '/replicationSpecs/0/regionConfigs/0/size']));
      expect(fx.sim.state.cluster(fx.sim.credentials.projectId, 'bad-body')).toBeUndefined();
    });

    it('refuses a missing required attribute with 400 MISSING_ATTRIBUTE', async () => {
      const r = await fx.api('POST', '/api/atlas/v2/groups', { body: { orgId: fx.sim.credentials.orgId } });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ errorCode: 'MISSING_ATTRIBUTE', parameters: ['/name'] });
    });

    it('refuses a missing body where one is required', async () => {
      const r = await fx.api('POST', '/api/atlas/v2/groups', { headers: { 'Content-Type': accept('2023-01-01') } });
      expect(r.status).toBe(400);
      expect(r.json.errorCode).toBe('INVALID_JSON');
    });
  });

  describe('routes', () => {
    it('answers unknown paths with 404 RESOURCE_NOT_FOUND and wrong methods with 405', async () => {
      const nf = await fx.api('GET', '/api/atlas/v2/nothing/here');
      expect(nf.status).toBe(404);
      expect(nf.json.errorCode).toBe('RESOURCE_NOT_FOUND');
      const na = await fx.api('PUT', P(), { body: { name: 'x' } });
      expect(na.status).toBe(405);
      expect(na.headers.get('allow')).toBe('GET, PATCH, DELETE');
    });

    it('answers operations of the spec it does not simulate yet with 501', async () => {
      const r = await fx.api('GET', `${P()}/privateEndpoint/regionalMode`);
      expect(r.status).toBe(501);
      expect(r.json.errorCode).toBe('NOT_IMPLEMENTED');
    });

    it('answers malformed and unknown ids like Atlas', async () => {
      // docs (mongodb.com/docs/atlas/reference/api-errors): INVALID_GROUP_ID is 404
      expect((await fx.api('GET', '/api/atlas/v2/groups/not-an-id')).json).toMatchObject({ error: 404, errorCode: 'INVALID_GROUP_ID' });
      expect((await fx.api('GET', '/api/atlas/v2/groups/ffffffffffffffffffffffff')).json).toMatchObject({
        error: 404,
        errorCode: 'GROUP_NOT_FOUND',
        parameters: ['ffffffffffffffffffffffff'],
      });
    });
  });

  describe('pagination', () => {
    it('pages lists with the Atlas envelope, links and totalCount', async () => {
      const seen = new Set<string>();
      let total = 0;
      for (let page = 1; page <= 3; page++) {
        const r = await fx.api('GET', `/api/atlas/v2/groups?itemsPerPage=500&pageNum=${page}`);
        expect(r.status).toBe(200);
        expect(Object.keys(r.json).sort()).toEqual(['links', 'results', 'totalCount']);
        total = r.json.totalCount;
        for (const p of r.json.results) seen.add(p.id);
        const rels = r.json.links.map((l: { rel: string }) => l.rel);
        expect(rels).toContain('self');
        expect(rels.includes('next')).toBe(page < 3);
        expect(rels.includes('previous')).toBe(page > 1);
        const self = r.json.links.find((l: { rel: string }) => l.rel === 'self');
        expect(self.href).toBe(`${fx.sim.url}/api/atlas/v2/groups?includeCount=true&pageNum=${page}&itemsPerPage=500`);
      }
      expect(total).toBe(1234 + 5);
      expect(seen.size).toBe(total);
      const beyond = await fx.api('GET', '/api/atlas/v2/groups?itemsPerPage=500&pageNum=4');
      expect(beyond.json.results).toEqual([]);
    });

    it('defaults to 100 items per page; with includeCount=false totalCount is 0, as Atlas sends it', async () => {
      // recorded/generic/events/TestEvents/List_Project_Events/GET_api_atlas_v2_groups_…_events_1.snaphost: "totalCount":0
      const r = await fx.api('GET', '/api/atlas/v2/groups');
      expect(r.json.results).toHaveLength(100);
      const n = await fx.api('GET', '/api/atlas/v2/groups?includeCount=false&itemsPerPage=5');
      expect(n.json.totalCount).toBe(0);
      expect(n.json.results).toHaveLength(5);
    });

    it('refuses itemsPerPage above 500 and malformed paging parameters with 400', async () => {
      for (const q of ['itemsPerPage=501', 'itemsPerPage=0', 'pageNum=0', 'pageNum=two', 'includeCount=yes']) {
        const r = await fx.api('GET', `/api/atlas/v2/groups?${q}`);
        expect(r.status, q).toBe(400);
        expect(r.json.errorCode).toBe('INVALID_QUERY_PARAMETER');
      }
    });
  });

  describe('rate limiting', () => {
    it('sends Ratelimit headers and answers 429 RATE_LIMITED_TOKEN_BUCKET with Retry-After, the detail and parameters of the docs, when the bucket is empty', async () => {
      const small = await startSimulator({ rateLimit: { limit: 3, windowMs: 60_000 } });
      try {
        const h = { Accept: accept('2023-01-01') };
        const a = await fetch(`${small.url}/api/atlas/v2/orgs`, { headers: h });
        expect(a.headers.get('ratelimit-limit')).toBe('3');
        expect(a.headers.get('ratelimit-remaining')).toBe('2');
        await fetch(`${small.url}/api/atlas/v2/orgs`, { headers: h });
        await fetch(`${small.url}/api/atlas/v2/orgs`, { headers: h });
        const limited = await fetch(`${small.url}/api/atlas/v2/orgs`, { headers: h });
        expect(limited.status).toBe(429);
        expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(limited.headers.get('ratelimit-remaining')).toBe('0');
        const retry = Number(limited.headers.get('retry-after'));
        // docs, "Atlas Administration API Rate Limits": the sample error's detail and parameters
        expect(await limited.json()).toMatchObject({
          error: 429,
          errorCode: 'RATE_LIMITED_TOKEN_BUCKET',
          reason: 'Too Many Requests',
          detail: `Rate limit exceeded for api/atlas/v2/orgs. Please retry after ${retry} seconds. Request capacity: 3. Refill rate: 3 per 60 seconds.`,
          parameters: ['api/atlas/v2/orgs', retry, 3, 3, 60],
        });
      } finally {
        await small.close();
      }
    });
  });
});
