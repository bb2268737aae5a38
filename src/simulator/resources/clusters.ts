// Clusters: list/get/create/update(pause, resume)/delete, restartPrimaries,
// processArgs, status. State machine: create → CREATING, update → UPDATING,
// delete → DELETING; after stepMs IDLE (or gone).
import { link, paginate, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { errors } from '../errors.js';
import type { ClusterRecord, Json } from '../state.js';
import { applyClusterUpdate, mergePatch, newCluster, renderCluster, renderProcessArgs } from './cluster-model.js';

function requireCluster(ctx: Ctx): ClusterRecord {
  const p = requireProject(ctx);
  const c = ctx.state.cluster(p.id, ctx.params.clusterName);
  if (!c) throw errors.clusterNotFound(ctx.params.clusterName, p.id);
  return c;
}

function clusterName(body: Json, version: string): string | undefined {
  void version;
  return typeof body.name === 'string' ? body.name : undefined;
}

export const clusterHandlers: HandlerTable = {
  listGroupClusters: (ctx) => {
    const p = requireProject(ctx);
    const clusters = ctx.state.clustersOf(p.id).sort((a, b) => (a.doc.createDate < b.doc.createDate ? -1 : a.doc.createDate > b.doc.createDate ? 1 : a.doc.name < b.doc.name ? -1 : 1));
    return paginate(ctx, clusters, (c) => renderCluster(c, ctx.version, ctx.base));
  },

  getGroupCluster: (ctx) => ({ body: renderCluster(requireCluster(ctx), ctx.version, ctx.base) }),

  createGroupCluster: (ctx) => {
    const p = requireProject(ctx);
    const body = ctx.body as Json;
    const name = clusterName(body, ctx.requestVersion ?? ctx.version);
    if (!name) throw errors.missingAttribute('name');
    if (ctx.state.cluster(p.id, name)) throw errors.duplicateClusterName(name, p.id);
    if (body.paused === true) throw errors.invalidAttribute('paused', 'a cluster cannot be created paused');
    const c = newCluster(ctx.state, p.id, body, ctx.requestVersion ?? ctx.version);
    ctx.state.addCluster(c);
    ctx.state.transition(c, 'CREATING');
    return { status: 201, body: renderCluster(c, ctx.version, ctx.base) };
  },

  updateGroupCluster: (ctx) => {
    const c = requireCluster(ctx);
    const body = ctx.body as Json;
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    if (body.name !== undefined && body.name !== c.doc.name) throw errors.invalidAttribute('name', 'the name of a cluster cannot be changed');
    if (c.doc.paused && body.paused !== false) throw errors.cannotUpdatePausedCluster(c.doc.name);
    const changes = applyClusterUpdate(ctx.state, c, body, ctx.requestVersion ?? ctx.version);
    if (changes) ctx.state.transition(c, 'UPDATING');
    return { body: renderCluster(c, ctx.version, ctx.base) };
  },

  deleteGroupCluster: (ctx) => {
    const c = requireCluster(ctx);
    if (c.doc.terminationProtectionEnabled) throw errors.terminationProtection(c.doc.name, c.doc.groupId);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    if (ctx.query.get('retainBackups') === 'true') c.doc.retainBackups = true;
    ctx.state.transition(c, 'DELETING', 'GONE');
    return { status: 202, body: {} };
  },

  restartGroupClusterPrimaries: (ctx) => {
    const c = requireCluster(ctx);
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(c.doc.name);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    return { status: 200, body: {} };
  },

  getGroupClusterProcessArgs: (ctx) => ({ body: renderProcessArgs(requireCluster(ctx), ctx.version) }),

  updateGroupClusterProcessArgs: (ctx) => {
    const c = requireCluster(ctx);
    if (c.doc.paused) throw errors.cannotUpdatePausedCluster(c.doc.name);
    if (c.doc.stateName === 'DELETING') throw errors.clusterDeleting(c.doc.name);
    mergePatch(c.processArgs, ctx.body as Json);
    if (c.processArgs.minimumEnabledTlsProtocol) (c.doc.advancedConfiguration ??= {}).minimumEnabledTlsProtocol = c.processArgs.minimumEnabledTlsProtocol;
    ctx.state.transition(c, 'UPDATING');
    return { body: renderProcessArgs(c, ctx.version) };
  },

  getGroupClusterStatus: (ctx) => {
    const c = requireCluster(ctx);
    return {
      body: {
        changeStatus: c.doc.stateName === 'IDLE' ? 'APPLIED' : 'PENDING',
        links: [link(ctx.base, `${V2}/groups/${c.doc.groupId}/clusters/${encodeURIComponent(c.doc.name)}/status`)],
      },
    };
  },
};
