/** Run: `cloud-access …` with checked options → requests and rendering. */
import { requiredFlag } from '../../args/checks.js';
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { parseLimit } from '../../args/values.js';
import { confirmDestructive, deleting, dryRun, scopeOf } from '../shared.js';
import { parseCreateProvider, parseIamRoleArn, trustPolicy } from './options.js';
import { ROLE_VIEW } from './views.js';

interface RoleList {
  awsIamRoles?: unknown[];
  azureServicePrincipals?: unknown[];
  gcpServiceAccounts?: unknown[];
}

interface AwsRole {
  roleId: string;
  atlasAWSAccountArn?: string;
  atlasAssumedRoleExternalId?: string;
  iamAssumedRoleArn?: string;
}

/**
 * listGroupCloudProviderAccess: one document of three lists (AWS IAM roles, Azure service
 * principals, GCP service accounts); printed as one list of the roles as served, AWS first.
 */
export async function list(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  const limit = parseLimit(opts);
  const groupId = ctx.projectId();
  const doc = await (await ctx.client()).request<RoleList>({ operationId: 'listGroupCloudProviderAccess', pathParams: { groupId } });
  const roles = [...(doc?.awsIamRoles ?? []), ...(doc?.azureServicePrincipals ?? []), ...(doc?.gcpServiceAccounts ?? [])];
  ctx.renderer.list(limit === undefined ? roles : roles.slice(0, limit), ROLE_VIEW, scopeOf({ groupId }));
}

/**
 * createGroupCloudProviderAccess with `{providerName: "AWS"}`: Atlas answers the role with its
 * AWS account ARN and the external id the IAM role's trust policy must name; a table run
 * also shows that trust policy on stderr, and the command that authorizes the role.
 */
export async function create(ctx: Context, _args: string[], opts: { provider?: string; dryRun?: boolean }): Promise<void> {
  const providerName = parseCreateProvider(opts.provider);
  const spec: RequestSpec = {
    operationId: 'createGroupCloudProviderAccess',
    pathParams: { groupId: ctx.projectId() },
    body: { providerName },
    checkWith: 'atlascli cloud-access list',
  };
  if (await dryRun(ctx, opts, spec)) return;
  const role = await (await ctx.client()).request<AwsRole>(spec);
  ctx.renderer.object(role, ROLE_VIEW);
  if (ctx.output !== 'table' || !role?.atlasAWSAccountArn || !role.atlasAssumedRoleExternalId) return;
  ctx.term.info(`Create an IAM role that Atlas may assume (AWS account ${role.atlasAWSAccountArn}, external id ${role.atlasAssumedRoleExternalId}); its trust policy:`);
  ctx.term.info(`  ${trustPolicy(role.atlasAWSAccountArn, role.atlasAssumedRoleExternalId)}`);
  ctx.term.info(`then: atlascli cloud-access authorize ${role.roleId} --iam-role-arn arn:aws:iam::<account>:role/<name>`);
}

/** authorizeGroupCloudProviderAccessRole: the IAM role Atlas assumes for this access role (an AWS role). */
export async function authorize(ctx: Context, [roleId]: string[], opts: { iamRoleArn?: string; dryRun?: boolean }): Promise<void> {
  const iamAssumedRoleArn = parseIamRoleArn(
    requiredFlag(opts.iamRoleArn, '--iam-role-arn', 'the ARN of the IAM role Atlas assumes, such as arn:aws:iam::123456789012:role/atlas-access'),
  );
  const spec: RequestSpec = {
    operationId: 'authorizeGroupCloudProviderAccessRole',
    pathParams: { groupId: ctx.projectId(), roleId: roleId! },
    body: { providerName: 'AWS', iamAssumedRoleArn },
    checkWith: 'atlascli cloud-access list',
  };
  if (await dryRun(ctx, opts, spec)) return;
  const role = await (await ctx.client()).request(spec);
  if (ctx.output === 'table') ctx.term.info(`role ${roleId} authorized: Atlas assumes ${iamAssumedRoleArn}`);
  ctx.renderer.object(role, ROLE_VIEW);
}

/** deauthorizeGroupCloudProviderAccessRole (`DELETE …/cloudProviderAccess/AWS/{roleId}`): the role is gone (asks first; --force in scripts). */
export async function deauthorize(ctx: Context, [roleId]: string[], opts: { dryRun?: boolean; ifExists?: boolean }): Promise<void> {
  const spec: RequestSpec = { operationId: 'deauthorizeGroupCloudProviderAccessRole', pathParams: { groupId: ctx.projectId(), cloudProvider: 'AWS', roleId: roleId! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Deauthorize and remove cloud provider access role ${roleId}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, `cloud provider access role ${roleId}`, () => client.request(spec)))) return;
  ctx.renderer.done(`cloud provider access role ${roleId} deauthorized`, { deauthorized: true, roleId });
}
