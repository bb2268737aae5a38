import type { View } from '../../output/render.js';

type Container = { regionName?: string; region?: string; regions?: string[]; vpcId?: string; vnetName?: string | null; networkName?: string | null };

/** A container's region(s): AWS `regionName`, Azure `region`, GCP `regions`. */
export const containerRegion = (c: Container): string => c?.regionName ?? c?.region ?? (c?.regions ?? []).join(',');
/** Atlas's own network for the container: the VPC (AWS), VNet (Azure) or network (GCP), once there is one. */
const atlasNetwork = (c: Container): string => c?.vpcId ?? c?.vnetName ?? c?.networkName ?? '';

export const CONTAINER_VIEW: View = {
  empty: 'network containers',
  columns: [
    { header: 'id', value: 'id', identifier: true },
    { header: 'provider', value: 'providerName' },
    { header: 'region', value: containerRegion },
    { header: 'atlas cidr', value: 'atlasCidrBlock', identifier: true },
    { header: 'provisioned', value: 'provisioned' },
    { header: 'atlas network', value: atlasNetwork, identifier: true },
  ],
};

type Peer = {
  statusName?: string;
  status?: string;
  vpcId?: string;
  vnetName?: string;
  networkName?: string;
  awsAccountId?: string;
  azureSubscriptionId?: string;
  gcpProjectId?: string;
  errorStateName?: string | null;
  errorState?: string | null;
  errorMessage?: string | null;
};

/** AWS says `statusName`, Azure and GCP `status`. */
export const peerStatus = (p: Peer): string => p?.statusName ?? p?.status ?? '';
/** Why a connection failed, whatever its cloud calls it. */
export const peerError = (p: Peer): string => p?.errorStateName ?? p?.errorState ?? p?.errorMessage ?? '';

export const PEER_VIEW: View = {
  empty: 'network peering connections',
  columns: [
    { header: 'id', value: 'id', identifier: true },
    { header: 'provider', value: 'providerName' },
    { header: 'container', value: 'containerId', identifier: true },
    { header: 'status', value: peerStatus },
    { header: 'account', value: (p: Peer) => p?.awsAccountId ?? p?.azureSubscriptionId ?? p?.gcpProjectId ?? '', identifier: true },
    { header: 'network', value: (p: Peer) => p?.vpcId ?? p?.vnetName ?? p?.networkName ?? '', identifier: true },
    { header: 'cidr', value: 'routeTableCidrBlock' },
  ],
};
