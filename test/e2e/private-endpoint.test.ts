// `private-endpoint …` against the simulator (resources/private-endpoints.ts). Sources of its
// rules: the spec's EndpointService (AWSPrivateLinkConnection, AzurePrivateLinkConnection,
// GCPEndpointService) and PrivateLinkEndpoint schemas (shapes and states; an AWS service has no
// endpointServiceName while Atlas makes it), CreateEndpointRequest (the bodies per cloud), and
// 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION (public scripts handling Atlas's answer).
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { expectRefusedBeforeSending, runCli, type RunOptions } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';
import { stepPerPoll } from '../simulator/helpers.js';

const STEP = 5000;
const FAST: RunOptions['env'] = { ATLASCLI_POLL_MS: '20' };
const run = (args: string[]) => runCli(args, { sim, env: FAST });
const base = `/api/atlas/v2/groups/${SEED.projectId}/privateEndpoint`;
const AZURE_ID = '/subscriptions/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d/resourceGroups/app/providers/Microsoft.Network/privateEndpoints/atlas-pe';

const sim = sharedSimulator({ port: 0, stepMs: STEP, clock: 'manual' });

async function service(provider: string, region: string): Promise<string> {
  const r = await run(['private-endpoint', 'create', '--provider', provider, '--region', region, '-o', 'json']);
  expect(r.code).toBe(0);
  return r.json().id;
}

