import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, withWait, type Prints, type Runtime } from '../../program/action.js';
import { parseProvider } from '../cluster/validate.js';
import { parseCidrFlag } from './options.js';
import { CONTAINER_VIEW, PEER_VIEW } from './views.js';

const CONTAINER: Prints = { operationId: ['getGroupContainer', 'createGroupContainer'], view: CONTAINER_VIEW };
const PEER: Prints = { operationId: ['getGroupPeer', 'createGroupPeer'], view: PEER_VIEW };
const PROVIDER = 'AWS, AZURE or GCP';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `network`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerNetwork(net: Command, rt: Runtime): void {
  const container = net
    .command('container')
    .alias('containers')
    .description("network peering containers: the CIDR block Atlas gives the project's clusters on a cloud")
    .addHelpText('after', examples('atlascli network container list', 'atlascli network container create --provider AWS --region EU_WEST_1 --cidr 10.8.16.0/21'));
  withLimit(container.command('list').description('list the containers of the project'))
    .option('--provider <provider>', `only this cloud's (${PROVIDER}; default: all)`, parseProvider)
    .addHelpText('after', examples('atlascli network container list', "atlascli network container list --provider AWS -o json | jq -r '.[].id'"))
    .action(lazy(rt, run('containerList'), CONTAINER));
  withDryRun(
    container
      .command('create')
      .description('create a container: AWS and Azure one per region (a /24 to a /21), GCP one per project (a /18 or larger), within RFC 1918')
      .option('--provider <provider>', PROVIDER, parseProvider)
      .option('--region <region>', 'the region as Atlas names it (US_EAST_1, US_EAST_2, CENTRAL_US…)')
      .option('--cidr <block>', 'the Atlas CIDR block, e.g. 10.8.0.0/21', parseCidrFlag('--cidr')),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli network container create --provider AWS --region US_WEST_2 --cidr 10.8.8.0/21',
        'atlascli network container create --provider AZURE --region US_EAST_2 --cidr 192.168.248.0/21',
        'atlascli network container create --provider GCP --region CENTRAL_US --cidr 10.16.0.0/18',
      ),
    )
    .action(lazy(rt, run('containerCreate'), CONTAINER));
  withIfExists(withDryRun(container.command('delete <containerId>').description('delete a container that no peering connection uses (asks first; --force in scripts)')))
    .addHelpText('after', examples('atlascli network container delete 6b0c2a8e5f1d3c4b7a9e0f12 --force'))
    .action(lazy(rt, run('containerDelete'), { fields: ['deleted', 'id'] }));

  const peering = net
    .command('peering')
    .description('network peering connections between a container and your VPC (AWS), VNet (Azure) or network (GCP)')
    .addHelpText(
      'after',
      examples(
        'atlascli network peering list',
        'atlascli network peering create --container <id> --aws-account 123456789012 --vpc vpc-0a1b2c3d4e5f67890 --route-table-cidr 10.0.0.0/16 --wait',
      ),
    );
  withLimit(peering.command('list').description('list the peering connections of the project with their state'))
    .option('--provider <provider>', `only this cloud's (${PROVIDER}; default: all three)`, parseProvider)
    .addHelpText('after', examples('atlascli network peering list', 'atlascli network peering list --provider AWS -o json'))
    .action(lazy(rt, run('peeringList'), PEER));
  withDryRun(
    withWait(
      peering
        .command('create')
        .description('peer a container with your network; the flags say which cloud (the container must be on it)')
        .requiredOption('--container <containerId>', 'the container to peer (`atlascli network container list`)')
        .option('--aws-account <id>', 'AWS: the 12-digit account that owns the VPC')
        .option('--vpc <id>', 'AWS: the VPC to peer (vpc-…)')
        .option('--route-table-cidr <block>', "AWS: the VPC's CIDR block (must not overlap the container's)", parseCidrFlag('--route-table-cidr'))
        .option('--region <region>', "AWS: the VPC's region (us-east-1 or US_EAST_1; default: the container's region)")
        .option('--azure-directory <uuid>', 'Azure: the AD directory (tenant) of the VNet')
        .option('--azure-subscription <uuid>', 'Azure: the subscription of the VNet')
        .option('--resource-group <name>', 'Azure: the resource group of the VNet')
        .option('--vnet <name>', 'Azure: the VNet to peer')
        .option('--gcp-project <id>', 'GCP: the project of the network')
        .option('--network <name>', 'GCP: the network to peer'),
      'the connection is AVAILABLE (on AWS: once you accept it in your account), then print it',
    ),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli network peering create --container 6b0c2a8e5f1d3c4b7a9e0f12 --aws-account 123456789012 --vpc vpc-0a1b2c3d4e5f67890 --route-table-cidr 10.0.0.0/16 --wait',
        'atlascli network peering create --container 6b0c2a8e5f1d3c4b7a9e0f12 --azure-directory <uuid> --azure-subscription <uuid> --resource-group app --vnet app-vnet',
        'atlascli network peering create --container 6b0c2a8e5f1d3c4b7a9e0f12 --gcp-project my-project-123 --network default',
      ),
    )
    .action(lazy(rt, run('peeringCreate'), PEER));
  withIfExists(withDryRun(withWait(peering.command('delete <peerId>').description('delete a peering connection (asks first; --force in scripts)'), 'the connection is gone')))
    .addHelpText('after', examples('atlascli network peering delete 6b0c2a8e5f1d3c4b7a9e0f12 --force --wait'))
    .action(lazy(rt, run('peeringDelete'), { fields: ['deleted', 'id'] }));
}
