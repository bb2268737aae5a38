/**
 * Define: `cloud-access …` arguments → checked values. Everything here throws a UsageError
 * (exit 2) before any request is sent.
 */
import { UsageError } from '../../errors.js';

/**
 * The ARN of an IAM role, as Atlas assumes it: `arn:aws:iam::<12-digit account>:role/<path/name>`
 * (also the GovCloud and China partitions, `arn:aws-us-gov:`, `arn:aws-cn:`). A path and name
 * take letters, digits and `+=,.@_-` (AWS IAM identifiers), at most 512 characters with the path.
 */
const IAM_ROLE_ARN = /^arn:aws(-us-gov|-cn)?:iam::(\d{12}):role\/([\w+=,.@/-]{1,512})$/;

/**
 * `--iam-role-arn arn:aws:iam::123456789012:role/atlas-kms` → the same, checked.
 * @throws UsageError naming what is wrong: not an ARN, not IAM, an account that is not 12 digits, not a role
 */
export function parseIamRoleArn(value: string): string {
  const v = value.trim();
  if (IAM_ROLE_ARN.test(v)) return v;
  const hint = 'give the ARN of the IAM role Atlas assumes, such as arn:aws:iam::123456789012:role/atlas-access';
  const parts = v.split(':');
  if (parts[0] !== 'arn' || parts.length < 6) throw new UsageError(`invalid --iam-role-arn "${value}": not an ARN`, hint);
  if (parts[2] !== 'iam') throw new UsageError(`invalid --iam-role-arn "${value}": not an IAM ARN (the service is "${parts[2]}")`, hint);
  if (!/^\d{12}$/.test(parts[4] ?? '')) throw new UsageError(`invalid --iam-role-arn "${value}": the account "${parts[4]}" is not 12 digits`, hint);
  if (!(parts[5] ?? '').startsWith('role/')) throw new UsageError(`invalid --iam-role-arn "${value}": not a role (an IAM user or root cannot be assumed)`, hint);
  throw new UsageError(`invalid --iam-role-arn "${value}": the role name holds characters IAM does not allow`, hint);
}

/** The clouds whose access roles `cloud-access create` makes. Azure needs a service principal and GCP a service account made elsewhere first. */
export const CREATE_PROVIDERS = ['AWS'] as const;

/** `--provider aws` → `AWS`; only AWS roles are made here. */
export function parseCreateProvider(value: string | undefined): 'AWS' {
  const v = (value ?? 'AWS').trim().toUpperCase();
  if (v === 'AWS') return 'AWS';
  if (v === 'AZURE' || v === 'GCP') {
    throw new UsageError(`cloud-access create makes AWS IAM roles, not ${v} ones`, `use \`atlascli api createGroupCloudProviderAccess --body -\` for ${v}`);
  }
  throw new UsageError(`invalid --provider "${value}"`, 'use AWS');
}

/** The trust policy an IAM role needs so that Atlas may assume it (AWS: "Trust relationships"). */
export function trustPolicy(atlasAccountArn: string, externalId: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { AWS: atlasAccountArn }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'sts:ExternalId': externalId } } }],
  });
}
