import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, withWait, type Prints, type Runtime } from '../../program/action.js';
import { parseProvider } from '../cluster/validate.js';
import { ENDPOINT_VIEW, SERVICE_VIEW } from './views.js';

const SERVICE: Prints = { operationId: ['getGroupPrivateEndpointEndpointService', 'createGroupPrivateEndpointEndpointService'], view: SERVICE_VIEW };
const ENDPOINT: Prints = { operationId: 'getGroupPrivateEndpointEndpointServiceEndpoint', view: ENDPOINT_VIEW };
const PROVIDER = 'AWS, AZURE or GCP';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** Repeatable options: every value given, in order. */
const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** The subcommands of `private-endpoint`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerPrivateEndpoint(pe: Command, rt: Runtime): void {
  withLimit(pe.command('list').description('list the private endpoint services of the project with their state and interface endpoints'))
    .option('--provider <provider>', `only this cloud's (${PROVIDER}; default: all three)`, parseProvider)
    .addHelpText('after', examples('atlascli private-endpoint list', 'atlascli private-endpoint list --provider AWS -o json'))
    .action(lazy(rt, run('list'), SERVICE));

  pe.command('get <serviceId>')
    .description('one private endpoint service: its state, the name clients connect through, its interface endpoints')
    .option('--provider <provider>', `its cloud: ${PROVIDER}`, parseProvider)
    .addHelpText('after', examples('atlascli private-endpoint get 6b0c2a8e5f1d3c4b7a9e0f12 --provider AWS'))
    .action(lazy(rt, run('get'), SERVICE));

  withDryRun(
    withWait(
      pe
        .command('create')
        .description('create a private endpoint service in a region (Atlas makes it: INITIATING, then AVAILABLE)')
        .option('--provider <provider>', PROVIDER, parseProvider)
        .option('--region <region>', 'the region as Atlas names it (US_EAST_1, EUROPE_WEST, WESTERN_EUROPE…)'),
      'the service is AVAILABLE, then print it',
    ),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli private-endpoint create --provider AWS --region US_WEST_2 --wait',
        "atlascli private-endpoint create --provider AZURE --region US_EAST_2 --wait -o json | jq -r '.privateLinkServiceResourceId'",
      ),
    )
    .action(lazy(rt, run('create'), SERVICE));

  withIfExists(
    withDryRun(
      withWait(
        pe
          .command('delete <serviceId>')
          .description('delete a private endpoint service (asks first; --force in scripts)')
          .option('--provider <provider>', `its cloud: ${PROVIDER}`, parseProvider),
        'the service is gone',
      ),
    ),
  )
    .addHelpText('after', examples('atlascli private-endpoint delete 6b0c2a8e5f1d3c4b7a9e0f12 --provider AWS --force --wait'))
    .action(lazy(rt, run('remove'), { fields: ['deleted', 'id', 'cloudProvider'] }));

  const iface = pe
    .command('interface')
    .description('interface endpoints: the endpoints in your VPC, VNet or GCP project that connect to a service')
    .addHelpText('after', examples('atlascli private-endpoint interface create 6b0c2a8e5f1d3c4b7a9e0f12 vpce-0a1b2c3d4e5f67890 --provider AWS --wait'));
  withDryRun(
    withWait(
      iface
        .command('create <serviceId> <endpointId>')
        .description('add an interface endpoint to a service: an AWS vpce id, an Azure private endpoint resource id, or a GCP endpoint group name')
        .option('--provider <provider>', `the service's cloud: ${PROVIDER}`, parseProvider)
        .option('--ip <address>', 'Azure: the private IPv4 address of the endpoint in your VNet')
        .option('--gcp-project-id <id>', 'GCP: the Google Cloud project of the endpoints (p-…)')
        .option('--endpoint <name=ip>', 'GCP: a forwarding rule of the group and its address (repeat it)', collect),
      'the interface endpoint is AVAILABLE, then print it',
    ),
  )
    .addHelpText(
      'after',
      examples(
        'atlascli private-endpoint interface create 6b0c2a8e5f1d3c4b7a9e0f12 vpce-0a1b2c3d4e5f67890 --provider AWS --wait',
        'atlascli private-endpoint interface create 6b0c2a8e5f1d3c4b7a9e0f12 /subscriptions/<uuid>/resourceGroups/app/providers/Microsoft.Network/privateEndpoints/atlas --provider AZURE --ip 10.0.0.4',
        'atlascli private-endpoint interface create 6b0c2a8e5f1d3c4b7a9e0f12 atlas-group --provider GCP --gcp-project-id p-fdeeb3e43b8e733e5ab627b1 --endpoint atlas-0=10.0.0.5',
      ),
    )
    .action(lazy(rt, run('interfaceCreate'), ENDPOINT));
}
