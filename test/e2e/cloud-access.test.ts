// `cloud-access …` against the simulator (resources/cloud-access.ts). Sources of its rules: the
// spec's CloudProviderAccessRoles (the list document), CloudProviderAccessAWSIAMRole (Atlas's AWS
// account ARN and the external id, read-only: Atlas makes them), CloudProviderAccessAWSIAMRoleRequestUpdate
// (authorize), deauthorizeGroupCloudProviderAccessRole (204); CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND
// as terraform-provider-mongodbatlas's acceptance tests expect it.
import { describe, expect, it } from 'vitest';
import { SEED } from '../../src/simulator/index.js';
import { expectRefusedBeforeSending, runCli } from '../helpers/cli.js';
import { apiRequests, served } from '../helpers/atlas.js';
import { sharedSimulator } from '../helpers/simulator.js';

const run = (args: string[]) => runCli(args, { sim });
const base = `/api/atlas/v2/groups/${SEED.projectId}/cloudProviderAccess`;
const ARN = 'arn:aws:iam::123456789012:role/atlas-access';

const sim = sharedSimulator({ port: 0, clock: 'manual' });

async function created(): Promise<{ roleId: string; atlasAWSAccountArn: string; atlasAssumedRoleExternalId: string }> {
  const r = await run(['cloud-access', 'create', '--provider', 'AWS', '-o', 'json']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  return r.json();
}

describe('cloud-access', () => {
  it('create sends {providerName: AWS} and prints the role as served: the external id and Atlas AWS account for the trust policy', async () => {
    const before = sim.requests.length;
    const r = await run(['cloud-access', 'create', '--provider', 'aws', '-o', 'json']);
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`POST ${base}`]);
    expect(sent[0]!.body).toEqual({ providerName: 'AWS' });
    const role = r.json();
    expect(role).toEqual(await served(sim, `${base}/${role.roleId}`));
    expect(Object.keys(role).sort()).toEqual(['atlasAWSAccountArn', 'atlasAssumedRoleExternalId', 'createdDate', 'featureUsages', 'providerName', 'roleId']);
    expect(role.atlasAWSAccountArn).toMatch(/^arn:aws:iam::\d{12}:root$/);
    expect(role.atlasAssumedRoleExternalId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
  });

  it('create as a table shows the ids on stdout and the trust policy with the next command on stderr', async () => {
    const r = await run(['cloud-access', 'create']);
    expect(r.code).toBe(0);
    const [head, row] = r.stdout.split('\n');
    expect(head).toBe('ROLE ID\tPROVIDER\tSTATE\tATLAS AWS ACCOUNT ARN\tEXTERNAL ID\tIAM ROLE ARN');
    const [roleId, , state, account, externalId] = row!.split('\t');
    expect(state).toBe('created');
    const policy = JSON.parse(/^\s+(\{.*\})$/m.exec(r.stderr)![1]!);
    expect(policy).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: account }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': externalId } } }],
    });
    expect(r.stderr).toContain(`then: atlascli cloud-access authorize ${roleId} --iam-role-arn arn:aws:iam::<account>:role/<name>`);
  });

  it('authorize sends the IAM role ARN (CloudProviderAccessAWSIAMRoleRequestUpdate) and prints the authorized role; list shows every role as served', async () => {
    const role = await created();
    const before = sim.requests.length;
    const r = await run(['cloud-access', 'authorize', role.roleId, '--iam-role-arn', ARN, '-o', 'json']);
    expect(r.code).toBe(0);
    const sent = apiRequests(sim, before);
    expect(sent.map((q) => `${q.method} ${q.path}`)).toEqual([`PATCH ${base}/${role.roleId}`]);
    expect(sent[0]!.body).toEqual({ providerName: 'AWS', iamAssumedRoleArn: ARN });
    expect(r.json()).toEqual(await served(sim, `${base}/${role.roleId}`));
    expect(r.json()).toMatchObject({ iamAssumedRoleArn: ARN, atlasAssumedRoleExternalId: role.atlasAssumedRoleExternalId });
    expect(r.json().authorizedDate).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);

    const second = await created();
    const list = await run(['cloud-access', 'list', '-o', 'json']);
    expect(list.json()).toEqual((await served(sim, base)).awsIamRoles);
    expect(list.json().map((x: { roleId: string }) => x.roleId)).toEqual([role.roleId, second.roleId]);
    const table = await run(['cloud-access', 'list']);
    const rows = table.stdout.trimEnd().split('\n').slice(1);
    expect(rows.map((x) => x.split('\t').slice(0, 3))).toEqual([
      [role.roleId, 'AWS', 'authorized'],
      [second.roleId, 'AWS', 'created'],
    ]);
    expect(rows[0]!.split('\t')[5]).toBe(ARN);
  });

  it.each([
    ['arn:aws:iam::123456789012:user/ci', /not a role \(an IAM user or root cannot be assumed\)/],
    ['arn:aws:iam::12345:role/x', /the account "12345" is not 12 digits/],
    ['arn:aws:s3:::bucket/key', /not an IAM ARN \(the service is "s3"\)/],
    ['atlas-access', /not an ARN/],
    ['arn:aws:iam::123456789012:role/bad name', /characters IAM does not allow/],
  ])('authorize --iam-role-arn %s is refused before anything is sent (exit 2)', async (arn, message) => {
    await expectRefusedBeforeSending(sim, ['cloud-access', 'authorize', 'b0123456789abcdef0123456', '--iam-role-arn', arn], message);
  });

  it.each([
    [['authorize', 'b0123456789abcdef0123456'], /^atlascli: --iam-role-arn is required \(hint: the ARN of the IAM role Atlas assumes/],
    [['authorize', 'not-an-id', '--iam-role-arn', ARN], /invalid cloud provider access role id "not-an-id"/],
    [['create', '--provider', 'GCP'], /cloud-access create makes AWS IAM roles, not GCP ones/],
    [['deauthorize', 'b0123456789abcdef0123456'], /refusing to deauthorize and remove cloud provider access role .* without --force/],
  ])('%j is refused before anything is sent (exit 2)', async (args, message) => {
    await expectRefusedBeforeSending(sim, ['cloud-access', ...args], message);
  });

  it('authorizing an unknown role: 404 CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND, exit 4', async () => {
    const r = await run(['cloud-access', 'authorize', 'b0123456789abcdef0123456', '--iam-role-arn', ARN]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND/);
  });

  it('deauthorize sends DELETE …/cloudProviderAccess/AWS/{roleId} and the role is gone; --if-exists then exits 0; --dry-run sends nothing', async () => {
    const role = await created();
    const dry = sim.requests.length;
    const d = await run(['cloud-access', 'deauthorize', role.roleId, '--dry-run', '-o', 'json']);
    expect(d.json()).toMatchObject({ dryRun: true, method: 'DELETE' });
    expect(d.json().url).toContain(`/cloudProviderAccess/AWS/${role.roleId}`);
    expect(sim.requests.length).toBe(dry);
    const before = sim.requests.length;
    const r = await run(['cloud-access', 'deauthorize', role.roleId, '--force', '-o', 'json']);
    expect(r.code).toBe(0);
    expect(r.json()).toEqual({ deauthorized: true, roleId: role.roleId });
    expect(apiRequests(sim, before).map((q) => `${q.method} ${q.path} ${q.status}`)).toEqual([`DELETE ${base}/AWS/${role.roleId} 204`]);
    expect((await served(sim, base)).awsIamRoles).toEqual([]);
    const again = await run(['cloud-access', 'deauthorize', role.roleId, '--force', '--if-exists']);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/does not exist: nothing to delete/);
  });
});
