// Private endpoint services and their interface endpoints (AWS PrivateLink, Azure Private
// Link, GCP Private Service Connect): POST /groups/{groupId}/privateEndpoint/endpointService,
// GET …/privateEndpoint/{cloudProvider}/endpointService[/{endpointServiceId}], DELETE the same,
// POST/GET …/endpointService/{endpointServiceId}/endpoint[/{endpointId}].
//
// Rules, and where they come from:
// - a service is answered in its cloud's shape (spec: EndpointService's discriminator on
//   cloudProvider → AWSPrivateLinkConnection, AzurePrivateLinkConnection, GCPEndpointService);
//   the list is a plain array (spec: the 200 of listGroupPrivateEndpointEndpointService);
// - a new service is INITIATING, then AVAILABLE once Atlas has made it (spec: `status`); an AWS
//   service has no `endpointServiceName` until then ("MongoDB Cloud returns null while it
//   creates the endpoint service", spec: AWSPrivateLinkConnection.endpointServiceName). Here the
//   making takes `stepMs` of the simulator's clock;
// - one service per cloud and region: a second is 409 PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION
//   (public automation scripts that handle Atlas's 409 with this code, and the terraform provider's
//   CI logs naming it for POST …/privateEndpoint/endpointService);
// - a region the cloud does not have is 400 INVALID_REGION (resources/regions.ts); `region` takes
//   Atlas's name (US_EAST_1) or, the docs' examples show it, the cloud's (us-east-1); the answer
//   names it Atlas's way (`regionName`);
// - deleting a service: DELETING for `stepMs`, then gone (spec: status DELETING);
// - an unknown service is 404 PRIVATE_ENDPOINT_SERVICE_NOT_FOUND (the code the Atlas Go SDK's
//   users test for: mongodb/atlas-cli-plugin-terraform, mongodb/mongodb-atlas-kubernetes);
// - an interface endpoint's body and answer are its cloud's (spec: CreateEndpointRequest →
//   CreateAWSEndpointRequest {id: vpce-…}, CreateAzureEndpointRequest {id, privateEndpointIPAddress},
//   CreateGCPEndpointGroupRequest {endpointGroupName, gcpProjectId, endpoints}; PrivateLinkEndpoint →
//   AWSInterfaceEndpoint, AzurePrivateEndpoint, PrivateGCPEndpointGroup); AWS's connection is
//   PENDING_ACCEPTANCE, Azure's and GCP's INITIATING, for `stepMs`, then AVAILABLE (a guess at the
//   timing, see README); the service lists it (interfaceEndpoints, privateEndpoints, endpointGroupNames).
import { randomBytes } from 'node:crypto';
import { HEX24, requireProject, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project } from '../state.js';
import { checkRegion, type Cloud } from './regions.js';

interface EndpointRecord {
  /** the id in paths: a vpce id (AWS), the resource id (Azure), the endpoint group name (GCP) */
  key: string;
  createdAt: number;
  doc: Json;
}

interface ServiceRecord {
  id: string;
  cloud: Cloud;
  regionName: string;
  createdAt: number;
  deleteAt?: number;
  portMappingEnabled: boolean;
  endpoints: EndpointRecord[];
  /** names Atlas gives the service once it exists */
  suffix: string;
}

const servicesOf = storeBeside((_p: Project): ServiceRecord[] => []);

/** The services of a project that still exist at the clock's time (deleted ones past their step are dropped). */
function live(ctx: Ctx, p: Project): ServiceRecord[] {
  const now = ctx.state.now();
  const list = servicesOf(p);
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.deleteAt !== undefined && list[i]!.deleteAt! <= now) list.splice(i, 1);
  return list;
}

/** `us-east-1` or `US_EAST_1` → `US_EAST_1`. */
export function atlasRegionName(region: string): string {
  return region.trim().toUpperCase().replace(/-/g, '_');
}

function status(ctx: Ctx, s: ServiceRecord): string {
  if (s.deleteAt !== undefined) return 'DELETING';
  return ctx.state.now() >= s.createdAt + ctx.state.stepMs ? 'AVAILABLE' : 'INITIATING';
}

