import type { View } from '../../output/render.js';

type Role = {
  roleId?: string;
  _id?: string;
  iamAssumedRoleArn?: string;
  servicePrincipalId?: string;
  gcpServiceAccountForAtlas?: string;
  authorizedDate?: string;
  status?: string;
  providerName?: string;
};

/** A role's id: `roleId` (AWS, GCP) or `_id` (Azure service principals). */
export const roleId = (r: Role): string => r?.roleId ?? r?._id ?? '';

/** What the role reaches in the cloud: the IAM role it assumes, the service principal, the service account. */
const identity = (r: Role): string => r?.iamAssumedRoleArn ?? r?.servicePrincipalId ?? r?.gcpServiceAccountForAtlas ?? '';

/** AWS: `authorized` once an IAM role ARN is set, else `created`; GCP: its provisioning status. */
export function roleState(r: Role): string {
  if (r?.providerName === 'GCP') return r.status ?? '';
  return r?.authorizedDate || r?.iamAssumedRoleArn ? 'authorized' : 'created';
}

export const ROLE_VIEW: View = {
  empty: 'cloud provider access roles',
  columns: [
    { header: 'role id', value: roleId, identifier: true },
    { header: 'provider', value: 'providerName' },
    { header: 'state', value: roleState },
    { header: 'atlas aws account arn', value: 'atlasAWSAccountArn', identifier: true },
    { header: 'external id', value: 'atlasAssumedRoleExternalId', identifier: true },
    { header: 'iam role arn', value: identity, identifier: true },
  ],
};
