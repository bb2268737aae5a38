/**
 * Define: `network …` arguments → checked request bodies. Everything here throws a
 * UsageError (exit 2) before any request is sent, except what needs the container
 * (`peeringBody` with the container as Atlas serves it).
 */
import { requiredFlag } from '../../args/checks.js';
import { UsageError } from '../../errors.js';
import { checkContainerCidr, parseCidr, CONTAINER_PREFIX } from '../../spec/network.js';
import { parseRegion } from '../cluster/validate.js';
import type { Provider } from './common.js';

/** `--cidr 10.8.0.0/21` (or `--route-table-cidr`): an IPv4 block without host bits, checked as commander reads it. */
export function parseCidrFlag(flag: string) {
  return (value: string): string => {
    const parsed = parseCidr(value);
    if ('reason' in parsed) throw new UsageError(`invalid ${flag} "${value}": ${parsed.reason}`);
    return parsed.cidr;
  };
}

/**
 * `container create --provider P --region R --cidr C` → the body of createGroupContainer
 * (spec: AWSCloudProviderContainer {regionName}, AzureCloudProviderContainer {region},
 * GCPCloudProviderContainer {regions}); the block's size checked for the cloud.
 * @throws UsageError for a block Atlas does not take on that cloud, a region it does not have
 */
export function containerBody(provider: Provider, region: string | undefined, cidr: string | undefined): Record<string, unknown> {
  const block = requiredFlag(
    cidr,
    '--cidr',
    provider === 'GCP' ? 'the Atlas CIDR block, e.g. 10.8.0.0/18 (a /18 or larger)' : 'the Atlas CIDR block, e.g. 10.8.0.0/21 (/21 to /24)',
  );
  const checked = checkContainerCidr(provider, block);
  if ('reason' in checked) {
    const { min, max } = CONTAINER_PREFIX[provider];
    throw new UsageError(`invalid --cidr: ${checked.reason}`, provider === 'GCP' ? `e.g. 10.8.0.0/18 (a /${max} or larger)` : `e.g. 10.8.0.0/21 (/${min} to /${max})`);
  }
  requiredFlag(
    region,
    '--region',
    provider === 'GCP'
      ? 'the GCP region its clusters go to (the spec requires `regions`), e.g. CENTRAL_US'
      : `Atlas makes one container per region on ${provider === 'AWS' ? 'AWS' : 'Azure'}, e.g. ${provider === 'AWS' ? 'US_EAST_1' : 'US_EAST_2'}`,
  );
  const regionName = parseRegion(region!, provider);
  if (provider === 'AWS') return { providerName: 'AWS', atlasCidrBlock: checked.cidr, regionName };
  if (provider === 'AZURE') return { providerName: 'AZURE', atlasCidrBlock: checked.cidr, region: regionName };
  return { providerName: 'GCP', atlasCidrBlock: checked.cidr, regions: [regionName] };
}

export interface PeeringFlags {
  awsAccount?: string;
  vpc?: string;
  routeTableCidr?: string;
  region?: string;
  azureDirectory?: string;
  azureSubscription?: string;
  resourceGroup?: string;
  vnet?: string;
  gcpProject?: string;
  network?: string;
}

const CLOUD_FLAGS: Readonly<Record<Provider, readonly (keyof PeeringFlags)[]>> = {
  AWS: ['awsAccount', 'vpc', 'routeTableCidr', 'region'],
  AZURE: ['azureDirectory', 'azureSubscription', 'resourceGroup', 'vnet'],
  GCP: ['gcpProject', 'network'],
};
const REQUIRED: Readonly<Record<Provider, readonly (keyof PeeringFlags)[]>> = {
  AWS: ['awsAccount', 'vpc', 'routeTableCidr'],
  AZURE: ['azureDirectory', 'azureSubscription', 'resourceGroup', 'vnet'],
  GCP: ['gcpProject', 'network'],
};
/** `an AWS`, `an AZURE`, `a GCP`. */
const article = (cloud: Provider) => (cloud === 'GCP' ? 'a' : 'an');
const flagName = (k: string) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/**
 * The cloud the peering flags are for: AWS (`--aws-account --vpc --route-table-cidr
 * [--region]`), Azure (`--azure-directory --azure-subscription --resource-group --vnet`) or
 * GCP (`--gcp-project --network`); every flag of that cloud that is required must be there.
 * @throws UsageError for flags of two clouds, none, or a missing one (all named at once)
 */