function render(ctx: Ctx, s: ServiceRecord): Json {
  const st = status(ctx, s);
  const made = st !== 'INITIATING';
  const base = { cloudProvider: s.cloud, errorMessage: null, id: s.id, regionName: s.regionName, status: st };
  const keys = s.endpoints.map((e) => e.key);
  switch (s.cloud) {
    case 'AWS':
      return {
        ...base,
        endpointServiceName: made ? `com.amazonaws.vpce.${s.regionName.toLowerCase().replace(/_/g, '-')}.vpce-svc-${s.suffix.slice(0, 17)}` : null,
        interfaceEndpoints: keys,
      };
    case 'AZURE':
      return {
        ...base,
        privateEndpoints: keys,
        privateLinkServiceName: made ? `pls_${s.id}` : null,
        privateLinkServiceResourceId: made
          ? `/subscriptions/${uuidFrom(s.suffix)}/resourcegroups/rg_${s.id}_${s.suffix.slice(0, 8)}/providers/Microsoft.Network/privateLinkServices/pls_${s.id}`
          : null,
      };
    case 'GCP':
      return {
        ...base,
        endpointGroupNames: keys,
        portMappingEnabled: s.portMappingEnabled,
        serviceAttachmentNames: made
          ? Array.from(
              { length: s.portMappingEnabled ? 1 : 50 },
              (_, i) => `projects/p-${s.suffix.slice(0, 24)}/regions/${s.regionName.toLowerCase().replace(/_/g, '-')}/serviceAttachments/sa-${s.suffix.slice(0, 8)}-${i}`,
            )
          : [],
      };
  }
}

