import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain JS build script without type declarations
import { buildIndex, DEFAULT_SPEC } from '../../scripts/build-spec-index.js';
import { buildPath, matchOperation, methodsForPath, newestVersion, operation, operations, requestSchema, responseSchema } from '../../src/spec/index.js';
import { formatIssues, validateQuery, validateRequestBody } from '../../src/spec/validate.js';

const SPEC = DEFAULT_SPEC as string;
const haveSpec = existsSync(SPEC);

describe('committed spec index', () => {
  it.skipIf(!haveSpec)(
    'equals what scripts/build-spec-index.js generates from ../shared/atlas-api/spec.yaml',
    async () => {
      const files = (await buildIndex(SPEC)) as Record<string, string>;
      for (const name of ['operations.json', 'schemas.json', 'api-docs.json', 'secrets.json', 'operation-types.ts']) {
        const committed = readFileSync(new URL(`../../src/spec/${name}`, import.meta.url), 'utf8');
        // compare text, not just parsed values: the files must be regenerated, not hand-edited
        expect(committed, `${name} is stale: run npm run spec:index`).toBe(files[name]);
      }
    },
    60_000,
  );
  if (!haveSpec) it.skip(`spec.yaml not found at ${SPEC} (only dev machines and CI have ../shared)`, () => {});

  it('holds every operation of the spec, with versions and methods', () => {
    const all = operations();
    expect(Object.keys(all).length).toBe(540);
    const list = operation('listGroupClusters')!;
    expect(list.method).toBe('GET');
    expect(list.path).toBe('/api/atlas/v2/groups/{groupId}/clusters');
    expect(list.versions).toEqual(['2023-01-01', '2023-02-01', '2024-08-05']);
    expect(list.query?.itemsPerPage).toMatchObject({ type: 'integer', max: 500, min: 1 });
    expect(list.pathParams).toEqual(['groupId']);
    const create = operation('createGroupCluster')!;
    expect(create.requestVersions).toContain('2024-10-23');
    expect(create.status).toEqual([201]);
    expect(operation('downloadGroupClusterLog')).toMatchObject({ gzip: true, pathParams: ['groupId', 'hostName', 'logName'] });
    expect(operation('getOrgMaintenanceSettings')!.versions).toEqual(['preview']);
    expect(newestVersion('getGroupCluster')).toBe('2024-08-05');
    expect(newestVersion('getOrgMaintenanceSettings')).toBe('preview');
    expect(newestVersion('nope')).toBeUndefined();
    for (const op of Object.values(all)) expect(op.versions.length, op.path).toBeGreaterThan(0);
  });

  it('holds the request schema of every version of every operation that takes a JSON body', () => {
    for (const [id, op] of Object.entries(operations())) {
      for (const v of op.requestVersions ?? []) expect(requestSchema(id, v), `${id}@${v}`).toBeDefined();
    }
    // response schemas: what `--fields` is checked against before a request is sent
    expect(responseSchema('getGroupCluster', '2024-08-05')).toEqual({ $ref: '#/components/schemas/ClusterDescription20240805' });
    expect(responseSchema('listGroups', '2023-01-01')).toEqual({ $ref: '#/components/schemas/PaginatedAtlasGroupView' });
    expect(responseSchema('deleteGroup', '2023-01-01')).toBeUndefined();
    expect(requestSchema('createGroupCluster', '1999-01-01')).toBeUndefined();
    expect(readFileSync(new URL('../../src/spec/schemas.json', import.meta.url)).length).toBeLessThan(1_500_000);
  });
});