export function peeringCloud(flags: PeeringFlags): Provider {
  const given = (Object.keys(CLOUD_FLAGS) as Provider[]).filter((p) => CLOUD_FLAGS[p].some((k) => flags[k] !== undefined));
  if (given.length === 0) {
    throw new UsageError(
      'say what to peer with',
      'AWS: --aws-account --vpc --route-table-cidr; Azure: --azure-directory --azure-subscription --resource-group --vnet; GCP: --gcp-project --network',
    );
  }
  if (given.length > 1) throw new UsageError(`the flags given are for ${given.join(' and ')}: a peering connection is on one cloud`);
  const cloud = given[0]!;
  const missing = REQUIRED[cloud].filter((k) => flags[k] === undefined).map(flagName);
  if (missing.length) throw new UsageError(`${article(cloud)} ${cloud} peering connection also needs ${missing.join(', ')}`);
  checkPeeringValues(cloud, flags);
  return cloud;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const AZURE_NAME = /^[-\w._()]+$/;

function checkPeeringValues(cloud: Provider, f: PeeringFlags): void {
  const bad = (flag: string, value: string, want: string) => new UsageError(`invalid ${flag} "${value}": ${want}`);
  if (cloud === 'AWS') {
    if (!/^\d{12}$/.test(f.awsAccount!)) throw bad('--aws-account', f.awsAccount!, 'an AWS account id is 12 digits');
    if (!/^vpc-[0-9a-f]{17}$/.test(f.vpc!)) throw bad('--vpc', f.vpc!, 'a VPC id is vpc- and 17 hexadecimal digits');
    if (f.region !== undefined) awsRegion(f.region);
  } else if (cloud === 'AZURE') {
    if (!UUID.test(f.azureDirectory!)) throw bad('--azure-directory', f.azureDirectory!, 'the Azure AD directory (tenant) id is a UUID');
    if (!UUID.test(f.azureSubscription!)) throw bad('--azure-subscription', f.azureSubscription!, 'an Azure subscription id is a UUID');
    if (!AZURE_NAME.test(f.resourceGroup!)) throw bad('--resource-group', f.resourceGroup!, 'letters, digits and -._() only');
    if (!AZURE_NAME.test(f.vnet!)) throw bad('--vnet', f.vnet!, 'letters, digits and -._() only');
  } else {
    if (!/^[a-z][0-9a-z-]{4,28}[0-9a-z]$/.test(f.gcpProject!))
      throw bad('--gcp-project', f.gcpProject!, 'a GCP project id is 6 to 30 lower-case letters, digits and hyphens, starting with a letter');
    if (!/^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/.test(f.network!))
      throw bad('--network', f.network!, 'a GCP network name is lower-case letters, digits and hyphens, starting with a letter');
  }
}

/** `US_EAST_1` (how Atlas names a region) or `us-east-1` → `us-east-1`, how AWS spells it, as `accepterRegionName` takes it. */
export function awsRegion(value: string): string {
  return parseRegion(value, 'AWS').toLowerCase().replace(/_/g, '-');
}

/**
 * The body of createGroupPeer for the container as Atlas serves it (spec:
 * AwsNetworkPeeringConnectionSettings, AzureNetworkPeeringConnectionSettings,
 * GCPNetworkPeeringConnectionSettings). On AWS the accepter region defaults to the
 * container's region.
 * @throws UsageError when the container is on another cloud than the flags
 */
export function peeringBody(cloud: Provider, container: { id?: string; providerName?: string; regionName?: string }, f: PeeringFlags): Record<string, unknown> {
  if (container.providerName !== cloud) {
    throw new UsageError(`container ${container.id} is on ${container.providerName}, and the flags given are for ${cloud}`, 'peer a container with a network of its own cloud');
  }
  const containerId = container.id;
  if (cloud === 'AWS') {
    const accepterRegionName = f.region !== undefined ? awsRegion(f.region) : awsRegion(String(container.regionName));
    return { providerName: 'AWS', containerId, accepterRegionName, awsAccountId: f.awsAccount, routeTableCidrBlock: f.routeTableCidr, vpcId: f.vpc };
  }
  if (cloud === 'AZURE') {
    return {
      providerName: 'AZURE',
      containerId,
      azureDirectoryId: f.azureDirectory,
      azureSubscriptionId: f.azureSubscription,
      resourceGroupName: f.resourceGroup,
      vnetName: f.vnet,
    };
  }
  return { providerName: 'GCP', containerId, gcpProjectId: f.gcpProject, networkName: f.network };
}