function uuidFrom(hex: string): string {
  const h = hex.padEnd(32, '0');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function requireService(ctx: Ctx, p: Project): ServiceRecord {
  const id = ctx.params.endpointServiceId ?? '';
  const cloud = ctx.params.cloudProvider;
  const found = HEX24.test(id) ? live(ctx, p).find((s) => s.id === id && s.cloud === cloud) : undefined;
  if (!found) throw new ApiError(404, 'PRIVATE_ENDPOINT_SERVICE_NOT_FOUND', `Private endpoint service ${id} not found for provider ${cloud} in group ${p.id}.`, [id, cloud, p.id]);
  return found;
}

function endpointStatus(ctx: Ctx, e: EndpointRecord, cloud: Cloud): string {
  const ready = ctx.state.now() >= e.createdAt + ctx.state.stepMs;
  if (cloud === 'AWS') return ready ? 'AVAILABLE' : 'PENDING_ACCEPTANCE';
  return ready ? 'AVAILABLE' : 'INITIATING';
}

function renderEndpoint(ctx: Ctx, e: EndpointRecord, cloud: Cloud): Json {
  const st = endpointStatus(ctx, e, cloud);
  const doc = structuredClone(e.doc);
  if (cloud === 'AWS') doc.connectionStatus = st;
  else doc.status = st;
  if (cloud === 'GCP') for (const f of (doc.endpoints ?? []) as Json[]) f.status = st;
  return doc;
}

function newEndpoint(ctx: Ctx, s: ServiceRecord, body: Json): EndpointRecord {
  const createdAt = ctx.state.now();
  const common = { cloudProvider: s.cloud, deleteRequested: false, errorMessage: null };
  switch (s.cloud) {
    case 'AWS':
      return { key: body.id, createdAt, doc: { ...common, interfaceEndpointId: body.id } };
    case 'AZURE': {
      const name = String(body.id).split('/').pop() ?? '';
      return {
        key: body.id,
        createdAt,
        doc: {
          ...common,
          privateEndpointConnectionName: `${uuidFrom(randomBytes(16).toString('hex'))}%2F${name}%2F${name}`,
          privateEndpointIPAddress: body.privateEndpointIPAddress,
          privateEndpointResourceId: body.id,
        },
      };
    }
    case 'GCP':
      return {
        key: body.endpointGroupName,
        createdAt,
        doc: {
          ...common,
          endpointGroupName: body.endpointGroupName,
          endpoints: ((body.endpoints ?? []) as Json[]).map((f) => ({ endpointName: f.endpointName, ipAddress: f.ipAddress })),
          gcpProjectId: body.gcpProjectId,
          portMappingEnabled: s.portMappingEnabled,
        },
      };
  }
}

/** The fields each cloud's interface body must have (spec: the required lists of CreateAWSEndpointRequest, CreateAzureEndpointRequest, CreateGCPEndpointGroupRequest). */
const REQUIRED: Readonly<Record<Cloud, readonly string[]>> = { AWS: ['id'], AZURE: ['id', 'privateEndpointIPAddress'], GCP: ['endpointGroupName', 'gcpProjectId'] };

export const privateEndpointHandlers: HandlerTable = {
  createGroupPrivateEndpointEndpointService: (ctx) => {
    const p = requireProject(ctx);
    const body = ctx.body as Json;
    const cloud = body.providerName as Cloud;
    const regionName = atlasRegionName(String(body.region));
    checkRegion(cloud, regionName);
    if (live(ctx, p).some((s) => s.cloud === cloud && s.regionName === regionName)) {
      throw new ApiError(
        409,
        'PRIVATE_ENDPOINT_SERVICE_ALREADY_EXISTS_FOR_REGION',
        `A private endpoint service already exists for ${cloud} region ${regionName} in group ${p.id}.`,
        [cloud, regionName],
      );
    }
    const s: ServiceRecord = {
      id: ctx.state.newId(),
      cloud,
      regionName,
      createdAt: ctx.state.now(),
      portMappingEnabled: cloud === 'GCP' && body.portMappingEnabled === true,
      endpoints: [],
      suffix: randomBytes(16).toString('hex'),
    };
    servicesOf(p).push(s);
    return { body: render(ctx, s) };
  },

  listGroupPrivateEndpointEndpointService: (ctx) => {
    const p = requireProject(ctx);
    return {
      body: live(ctx, p)
        .filter((s) => s.cloud === ctx.params.cloudProvider)
        .map((s) => render(ctx, s)),
    };
  },

  getGroupPrivateEndpointEndpointService: (ctx) => ({ body: render(ctx, requireService(ctx, requireProject(ctx))) }),

  deleteGroupPrivateEndpointEndpointService: (ctx) => {
    const s = requireService(ctx, requireProject(ctx));
    s.deleteAt ??= ctx.state.now() + ctx.state.stepMs;
    return { status: 204 };
  },

  createGroupPrivateEndpointEndpointServiceEndpoint: (ctx) => {
    const s = requireService(ctx, requireProject(ctx));
    if (s.deleteAt !== undefined) throw errors.invalidAttribute('endpointServiceId', `private endpoint service ${s.id} is being deleted`);
    const body = ctx.body as Json;
    for (const k of REQUIRED[s.cloud]) if (typeof body[k] !== 'string') throw errors.missingAttribute(k);
    const e = newEndpoint(ctx, s, body);
    if (s.endpoints.some((x) => x.key === e.key)) {
      throw new ApiError(409, 'PRIVATE_ENDPOINT_ALREADY_EXISTS', `Private endpoint ${e.key} already exists for private endpoint service ${s.id}.`, [e.key, s.id]);
    }
    s.endpoints.push(e);
    return { body: renderEndpoint(ctx, e, s.cloud) };
  },

  getGroupPrivateEndpointEndpointServiceEndpoint: (ctx) => {
    const s = requireService(ctx, requireProject(ctx));
    const key = ctx.params.endpointId ?? '';
    const e = s.endpoints.find((x) => x.key === key);
    if (!e) throw new ApiError(404, 'PRIVATE_ENDPOINT_NOT_FOUND', `Private endpoint ${key} not found for private endpoint service ${s.id}.`, [key, s.id]);
    return { body: renderEndpoint(ctx, e, s.cloud) };
  },
};
