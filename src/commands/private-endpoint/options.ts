/**
 * Define: `private-endpoint …` arguments → checked request bodies. Everything here throws a
 * UsageError (exit 2) before any request is sent.
 */
import { UsageError } from '../../errors.js';
import type { Provider } from '../network/common.js';

/** An AWS interface endpoint: `vpce-` and 17 hexadecimal digits (spec: CreateAWSEndpointRequest.id). */
const AWS_ENDPOINT = /^vpce-[0-9a-f]{17}$/;
/** An Azure private endpoint's resource id (spec: CreateAzureEndpointRequest.id, the path pattern of endpointId). */
const AZURE_ENDPOINT =
  /^\/subscriptions\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/resource[gG]roups\/[-\w._()]+\/providers\/Microsoft\.Network\/privateEndpoints\/[-\w._()]+$/;
/** A GCP resource name, as an endpoint group (and a forwarding rule) is named: RFC 1035 labels. */
const GCP_NAME = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
/** The GCP project the endpoints are in (spec: CreateGCPEndpointGroupRequest.gcpProjectId). */
const GCP_PROJECT = /^p-[0-9a-z]{24}$/;
const IPV4 = /^((25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

export interface InterfaceFlags {
  ip?: string;
  gcpProjectId?: string;
  endpoint?: string[];
}

/**
 * `interface create <serviceId> <endpointId> --provider P [--ip A] [--gcp-project-id G --endpoint name=ip…]`
 * → the body of createGroupPrivateEndpointEndpointServiceEndpoint for that cloud (spec:
 * CreateAWSEndpointRequest {id}, CreateAzureEndpointRequest {id, privateEndpointIPAddress},
 * CreateGCPEndpointGroupRequest {endpointGroupName, gcpProjectId, endpoints}).
 * @throws UsageError for an id that is not that cloud's, a missing or malformed address or project
 */
export function interfaceBody(provider: Provider, endpointId: string, flags: InterfaceFlags): Record<string, unknown> {
  const stray = (flag: string, clouds: string) => new UsageError(`${flag} is for ${clouds} interface endpoints, not ${provider} ones`);
  if (provider === 'AWS') {
    if (!AWS_ENDPOINT.test(endpointId))
      throw new UsageError(`invalid AWS interface endpoint id "${endpointId}"`, 'an AWS interface endpoint id is vpce- and 17 hexadecimal digits, such as vpce-0a1b2c3d4e5f67890');
    if (flags.ip !== undefined) throw stray('--ip', 'Azure');
    if (flags.gcpProjectId !== undefined || flags.endpoint?.length) throw stray(flags.gcpProjectId !== undefined ? '--gcp-project-id' : '--endpoint', 'GCP');
    return { id: endpointId };
  }
  if (provider === 'AZURE') {
    if (!AZURE_ENDPOINT.test(endpointId)) {
      throw new UsageError(
        `invalid Azure private endpoint id "${endpointId}"`,
        'give its resource id: /subscriptions/<uuid>/resourceGroups/<group>/providers/Microsoft.Network/privateEndpoints/<name>',
      );
    }
    if (flags.gcpProjectId !== undefined || flags.endpoint?.length) throw stray(flags.gcpProjectId !== undefined ? '--gcp-project-id' : '--endpoint', 'GCP');
    if (flags.ip === undefined) throw new UsageError('an Azure private endpoint needs --ip <address>', 'the private IPv4 address of the endpoint in your VNet');
    if (!IPV4.test(flags.ip)) throw new UsageError(`invalid --ip "${flags.ip}": not an IPv4 address`);
    return { id: endpointId, privateEndpointIPAddress: flags.ip };
  }
  if (flags.ip !== undefined) throw stray('--ip', 'Azure');
  if (!GCP_NAME.test(endpointId))
    throw new UsageError(`invalid GCP endpoint group name "${endpointId}"`, 'lower-case letters, digits and hyphens, starting with a letter, at most 63 characters');
  if (flags.gcpProjectId === undefined)
    throw new UsageError('a GCP endpoint group needs --gcp-project-id <id>', 'the Google Cloud project the endpoints are in, such as p-fdeeb3e43b8e733e5ab627b1');
  if (!GCP_PROJECT.test(flags.gcpProjectId)) throw new UsageError(`invalid --gcp-project-id "${flags.gcpProjectId}"`, 'it looks like p- and 24 lower-case letters or digits');
  const endpoints = (flags.endpoint ?? []).map(parseForwardingRule);
  return { endpointGroupName: endpointId, gcpProjectId: flags.gcpProjectId, ...(endpoints.length ? { endpoints } : {}) };
}

/** `--endpoint rule-1=10.0.0.5` → `{endpointName, ipAddress}` (a GCP forwarding rule and its address). */
export function parseForwardingRule(value: string): { endpointName: string; ipAddress: string } {
  const i = value.indexOf('=');
  const name = value.slice(0, i);
  const ip = value.slice(i + 1);
  if (i < 1 || !GCP_NAME.test(name) || !IPV4.test(ip)) {
    throw new UsageError(`invalid --endpoint "${value}"`, 'give a forwarding rule and its address: --endpoint <rule-name>=<IPv4 address>, e.g. --endpoint atlas-0=10.0.0.5');
  }
  return { endpointName: name, ipAddress: ip };
}

/** The `endpointId` path parameter's value: what the interface is known by in its cloud. */
export function endpointKey(body: Record<string, unknown>): string {
  return String(body.id ?? body.endpointGroupName);
}
