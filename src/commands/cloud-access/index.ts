import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { parseIamRoleArn } from './options.js';
import { ROLE_VIEW } from './views.js';

const ROLE: Prints = { operationId: ['createGroupCloudProviderAccess', 'authorizeGroupCloudProviderAccessRole'], view: ROLE_VIEW };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `cloud-access`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerCloudAccess(ca: Command, rt: Runtime): void {
  withLimit(ca.command('list').description('list the cloud provider access roles of the project (AWS IAM roles, Azure service principals, GCP service accounts)'))
    .addHelpText('after', examples('atlascli cloud-access list', "atlascli cloud-access list -o json | jq -r '.[] | select(.iamAssumedRoleArn == null) | .roleId'"))
    .action(lazy(rt, run('list'), { operationId: 'getGroupCloudProviderAccess', view: ROLE_VIEW }));

  withDryRun(ca.command('create').description("create an AWS access role: Atlas's AWS account and the external id for your IAM role's trust policy"))
    .option('--provider <provider>', 'AWS (the default; the only cloud whose roles Atlas makes this way)')
    .addHelpText(
      'after',
      '\nThe table run prints the trust policy the IAM role needs on stderr; then authorize the role with its ARN.' +
        examples('atlascli cloud-access create --provider AWS', "atlascli cloud-access create -o json | jq -r '.atlasAssumedRoleExternalId'"),
    )
    .action(lazy(rt, run('create'), ROLE));

  withDryRun(ca.command('authorize <roleId>').description('let Atlas assume an IAM role for this access role'))
    .option('--iam-role-arn <arn>', 'the IAM role Atlas assumes: arn:aws:iam::<12 digits>:role/<path/name>', parseIamRoleArn)
    .addHelpText('after', examples('atlascli cloud-access authorize 6b0c2a8e5f1d3c4b7a9e0f12 --iam-role-arn arn:aws:iam::123456789012:role/atlas-access'))
    .action(lazy(rt, run('authorize'), ROLE));

  withIfExists(withDryRun(ca.command('deauthorize <roleId>').description('revoke an AWS access role: Atlas no longer assumes its IAM role (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli cloud-access deauthorize 6b0c2a8e5f1d3c4b7a9e0f12 --force'))
    .action(lazy(rt, run('deauthorize'), { fields: ['deauthorized', 'roleId'] }));
}