describe('private-endpoint', () => {
  it('create sends {providerName, region} and prints the INITIATING service as served (no endpointServiceName yet), with how to follow it', async () => {
    const before = sim.requests.length;
    const r = await run(['private-endpoint', 'create', '--provider', 'aws', '--region', 'us-east-1']);
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${base}/endpointService`]);
    expect(sent[0]!.body).toEqual({ providerName: 'AWS', region: 'US_EAST_1' });
    const [head, row] = r.stdout.split('\n');
    expect(head).toBe('ID\tPROVIDER\tREGION\tSTATUS\tSERVICE NAME\tENDPOINTS');
    expect(row).toMatch(/^[0-9a-f]{24}\tAWS\tUS_EAST_1\tINITIATING\t\t$/);
    expect(r.stderr).toMatch(/is INITIATING; follow it with: atlascli private-endpoint get [0-9a-f]{24} --provider AWS \(or use --wait\)/);
  });

  it('create --wait follows the service to AVAILABLE on the clock and prints it as served then', async () => {
    const stop = stepPerPoll(sim, STEP);
    try {
      const r = await run(['private-endpoint', 'create', '--provider', 'AWS', '--region', 'EU_WEST_1', '--wait', '-o', 'json']);
      expect(r.code).toBe(0);
      expect(r.stderr).toMatch(/waiting for private endpoint service [0-9a-f]{24} to be AVAILABLE/);
      expect(r.stderr).toMatch(/is AVAILABLE \(total/);
      const id = r.json().id;
      expect(r.json()).toEqual(await served(sim, `${base}/AWS/endpointService/${id}`));
      expect(r.json()).toMatchObject({ cloudProvider: 'AWS', regionName: 'EU_WEST_1', status: 'AVAILABLE', interfaceEndpoints: [], errorMessage: null });
      expect(r.json().endpointServiceName).toMatch(/^com\.amazonaws\.vpce\.eu-west-1\.vpce-svc-[0-9a-f]{17}$/);
    } finally {
      stop();
    }
  });

  it('list asks AWS, AZURE and GCP in turn and prints the services as served; --provider asks one; get prints one', async () => {
    const aws = await service('AWS', 'US_EAST_1');
    const azure = await service('AZURE', 'US_EAST_2');
    const before = sim.requests.length;
    const r = await run(['private-endpoint', 'list', '-o', 'json']);
    expect(apiRequests(sim, before).map((q) => q.path)).toEqual([`${base}/AWS/endpointService`, `${base}/AZURE/endpointService`, `${base}/GCP/endpointService`]);
    expect(r.json()).toEqual([...(await served(sim, `${base}/AWS/endpointService`)), ...(await served(sim, `${base}/AZURE/endpointService`))]);
    expect(r.json().map((s: { id: string }) => s.id)).toEqual([aws, azure]);
    const one = await run(['private-endpoints', 'list', '--provider', 'AZURE', '-o', 'json']);
    expect(one.json().map((s: { id: string }) => s.id)).toEqual([azure]);
    const got = await run(['private-endpoint', 'get', azure, '--provider', 'AZURE', '-o', 'json']);
    expect(got.json()).toEqual(await served(sim, `${base}/AZURE/endpointService/${azure}`));
    expect(got.json()).toMatchObject({ cloudProvider: 'AZURE', privateEndpoints: [] });
  });

  it('a second service in a region is a conflict (409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION, exit 5); an unknown one is 404 (exit 4)', async () => {
    await service('AWS', 'US_EAST_1');
    const again = await run(['private-endpoint', 'create', '--provider', 'AWS', '--region', 'US_EAST_1']);
    expect(again.code).toBe(5);
    expect(again.stderr).toMatch(/PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION/);
    const missing = await run(['private-endpoint', 'get', 'b0123456789abcdef0123456', '--provider', 'AWS']);
    expect(missing.code).toBe(4);
    expect(missing.stderr).toMatch(/PRIVATE_ENDPOINT_SERVICE_NOT_FOUND/);
  });

  it.each([
    [['create', '--region', 'US_EAST_1'], /--provider is required \(hint: private-endpoint create needs the cloud/],
    // a new user's trial: a missing --region was reported as the invalid region ""
    [['create', '--provider', 'AWS'], /^atlascli: --region is required \(hint: the AWS region of the service, e.g. US_EAST_1\)\n$/],
    [['create', '--provider', 'AWS', '--region', 'US_EST_1'], /^atlascli: invalid region "US_EST_1" for AWS \(hint: did you mean US_EAST_1, US_WEST_1, US_EAST_2\?\)\n$/],
    [['create', '--provider', 'AWS', '--region', 'CENTRAL_US'], /invalid region "CENTRAL_US" for AWS/],
    [['create', '--provider', 'OCI', '--region', 'US_EAST_1'], /invalid --provider "OCI"/],
    [['create', '--provider', 'AWS', '--region', 'US_EAST_1', '--wait-timeout', '60'], /--wait-timeout needs --wait/],
    [['get', 'b0123456789abcdef0123456'], /--provider is required \(hint: private-endpoint get needs the cloud/],
    [['get', 'nope', '--provider', 'AWS'], /invalid private endpoint service id "nope"/],
    [['delete', 'b0123456789abcdef0123456', '--provider', 'AWS'], /refusing to delete AWS private endpoint service .* without --force/],
    [['interface', 'create', 'b0123456789abcdef0123456', 'vpce-123', '--provider', 'AWS'], /invalid AWS interface endpoint id "vpce-123"/],
    [['interface', 'create', 'b0123456789abcdef0123456', 'vpce-0a1b2c3d4e5f67890', '--provider', 'AWS', '--ip', '10.0.0.4'], /--ip is for Azure interface endpoints, not AWS ones/],
    [['interface', 'create', 'b0123456789abcdef0123456', AZURE_ID, '--provider', 'AZURE'], /an Azure private endpoint needs --ip <address>/],
    [['interface', 'create', 'b0123456789abcdef0123456', AZURE_ID, '--provider', 'AZURE', '--ip', '10.0.0.400'], /invalid --ip "10\.0\.0\.400"/],
    [['interface', 'create', 'b0123456789abcdef0123456', 'vpce-0a1b2c3d4e5f67890', '--provider', 'AZURE', '--ip', '10.0.0.4'], /invalid Azure private endpoint id/],
    [['interface', 'create', 'b0123456789abcdef0123456', 'atlas-group', '--provider', 'GCP'], /a GCP endpoint group needs --gcp-project-id/],
    [
      ['interface', 'create', 'b0123456789abcdef0123456', 'atlas-group', '--provider', 'GCP', '--gcp-project-id', 'p-fdeeb3e43b8e733e5ab627b1', '--endpoint', 'atlas-0'],
      /invalid --endpoint "atlas-0"/,
    ],
  ])('%j is refused before anything is sent (exit 2)', async (args, message) => {
    await expectRefusedBeforeSending(sim, ['private-endpoint', ...args], message);
  });

  it('interface create on AWS sends {id} and --wait follows the connection from PENDING_ACCEPTANCE to AVAILABLE; the service lists it', async () => {
    const id = await service('AWS', 'US_EAST_1');
    const before = sim.requests.length;
    const stop = stepPerPoll(sim, STEP);
    try {
      const r = await run(['private-endpoint', 'interface', 'create', id, 'vpce-0a1b2c3d4e5f67890', '--provider', 'AWS', '--wait', '-o', 'json']);
      expect(r.code).toBe(0);
      const sent = apiRequests(sim, before);
      expect(sent[0]).toMatchObject({ method: 'POST', path: `${base}/AWS/endpointService/${id}/endpoint`, body: { id: 'vpce-0a1b2c3d4e5f67890' } });
      expect(sent[1]!.path).toBe(`${base}/AWS/endpointService/${id}/endpoint/vpce-0a1b2c3d4e5f67890`);
      expect(r.stderr).toMatch(/waiting for interface endpoint vpce-0a1b2c3d4e5f67890 to be AVAILABLE/);
      expect(r.json()).toEqual(await served(sim, `${base}/AWS/endpointService/${id}/endpoint/vpce-0a1b2c3d4e5f67890`));
      expect(r.json()).toEqual({ cloudProvider: 'AWS', connectionStatus: 'AVAILABLE', deleteRequested: false, errorMessage: null, interfaceEndpointId: 'vpce-0a1b2c3d4e5f67890' });
    } finally {
      stop();
    }
    const table = await run(['private-endpoint', 'get', id, '--provider', 'AWS']);
    expect(table.stdout.trimEnd().split('\n')[1]).toMatch(
      new RegExp(`^${id}\\tAWS\\tUS_EAST_1\\tAVAILABLE\\tcom\\.amazonaws\\.vpce\\.us-east-1\\.vpce-svc-[0-9a-f]{17}\\tvpce-0a1b2c3d4e5f67890$`),
    );
  });

  it('interface create on Azure and GCP sends their bodies as the spec has them (CreateAzureEndpointRequest, CreateGCPEndpointGroupRequest)', async () => {
    const azure = await service('AZURE', 'US_EAST_2');
    const gcp = await service('GCP', 'CENTRAL_US');
    const before = sim.requests.length;
    const a = await run(['private-endpoint', 'interface', 'create', azure, AZURE_ID, '--provider', 'AZURE', '--ip', '10.0.0.4', '-o', 'json']);
    expect(a.code).toBe(0);
    const g = await run([
      'private-endpoint',
      'interface',
      'create',
      gcp,
      'atlas-group',
      '--provider',
      'GCP',
      '--gcp-project-id',
      'p-fdeeb3e43b8e733e5ab627b1',
      '--endpoint',
      'atlas-0=10.0.0.5',
      '--endpoint',
      'atlas-1=10.0.0.6',
      '-o',
      'json',
    ]);
    expect(g.code).toBe(0);
    expect(apiRequests(sim, before).map((q) => q.body)).toEqual([
      { id: AZURE_ID, privateEndpointIPAddress: '10.0.0.4' },
      {
        endpointGroupName: 'atlas-group',
        gcpProjectId: 'p-fdeeb3e43b8e733e5ab627b1',
        endpoints: [
          { endpointName: 'atlas-0', ipAddress: '10.0.0.5' },
          { endpointName: 'atlas-1', ipAddress: '10.0.0.6' },
        ],
      },
    ]);
    expect(a.json()).toMatchObject({ cloudProvider: 'AZURE', status: 'INITIATING', privateEndpointResourceId: AZURE_ID, privateEndpointIPAddress: '10.0.0.4' });
    expect(g.json()).toMatchObject({
      cloudProvider: 'GCP',
      status: 'INITIATING',
      endpointGroupName: 'atlas-group',
      endpoints: [{ endpointName: 'atlas-0', status: 'INITIATING' }, { endpointName: 'atlas-1' }],
    });
    expect((await served(sim, `${base}/GCP/endpointService/${gcp}`)).endpointGroupNames).toEqual(['atlas-group']);
  });

  it("interface create --wait on Azure asks for the endpoint by its resource id, encoded in the path as the spec's pattern has it (%2Fsubscriptions%2F…)", async () => {
    const azure = await service('AZURE', 'US_EAST_2');
    const before = sim.requests.length;
    const stop = stepPerPoll(sim, STEP);
    try {
      const r = await run(['private-endpoint', 'interface', 'create', azure, AZURE_ID, '--provider', 'AZURE', '--ip', '10.0.0.4', '--wait', '-o', 'json']);
      expect(r.code).toBe(0);
      expect(r.json()).toMatchObject({ status: 'AVAILABLE', privateEndpointResourceId: AZURE_ID });
      const get = apiRequests(sim, before).find((q) => q.method === 'GET')!;
      expect(get.path).toBe(`${base}/AZURE/endpointService/${azure}/endpoint/${encodeURIComponent(AZURE_ID)}`);
    } finally {
      stop();
    }
  });

  it('delete --wait: DELETING for a step of the clock, then gone (404); --if-exists makes a second delete exit 0; --dry-run sends nothing', async () => {
    const id = await service('GCP', 'CENTRAL_US');
    const dry = sim.requests.length;
    const d = await run(['private-endpoint', 'delete', id, '--provider', 'GCP', '--dry-run', '-o', 'json']);
    expect(d.json()).toMatchObject({ dryRun: true, method: 'DELETE' });
    expect(sim.requests.length).toBe(dry);
    const stop = stepPerPoll(sim, STEP);
    try {
      const r = await run(['private-endpoint', 'delete', id, '--provider', 'GCP', '--force', '--wait', '-o', 'json']);
      expect(r.code).toBe(0);
      expect(r.json()).toEqual({ deleted: true, id, cloudProvider: 'GCP' });
      expect(r.stderr).toMatch(/private endpoint service [0-9a-f]{24}: DELETING/);
      expect(r.stderr).toMatch(/is gone \(total/);
    } finally {
      stop();
    }
    expect(await served(sim, `${base}/GCP/endpointService`)).toEqual([]);
    const again = await run(['private-endpoint', 'delete', id, '--provider', 'GCP', '--force', '--if-exists']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/does not exist: nothing to delete/);
  });
});