describe('matchOperation', () => {
  const cases: Array<[string, string, string | undefined, Record<string, string>?]> = [
    ['GET', '/api/atlas/v2/groups', 'listGroups', {}],
    ['GET', '/api/atlas/v2/groups/b0123456789abcdef012345b', 'getGroup', { groupId: 'b0123456789abcdef012345b' }],
    ['GET', '/api/atlas/v2/groups/byName/my%20proj', 'getGroupByName', { groupName: 'my proj' }],
    ['GET', '/api/atlas/v2/groups/g1/clusters/provider/regions', 'listGroupClusterProviderRegions', { groupId: 'g1' }],
    ['GET', '/api/atlas/v2/groups/g1/clusters/Cluster0', 'getGroupCluster', { groupId: 'g1', clusterName: 'Cluster0' }],
    ['GET', '/api/atlas/v2/groups/g1/clusters/Cluster0/processArgs', 'getGroupClusterProcessArgs'],
    [
      'GET',
      '/api/atlas/v2/groups/g1/clusters/atlas-x-shard-00-00.abc.mongodb.net/logs/mongodb.gz',
      'downloadGroupClusterLog',
      { groupId: 'g1', hostName: 'atlas-x-shard-00-00.abc.mongodb.net', logName: 'mongodb' },
    ],
    ['POST', '/api/atlas/v2/groups/g1/clusters/c1:pinFeatureCompatibilityVersion', 'pinGroupClusterFeatureCompatibilityVersion', { groupId: 'g1', clusterName: 'c1' }],
    ['GET', '/api/atlas/v2/groups/g1/databaseUsers/admin/alice', 'getGroupDatabaseUser', { groupId: 'g1', databaseName: 'admin', username: 'alice' }],
    ['GET', '/api/atlas/v2/groups/g1/accessList/10.0.0.0%2F24', 'getGroupAccessListEntry', { groupId: 'g1', entryValue: '10.0.0.0/24' }],
    ['get', '/api/atlas/v2/orgs/', 'listOrgs', {}],
    ['GET', '/api/atlas/v2/nothing-here', undefined],
    ['PUT', '/api/atlas/v2/groups/g1', undefined],
  ];
  it.each(cases)('%s %s -> %s', (method, path, id, params) => {
    const m = matchOperation(method, path);
    expect(m?.id).toBe(id);
    if (params) expect(m?.params).toEqual(params);
  });

  it('lists the methods of a path (405 vs 404)', () => {
    expect(methodsForPath('/api/atlas/v2/groups/g1').sort()).toEqual(['DELETE', 'GET', 'PATCH']);
    expect(methodsForPath('/api/atlas/v2/bogus')).toEqual([]);
  });

  it('builds paths with encoded parameters', () => {
    expect(buildPath('getGroupAccessListEntry', { groupId: 'g', entryValue: '10.0.0.0/24' })).toBe('/api/atlas/v2/groups/g/accessList/10.0.0.0%2F24');
    expect(() => buildPath('getGroup', {})).toThrow(/groupId/);
  });
});

