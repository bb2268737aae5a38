// Network peering: containers (GET/POST /groups/{groupId}/containers, GET /containers/all,
// GET/DELETE /containers/{containerId}) and peering connections (GET/POST /groups/{groupId}/peers,
// GET/DELETE /peers/{peerId}).
//
// Rules, and where they come from:
// - a container is answered in its cloud's shape (spec: CloudProviderContainer's discriminator
//   on providerName → AWSCloudProviderContainer {regionName, vpcId}, AzureCloudProviderContainer
//   {region, azureSubscriptionId, vnetName}, GCPCloudProviderContainer {regions, gcpProjectId,
//   networkName}), `provisioned: false` while no cluster runs in it; lists are paginated
//   envelopes (spec: PaginatedCloudProviderContainerView), `GET /containers` of one cloud
//   (`providerName`, AWS by default), `GET /containers/all` of every cloud;
// - `atlasCidrBlock` within RFC 1918, a /24 to a /21 on AWS and Azure, /18 or larger on GCP
//   (spec: atlasCidrBlock's description; src/spec/network.ts), without host bits, and not
//   overlapping another container of the project: 400 INVALID_ATTRIBUTE otherwise (the code is
//   Atlas's, its use here a guess: see README);
// - one container per region on AWS and Azure, one per project on GCP (spec: createGroupContainer
//   "GCP can have one container per project. AWS and Azure can have one container per cloud
//   provider region."); another is 409 CONTAINER_ALREADY_EXISTS "A container already exists for
//   group …" (the wording terraform-provider-mongodbatlas#684 and #88 quote; the code is a guess);
// - a container with peering connections cannot be deleted: 409 CONTAINERS_IN_USE (a guess;
//   the spec gives deleteGroupContainer a 409);
// - a peering connection is answered in its cloud's shape (spec: BaseNetworkPeeringConnectionSettings →
//   AwsNetworkPeeringConnectionSettings {statusName, connectionId, errorStateName},
//   AzureNetworkPeeringConnectionSettings {status, errorState}, GCPNetworkPeeringConnectionSettings
//   {status, errorMessage}); its container must be of the same cloud (400 INVALID_ATTRIBUTE); on
//   AWS `routeTableCidrBlock` may not overlap the container's block (the AWS rule for peered VPCs,
//   400 INVALID_ATTRIBUTE, code guessed) and `accepterRegionName` is an AWS region in AWS's
//   spelling (us-east-1; INVALID_REGION otherwise);
// - it becomes AVAILABLE with time, one state per `stepMs` of the clock: AWS INITIATING →
//   PENDING_ACCEPTANCE → FINALIZING → AVAILABLE, Azure ADDING_PEER → AVAILABLE, GCP ADDING_PEER →
//   WAITING_FOR_USER → AVAILABLE (the states are the spec's enums; the timing is a guess: in Atlas
//   the user's side accepts); a delete answers 202 (spec: RequestAccepted) and the connection is
//   TERMINATING (AWS) or DELETING for `stepMs`, then gone;
// - a second connection from a container to the same network is 409 PEER_ALREADY_EXISTS (the
//   code is in Atlas's error-code list; src/errors.ts names it among the 409 "already exists").
import { randomBytes } from 'node:crypto';
import { HEX24, paginate, requireProject, storeBeside, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project } from '../state.js';
import { checkContainerCidr, overlaps, parseCidr, type ContainerCloud, type ParsedCidr } from '../../spec/network.js';
import { checkRegion } from './regions.js';

interface ContainerRecord {
  doc: Json;
  block: ParsedCidr;
}

interface PeerRecord {
  doc: Json;
  cloud: ContainerCloud;
  createdAt: number;
  deleteAt?: number;
}

interface Store {
  containers: ContainerRecord[];
  peers: PeerRecord[];
}

const stores = storeBeside((_p: Project): Store => ({ containers: [], peers: [] }));

function storeOf(ctx: Ctx, p: Project): Store {
  const s = stores(p);
  const now = ctx.state.now();
  s.peers = s.peers.filter((x) => x.deleteAt === undefined || x.deleteAt > now);
  return s;
}

const hex = (n: number) =>
  randomBytes(Math.ceil(n / 2))
    .toString('hex')
    .slice(0, n);

function requireContainer(ctx: Ctx, s: Store, id: string, attribute?: string): ContainerRecord {
  const c = HEX24.test(id) ? s.containers.find((x) => x.doc.id === id) : undefined;
  if (!c) {
    if (attribute) throw errors.invalidAttribute(attribute, `no container with ID ${id} exists in group ${ctx.params.groupId}`);
    throw new ApiError(404, 'CONTAINER_NOT_FOUND', `No container with ID ${id} exists in group ${ctx.params.groupId}.`, [id]);
  }
  return c;
}

