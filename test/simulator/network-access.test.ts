// The simulator's network families as a client of the API sees them (resources/network-peering.ts,
// resources/private-endpoints.ts, resources/cloud-access.ts). Each rule names its source; the
// choices no source shows are listed as guesses in src/simulator/README.md.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { useSimulator } from './helpers.js';

const STEP = 1000;
const fx = useSimulator({ port: 0, stepMs: STEP, clock: 'manual' });
const g = `/api/atlas/v2/groups/${SEED.projectId}`;

const container = (body: object) => fx.api('POST', `${g}/containers`, { body });

describe('containers (spec: CloudProviderContainer, atlasCidrBlock; createGroupContainer)', () => {
  it.each([
    ['AWS', { regionName: 'US_EAST_1' }, '10.8.0.0/24', 200],
    ['AWS', { regionName: 'US_EAST_1' }, '10.8.0.0/21', 200],
    ['AWS', { regionName: 'US_EAST_1' }, '10.8.0.0/20', 400],
    ['AWS', { regionName: 'US_EAST_1' }, '10.8.0.0/25', 400],
    ['AZURE', { region: 'US_EAST_2' }, '192.168.0.0/22', 200],
    ['AZURE', { region: 'US_EAST_2' }, '192.168.0.0/20', 400],
    ['GCP', { regions: ['CENTRAL_US'] }, '10.0.0.0/18', 200],
    ['GCP', { regions: ['CENTRAL_US'] }, '10.0.0.0/16', 200],
    ['GCP', { regions: ['CENTRAL_US'] }, '10.0.0.0/19', 400],
    ['AWS', { regionName: 'US_EAST_1' }, '100.64.0.0/21', 400],
  ])('%s %j %s → %i (sizes per cloud, within RFC 1918)', async (providerName, region, atlasCidrBlock, status) => {
    const r = await container({ providerName, atlasCidrBlock, ...region });
    expect(r.status).toBe(status);
    if (status === 400) expect(r.json.errorCode).toBe('INVALID_ATTRIBUTE');
  });

  it('one container per region on AWS, one per project on GCP (409 CONTAINER_ALREADY_EXISTS, a guessed code); overlapping blocks are refused', async () => {
    expect((await container({ providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/21' })).status).toBe(200);
    const again = await container({ providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.9.0.0/21' });
    expect([again.status, again.json.errorCode]).toEqual([409, 'CONTAINER_ALREADY_EXISTS']);
    const overlap = await container({ providerName: 'AWS', regionName: 'US_WEST_2', atlasCidrBlock: '10.8.0.0/22' });
    expect([overlap.status, overlap.json.errorCode]).toEqual([400, 'INVALID_ATTRIBUTE']);
    expect((await container({ providerName: 'GCP', regions: ['CENTRAL_US'], atlasCidrBlock: '10.16.0.0/18' })).status).toBe(200);
    expect((await container({ providerName: 'GCP', regions: ['WESTERN_US'], atlasCidrBlock: '10.32.0.0/18' })).status).toBe(409);
  });

  it('the spec requires `regions` on GCP and `regionName` on AWS (400 from the body check)', async () => {
    expect((await container({ providerName: 'GCP', atlasCidrBlock: '10.16.0.0/18' })).status).toBe(400);
    expect((await container({ providerName: 'AWS', atlasCidrBlock: '10.8.0.0/21' })).status).toBe(400);
  });

  it('a reset forgets the containers (the family keeps its state per project record)', async () => {
    expect((await container({ providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/21' })).status).toBe(200);
    fx.sim.reset();
    expect((await fx.api('GET', `${g}/containers/all`)).json.results).toEqual([]);
  });
});

describe('peering connections (spec: AwsNetworkPeeringConnectionSettings, GCPNetworkPeeringConnectionSettings)', () => {
  async function awsPeer(extra: object = {}) {
    const c = await container({ providerName: 'AWS', regionName: 'US_EAST_1', atlasCidrBlock: '10.8.0.0/21' });
    return fx.api('POST', `${g}/peers`, {
      body: {
        providerName: 'AWS',
        containerId: c.json.id,
        accepterRegionName: 'us-east-1',
        awsAccountId: '123456789012',
        routeTableCidrBlock: '10.0.0.0/16',
        vpcId: 'vpc-0a1b2c3d4e5f67890',
        ...extra,
      },
    });
  }

  it('an AWS connection goes INITIATING → PENDING_ACCEPTANCE → FINALIZING → AVAILABLE, one state per step of the clock, whatever the reads', async () => {
    const p = await awsPeer();
    expect(p.status).toBe(200);
    const states: string[] = [];
    for (let i = 0; i < 4; i++) {
      states.push((await fx.api('GET', `${g}/peers/${p.json.id}`)).json.statusName);
      states.push((await fx.api('GET', `${g}/peers/${p.json.id}`)).json.statusName);
      fx.sim.clock.advance(STEP);
    }
    expect(states).toEqual(['INITIATING', 'INITIATING', 'PENDING_ACCEPTANCE', 'PENDING_ACCEPTANCE', 'FINALIZING', 'FINALIZING', 'AVAILABLE', 'AVAILABLE']);
  });

  it('routeTableCidrBlock is a CIDR block (a bare address is refused: src/spec/served.ts PATTERN_ERRATA); the same VPC twice is 409 PEER_ALREADY_EXISTS', async () => {
    const bare = await awsPeer({ routeTableCidrBlock: '10.0.0.0' });
    expect(bare.status).toBe(400);
    expect(bare.json.detail).toMatch(/routeTableCidrBlock/);
    const listed = await fx.api('GET', `${g}/containers?providerName=AWS`);
    expect(listed.status, listed.text).toBe(200);
    const c = listed.json.results[0];
    const body = {
      providerName: 'AWS',
      containerId: c.id,
      accepterRegionName: 'us-east-1',
      awsAccountId: '123456789012',
      routeTableCidrBlock: '10.0.0.0/16',
      vpcId: 'vpc-0a1b2c3d4e5f67890',
    };
    expect((await fx.api('POST', `${g}/peers`, { body })).status).toBe(200);
    const twice = await fx.api('POST', `${g}/peers`, { body });
    expect([twice.status, twice.json.errorCode]).toEqual([409, 'PEER_ALREADY_EXISTS']);
  });

  it('an accepter region that is not an AWS region is 400 INVALID_REGION; an unknown peer is 404', async () => {
    const r = await awsPeer({ accepterRegionName: 'mars-1' });
    expect([r.status, r.json.errorCode]).toEqual([400, 'INVALID_REGION']);
    expect((await fx.api('GET', `${g}/peers/b0123456789abcdef0123456`)).status).toBe(404);
  });
});

describe('private endpoint services (spec: EndpointService, CloudProviderEndpointServiceRequest)', () => {
  it("the region in the cloud's spelling or Atlas's; answered as Atlas names it; an unknown region 400 INVALID_REGION", async () => {
    const r = await fx.api('POST', `${g}/privateEndpoint/endpointService`, { body: { providerName: 'AWS', region: 'us-west-2' } });
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ cloudProvider: 'AWS', regionName: 'US_WEST_2', status: 'INITIATING', endpointServiceName: null, interfaceEndpoints: [] });
    const bad = await fx.api('POST', `${g}/privateEndpoint/endpointService`, { body: { providerName: 'GCP', region: 'US_EAST_1' } });
    expect([bad.status, bad.json.errorCode]).toEqual([400, 'INVALID_REGION']);
  });

  it('AVAILABLE after a step of the clock with the names clients use (Azure: privateLinkServiceName pls_<24 hex>)', async () => {
    const r = await fx.api('POST', `${g}/privateEndpoint/endpointService`, { body: { providerName: 'AZURE', region: 'US_EAST_2' } });
    fx.sim.clock.advance(STEP);
    const got = await fx.api('GET', `${g}/privateEndpoint/AZURE/endpointService/${r.json.id}`);
    expect(got.json.status).toBe('AVAILABLE');
    expect(got.json.privateLinkServiceName).toMatch(/^pls_[0-9a-f]{24}$/);
    // the service is reached under its own cloud only
    expect((await fx.api('GET', `${g}/privateEndpoint/AWS/endpointService/${r.json.id}`)).json.errorCode).toBe('PRIVATE_ENDPOINT_SERVICE_NOT_FOUND');
  });
});

describe('cloud provider access roles (spec: CloudProviderAccessRoles, CloudProviderAccessAWSIAMRoleRequestUpdate)', () => {
  it('authorizing with an ARN that is not an IAM role is 400 INVALID_ATTRIBUTE; deauthorizing under another cloud is 400', async () => {
    const role = (await fx.api('POST', `${g}/cloudProviderAccess`, { body: { providerName: 'AWS' } })).json;
    const user = await fx.api('PATCH', `${g}/cloudProviderAccess/${role.roleId}`, { body: { providerName: 'AWS', iamAssumedRoleArn: 'arn:aws:iam::123456789012:user/ci' } });
    expect([user.status, user.json.errorCode]).toEqual([400, 'INVALID_ATTRIBUTE']);
    expect((await fx.api('DELETE', `${g}/cloudProviderAccess/GCP/${role.roleId}`)).status).toBe(400);
    expect((await fx.api('DELETE', `${g}/cloudProviderAccess/AWS/${role.roleId}`)).status).toBe(204);
    const gone = await fx.api('GET', `${g}/cloudProviderAccess/${role.roleId}`);
    expect([gone.status, gone.json.errorCode]).toEqual([404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND']);
  });
});