describe('validateRequestBody', () => {
  const cluster = () => ({
    name: 'Cluster1',
    clusterType: 'REPLICASET',
    backupEnabled: false,
    replicationSpecs: [
      {
        zoneName: 'Zone 1',
        regionConfigs: [
          {
            providerName: 'AWS',
            regionName: 'US_EAST_1',
            priority: 7,
            electableSpecs: { instanceSize: 'M10', nodeCount: 3, diskSizeGB: 10 },
          },
        ],
      },
    ],
  });

  it('accepts a valid createGroupCluster body (2024-10-23 and 2024-08-05)', () => {
    expect(validateRequestBody('createGroupCluster', '2024-10-23', cluster())).toEqual([]);
    expect(validateRequestBody('createGroupCluster', '2024-08-05', cluster())).toEqual([]);
  });

  it('refuses unknown attributes, with a JSON pointer, also inside discriminated region configs', () => {
    const body: any = cluster();
    body.colour = 'blue';
    body.replicationSpecs[0].regionConfigs[0].bogus = 1;
    const issues = validateRequestBody('createGroupCluster', '2024-10-23', body);
    expect(issues).toEqual(
      expect.arrayContaining([
        { pointer: '/colour', kind: 'unknown', message: 'unknown attribute' },
        { pointer: '/replicationSpecs/0/regionConfigs/0/bogus', kind: 'unknown', message: 'unknown attribute' },
      ]),
    );
    expect(issues).toHaveLength(2);
  });

  it('refuses read-only attributes', () => {
    const body: any = { ...cluster(), id: 'c0123456789abcdef012345c', stateName: 'IDLE' };
    const issues = validateRequestBody('createGroupCluster', '2024-10-23', body);
    expect(issues.map((i) => [i.pointer, i.kind])).toEqual(
      expect.arrayContaining([
        ['/id', 'readOnly'],
        ['/stateName', 'readOnly'],
      ]),
    );
  });

  it('refuses wrong enums and types, and reports missing required attributes', () => {
    const body: any = cluster();
    body.clusterType = 'TRIANGLE';
    body.replicationSpecs[0].regionConfigs[0].electableSpecs.instanceSize = 'M7';
    body.replicationSpecs[0].regionConfigs[0].regionName = 'MARS_NORTH_1';
    body.backupEnabled = 'yes';
    const text = formatIssues(validateRequestBody('createGroupCluster', '2024-10-23', body));
    expect(text).toContain('/clusterType: must be one of "REPLICASET"');
    expect(text).toContain('/replicationSpecs/0/regionConfigs/0/electableSpecs/instanceSize: must be one of');
    expect(text).toContain('/replicationSpecs/0/regionConfigs/0/regionName: must be one of the allowed values');
    expect(text).toContain('/backupEnabled: must be boolean');
    expect(validateRequestBody('createGroup', '2023-01-01', { orgId: 'a0123456789abcdef012345a' })).toEqual([{ pointer: '/name', kind: 'missing', message: 'is required' }]);
  });

  it('handles nullable, arrays at the top level and small bodies', () => {
    expect(validateRequestBody('createGroup', '2023-01-01', { name: 'p1', orgId: 'a0123456789abcdef012345a' })).toEqual([]);
    expect(validateRequestBody('updateGroupCluster', '2024-10-23', { paused: true })).toEqual([]);
    expect(validateRequestBody('addGroupTeams', '2023-01-01', [{ teamId: 'c0123456789abcdef012345c', roleNames: ['GROUP_READ_ONLY'] }])).toEqual([]);
    expect(validateRequestBody('addGroupTeams', '2023-01-01', { teamId: 'x' })[0]).toMatchObject({ pointer: '', kind: 'type' });
    expect(
      validateRequestBody('updateGroupClusterProcessArgs', '2024-08-05', { minimumEnabledTlsProtocol: 'TLS1_2', javascriptEnabled: false, noTableScan: true, oplogSizeMB: 1000 }),
    ).toEqual([]);
    expect(validateRequestBody('updateGroupClusterProcessArgs', '2024-08-05', { minimumEnabledTlsProtocol: 'TLS0_9' })[0]).toMatchObject({
      pointer: '/minimumEnabledTlsProtocol',
      kind: 'enum',
    });
  });

  it('returns nothing for operations without an indexed schema', () => {
    expect(validateRequestBody('listGroups', '2023-01-01', { anything: true })).toEqual([]);
  });
});

describe('validateQuery', () => {
  it('checks types, enums and ranges; ignores unknown parameters', () => {
    expect(validateQuery('listGroupClusters', { itemsPerPage: '500', pageNum: '2', includeCount: 'false', whatever: 'x' })).toEqual([]);
    const issues = validateQuery('listGroupClusters', { itemsPerPage: '501', pageNum: 'two', includeCount: 'yes' });
    expect(issues.map((i) => i.pointer).sort()).toEqual(['?includeCount', '?itemsPerPage', '?pageNum']);
    expect(validateQuery('listGroupClusters', new URLSearchParams('itemsPerPage=0'))[0].message).toBe('must be >= 1, got 0');
  });
});