function requirePeer(ctx: Ctx, s: Store): PeerRecord {
  const id = ctx.params.peerId ?? '';
  const p = HEX24.test(id) ? s.peers.find((x) => x.doc.id === id) : undefined;
  if (!p) throw new ApiError(404, 'PEER_NOT_FOUND', `No peer with ID ${id} exists in group ${ctx.params.groupId}.`, [id]);
  return p;
}

/** The states of a connection, one per step, the last one for good. */
const STATES: Readonly<Record<ContainerCloud, readonly string[]>> = {
  AWS: ['INITIATING', 'PENDING_ACCEPTANCE', 'FINALIZING', 'AVAILABLE'],
  AZURE: ['ADDING_PEER', 'AVAILABLE'],
  GCP: ['ADDING_PEER', 'WAITING_FOR_USER', 'AVAILABLE'],
};

function renderPeer(ctx: Ctx, p: PeerRecord): Json {
  const doc = structuredClone(p.doc);
  const steps = Math.floor((ctx.state.now() - p.createdAt) / ctx.state.stepMs);
  const states = STATES[p.cloud];
  const state = p.deleteAt !== undefined ? (p.cloud === 'AWS' ? 'TERMINATING' : 'DELETING') : states[Math.min(steps, states.length - 1)]!;
  if (p.cloud === 'AWS') {
    doc.statusName = state;
    if (state !== 'INITIATING' && !doc.connectionId) doc.connectionId = p.doc.connectionId = `pcx-${hex(17)}`;
  } else doc.status = state;
  return doc;
}

/** `us-east-1` → `US_EAST_1` (how the spec's region enums name AWS regions). */
function awsAtlasRegion(region: string): string {
  return region.toUpperCase().replace(/-/g, '_');
}

function newContainer(ctx: Ctx, body: Json): Json {
  const id = ctx.state.newId();
  const base = { atlasCidrBlock: body.atlasCidrBlock, id, providerName: body.providerName, provisioned: false };
  switch (body.providerName as ContainerCloud) {
    case 'AWS':
      return { ...base, regionName: body.regionName, vpcId: `vpc-${hex(17)}` };
    case 'AZURE':
      return { ...base, azureSubscriptionId: hex(24), region: body.region, vnetName: null };
    case 'GCP':
      return { ...base, gcpProjectId: null, networkName: null, regions: body.regions ?? [] };
  }
}

function sameRegion(a: Json, b: Json): boolean {
  if (a.providerName !== b.providerName) return false;
  if (a.providerName === 'GCP') return true;
  return (a.regionName ?? a.region) === (b.regionName ?? b.region);
}

