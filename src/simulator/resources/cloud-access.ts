// Cloud provider access roles: GET/POST /groups/{groupId}/cloudProviderAccess, GET/PATCH
// …/cloudProviderAccess/{roleId}, DELETE …/cloudProviderAccess/{cloudProvider}/{roleId}.
//
// Rules, and where they come from:
// - the list is one document {awsIamRoles, azureServicePrincipals, gcpServiceAccounts}, not a
//   paginated envelope (spec: CloudProviderAccessRoles, the 200 of listGroupCloudProviderAccess);
// - an AWS role is created with Atlas's AWS account ARN and an external id (a UUID) for the IAM
//   trust policy, no `iamAssumedRoleArn` yet, and `featureUsages: []` (spec:
//   CloudProviderAccessAWSIAMRole, whose atlasAWSAccountArn and atlasAssumedRoleExternalId are
//   read-only: Atlas makes them);
// - authorizing (PATCH, CloudProviderAccessAWSIAMRoleRequestUpdate) sets `iamAssumedRoleArn` and
//   `authorizedDate`; an ARN that is not an IAM role's is 400 INVALID_ATTRIBUTE (Atlas's
//   error-code list has the code; its use for the ARN is a guess, see README);
// - deauthorizing (DELETE with the cloud in the path) answers 204 and the role is gone from the
//   list (spec; terraform-provider-mongodbatlas deletes its access setup with this call);
// - an unknown role is 404 CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND (terraform-provider-mongodbatlas
//   push_based_log_export acceptance test expects that code for a role id that does not exist).
// Azure service principals are stored as given (their ids are the caller's); a GCP service
// account is COMPLETE at once (the spec's IN_PROGRESS step for a new GCP project folder is not modelled).
import { randomBytes, randomUUID } from 'node:crypto';
import { HEX24, requireProject, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project } from '../state.js';

/** Atlas's AWS account as the role shows it (a guess at the account number: no recording shows Atlas's). */
export const ATLAS_AWS_ACCOUNT_ARN = 'arn:aws:iam::536727724300:root';

/** The ARN of an IAM role: arn:aws:iam::<12 digits>:role/<path/>name (AWS IAM identifiers; GovCloud and China partitions too). */
export const IAM_ROLE_ARN = /^arn:aws(-us-gov|-cn)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

const rolesOf = storeBeside((_p: Project): Json[] => []);

/** The role a path names. */
function requireRole(ctx: Ctx, p: Project): Json {
  const id = ctx.params.roleId ?? '';
  const found = HEX24.test(id) ? rolesOf(p).find((r) => (r.roleId ?? r._id) === id) : undefined;
  if (!found) throw new ApiError(404, 'CLOUD_PROVIDER_ACCESS_ROLE_NOT_FOUND', `No cloud provider access role with ID ${id} exists in group ${p.id}.`, [id, p.id]);
  return found;
}

function newRole(ctx: Ctx, body: Json): Json {
  const now = ctx.state.isoNow();
  const id = ctx.state.newId();
  switch (body.providerName) {
    case 'AZURE':
      return {
        _id: id,
        atlasAzureAppId: body.atlasAzureAppId ?? randomUUID(),
        createdDate: now,
        featureUsages: [],
        lastUpdatedDate: now,
        providerName: 'AZURE',
        servicePrincipalId: body.servicePrincipalId,
        tenantId: body.tenantId,
      };
    case 'GCP':
      return {
        createdDate: now,
        featureUsages: [],
        gcpServiceAccountForAtlas: `mongodb-atlas-${randomBytes(8).toString('hex')}@p-${ctx.params.groupId}.iam.gserviceaccount.com`,
        providerName: 'GCP',
        roleId: id,
        status: 'COMPLETE',
      };
    default:
      return {
        atlasAWSAccountArn: ATLAS_AWS_ACCOUNT_ARN,
        atlasAssumedRoleExternalId: randomUUID(),
        createdDate: now,
        featureUsages: [],
        providerName: 'AWS',
        roleId: id,
      };
  }
}

export const cloudAccessHandlers: HandlerTable = {
  listGroupCloudProviderAccess: (ctx) => {
    const all = rolesOf(requireProject(ctx));
    const of = (cloud: string) => all.filter((r) => r.providerName === cloud).map((r) => structuredClone(r));
    return { body: { awsIamRoles: of('AWS'), azureServicePrincipals: of('AZURE'), gcpServiceAccounts: of('GCP') } };
  },

  createGroupCloudProviderAccess: (ctx) => {
    const p = requireProject(ctx);
    const body = ctx.body as Json;
    if (body.providerName === 'AZURE') {
      for (const k of ['servicePrincipalId', 'tenantId']) if (typeof body[k] !== 'string') throw errors.missingAttribute(k);
    }
    const role = newRole(ctx, body);
    rolesOf(p).push(role);
    return { body: structuredClone(role) };
  },

  getGroupCloudProviderAccess: (ctx) => ({ body: structuredClone(requireRole(ctx, requireProject(ctx))) }),

  authorizeGroupCloudProviderAccessRole: (ctx) => {
    const p = requireProject(ctx);
    const role = requireRole(ctx, p);
    const body = ctx.body as Json;
    if (body.providerName !== role.providerName) throw errors.invalidAttribute('providerName', `the role is an ${role.providerName} role`);
    if (role.providerName === 'AWS') {
      const arn = body.iamAssumedRoleArn;
      if (typeof arn !== 'string') throw errors.missingAttribute('iamAssumedRoleArn');
      if (!IAM_ROLE_ARN.test(arn)) throw errors.invalidAttribute('iamAssumedRoleArn', `${arn} is not the ARN of an IAM role`);
      role.iamAssumedRoleArn = arn;
      role.authorizedDate = ctx.state.isoNow();
    }
    return { body: structuredClone(role) };
  },

  deauthorizeGroupCloudProviderAccessRole: (ctx) => {
    const p = requireProject(ctx);
    const role = requireRole(ctx, p);
    if (role.providerName !== ctx.params.cloudProvider) throw errors.invalidAttribute('cloudProvider', `role ${ctx.params.roleId} is an ${role.providerName} role`);
    const list = rolesOf(p);
    list.splice(list.indexOf(role), 1);
    return { status: 204 };
  },
};
