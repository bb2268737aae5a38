import type { View } from '../../output/render.js';

type Service = {
  cloudProvider?: string;
  endpointServiceName?: string | null;
  privateLinkServiceName?: string | null;
  serviceAttachmentNames?: string[];
  interfaceEndpoints?: string[];
  privateEndpoints?: string[];
  endpointGroupNames?: string[];
};

/** What clients connect through: the AWS endpoint service name, the Azure Private Link service, the GCP service attachments (how many). */
export function serviceName(s: Service): string {
  if (s?.endpointServiceName) return s.endpointServiceName;
  if (s?.privateLinkServiceName) return s.privateLinkServiceName;
  const n = s?.serviceAttachmentNames?.length ?? 0;
  return n ? `${n} service attachment${n === 1 ? '' : 's'}` : '';
}

/** The interface endpoints of a service, whatever its cloud calls them. */
export function serviceEndpoints(s: Service): string {
  return (s?.interfaceEndpoints ?? s?.privateEndpoints ?? s?.endpointGroupNames ?? []).join(',');
}

export const SERVICE_VIEW: View = {
  empty: 'private endpoint services',
  columns: [
    { header: 'id', value: 'id', identifier: true },
    { header: 'provider', value: 'cloudProvider' },
    { header: 'region', value: 'regionName' },
    { header: 'status', value: 'status' },
    { header: 'service name', value: serviceName, identifier: true },
    { header: 'endpoints', value: serviceEndpoints },
  ],
};

type Endpoint = {
  interfaceEndpointId?: string;
  privateEndpointResourceId?: string;
  endpointGroupName?: string;
  connectionStatus?: string;
  status?: string;
  privateEndpointIPAddress?: string;
  endpoints?: { ipAddress?: string }[];
};

/** An interface endpoint's id in its cloud: the vpce id, the Azure resource id, the GCP endpoint group. */
export const endpointId = (e: Endpoint): string => e?.interfaceEndpointId ?? e?.privateEndpointResourceId ?? e?.endpointGroupName ?? '';
/** AWS says `connectionStatus`, Azure and GCP `status`. */
export const endpointStatus = (e: Endpoint): string => e?.connectionStatus ?? e?.status ?? '';

export const ENDPOINT_VIEW: View = {
  columns: [
    { header: 'endpoint', value: endpointId, identifier: true },
    { header: 'provider', value: 'cloudProvider' },
    { header: 'status', value: endpointStatus },
    { header: 'ip addresses', value: (e: Endpoint) => e?.privateEndpointIPAddress ?? (e?.endpoints ?? []).map((x) => x.ipAddress).join(',') },
  ],
};