export const networkPeeringHandlers: HandlerTable = {
  listGroupContainers: (ctx) => {
    const s = storeOf(ctx, requireProject(ctx));
    const cloud = ctx.query.get('providerName') ?? 'AWS';
    return paginate(
      ctx,
      s.containers.filter((c) => c.doc.providerName === cloud),
      (c) => structuredClone(c.doc),
    );
  },

  listGroupContainerAll: (ctx) => paginate(ctx, storeOf(ctx, requireProject(ctx)).containers, (c) => structuredClone(c.doc)),

  getGroupContainer: (ctx) => ({ body: structuredClone(requireContainer(ctx, storeOf(ctx, requireProject(ctx)), ctx.params.containerId ?? '').doc) }),

  createGroupContainer: (ctx) => {
    const p = requireProject(ctx);
    const s = storeOf(ctx, p);
    const body = ctx.body as Json;
    const cloud = (body.providerName ?? 'AWS') as ContainerCloud;
    if (!['AWS', 'AZURE', 'GCP'].includes(cloud)) throw errors.invalidAttribute('providerName', `containers are made on AWS, AZURE or GCP, not ${cloud}`);
    if (typeof body.atlasCidrBlock !== 'string') throw errors.missingAttribute('atlasCidrBlock');
    if (cloud === 'AWS') checkRegion('AWS', String(body.regionName));
    const checked = checkContainerCidr(cloud, body.atlasCidrBlock);
    if ('reason' in checked) throw errors.invalidAttribute('atlasCidrBlock', checked.reason);
    const doc = newContainer(ctx, { ...body, providerName: cloud });
    if (s.containers.some((c) => sameRegion(c.doc, doc))) throw new ApiError(409, 'CONTAINER_ALREADY_EXISTS', `A container already exists for group ${p.id}.`, [p.id]);
    const clash = s.containers.find((c) => overlaps(c.block, checked));
    if (clash) throw errors.invalidAttribute('atlasCidrBlock', `${checked.cidr} overlaps ${clash.block.cidr} of container ${clash.doc.id}`);
    s.containers.push({ doc, block: checked });
    return { body: structuredClone(doc) };
  },

  deleteGroupContainer: (ctx) => {
    const s = storeOf(ctx, requireProject(ctx));
    const c = requireContainer(ctx, s, ctx.params.containerId ?? '');
    if (s.peers.some((x) => x.doc.containerId === c.doc.id)) {
      throw new ApiError(409, 'CONTAINERS_IN_USE', `Cannot delete container ${c.doc.id}: network peering connections use it.`, [c.doc.id]);
    }
    s.containers.splice(s.containers.indexOf(c), 1);
    return { status: 204 };
  },

  listGroupPeers: (ctx) => {
    const s = storeOf(ctx, requireProject(ctx));
    const cloud = ctx.query.get('providerName') ?? 'AWS';
    return paginate(
      ctx,
      s.peers.filter((x) => x.cloud === cloud),
      (x) => renderPeer(ctx, x),
    );
  },

  getGroupPeer: (ctx) => ({ body: renderPeer(ctx, requirePeer(ctx, storeOf(ctx, requireProject(ctx)))) }),

  createGroupPeer: (ctx) => {
    const s = storeOf(ctx, requireProject(ctx));
    const body = ctx.body as Json;
    const c = requireContainer(ctx, s, String(body.containerId), 'containerId');
    const cloud = (body.providerName ?? 'AWS') as ContainerCloud;
    if (c.doc.providerName !== cloud) throw errors.invalidAttribute('providerName', `container ${c.doc.id} is on ${c.doc.providerName}, not ${cloud}`);
    const id = ctx.state.newId();
    let doc: Json;
    if (cloud === 'AWS') {
      for (const k of ['accepterRegionName', 'awsAccountId', 'routeTableCidrBlock', 'vpcId']) if (typeof body[k] !== 'string') throw errors.missingAttribute(k);
      checkRegion('AWS', awsAtlasRegion(body.accepterRegionName));
      const route = parseCidr(body.routeTableCidrBlock);
      if ('reason' in route) throw errors.invalidAttribute('routeTableCidrBlock', route.reason);
      if (overlaps(route, c.block)) throw errors.invalidAttribute('routeTableCidrBlock', `${route.cidr} overlaps the Atlas CIDR block ${c.block.cidr}`);
      doc = {
        accepterRegionName: body.accepterRegionName,
        awsAccountId: body.awsAccountId,
        connectionId: null,
        containerId: c.doc.id,
        errorStateName: null,
        id,
        providerName: 'AWS',
        routeTableCidrBlock: body.routeTableCidrBlock,
        vpcId: body.vpcId,
      };
    } else if (cloud === 'AZURE') {
      for (const k of ['azureDirectoryId', 'azureSubscriptionId', 'resourceGroupName', 'vnetName']) if (typeof body[k] !== 'string') throw errors.missingAttribute(k);
      doc = {
        azureDirectoryId: body.azureDirectoryId,
        azureSubscriptionId: body.azureSubscriptionId,
        containerId: c.doc.id,
        errorState: null,
        id,
        providerName: 'AZURE',
        resourceGroupName: body.resourceGroupName,
        vnetName: body.vnetName,
      };
    } else {
      for (const k of ['gcpProjectId', 'networkName']) if (typeof body[k] !== 'string') throw errors.missingAttribute(k);
      doc = { containerId: c.doc.id, errorMessage: null, gcpProjectId: body.gcpProjectId, id, networkName: body.networkName, providerName: 'GCP' };
    }
    const target = (d: Json) =>
      `${d.containerId}/${d.vpcId ?? ''}/${d.azureSubscriptionId ?? ''}/${d.resourceGroupName ?? ''}/${d.vnetName ?? ''}/${d.gcpProjectId ?? ''}/${d.networkName ?? ''}`;
    if (s.peers.some((x) => target(x.doc) === target(doc))) {
      throw new ApiError(409, 'PEER_ALREADY_EXISTS', `A peering connection to this network already exists in container ${c.doc.id}.`, [c.doc.id]);
    }
    const rec: PeerRecord = { doc, cloud, createdAt: ctx.state.now() };
    s.peers.push(rec);
    return { body: renderPeer(ctx, rec) };
  },

  deleteGroupPeer: (ctx) => {
    const s = storeOf(ctx, requireProject(ctx));
    const p = requirePeer(ctx, s);
    p.deleteAt ??= ctx.state.now() + ctx.state.stepMs;
    return { status: 202, body: {} };
  },
};
