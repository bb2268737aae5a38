// Projects (groups): list/get/byName/create/update/delete, users, settings (their teams: teams.ts).
import { link, paginate, requireOrg, requireProject, V2, type Ctx, type HandlerTable } from '../context.js';
import { ApiError, errors } from '../errors.js';
import type { Json, Project } from '../state.js';
import { mergePatch } from './cluster-model.js';
import { renderActiveUser, renderAppUser2023 } from './users.js';
import { projectUsers } from './project-access.js';

/** A new project's settings, as Atlas shows them (GET /groups/{groupId}/settings). */
export function defaultSettings(): Json {
  return {
    isClusterAiAssistantEnabled: true,
    isCollectDatabaseSpecificsStatisticsEnabled: true,
    isDataExplorerEnabled: true,
    isDataExplorerGenAIFeaturesEnabled: true,
    isDataExplorerGenAISampleDocumentPassingEnabled: false,
    isDataValidationEnabled: true,
    isExtendedStorageSizesEnabled: false,
    isNativeRerankingEnabled: false,
    isPerformanceAdvisorEnabled: true,
    isRealtimePerformancePanelEnabled: true,
    isSchemaAdvisorEnabled: true,
  };
}

const SUB_LINKS: Array<[string, string]> = [
  ['containers', 'https://cloud.mongodb.com/containers'],
  ['clusters', 'https://cloud.mongodb.com/clusters'],
  ['databaseUsers', 'https://cloud.mongodb.com/databaseUsers'],
  ['peers', 'https://cloud.mongodb.com/peers'],
  ['processes', 'https://cloud.mongodb.com/processes'],
  ['whitelist', 'https://cloud.mongodb.com/whitelist'],
];

function clusterCount(ctx: Ctx, p: Project): number {
  return ctx.state.clustersOf(p.id).length;
}

/** The project document (getGroup, createGroup, updateGroup): with all sub-resource links. */
export function renderProject(ctx: Ctx, p: Project): Json {
  const path = `${V2}/groups/${p.id}`;
  return {
    clusterCount: clusterCount(ctx, p),
    created: p.created,
    id: p.id,
    links: [link(ctx.base, path), ...SUB_LINKS.map(([sub, rel]) => link(ctx.base, `${path}/${sub}`, rel))],
    name: p.name,
    orgId: p.orgId,
    ...(p.regionUsageRestrictions ? { regionUsageRestrictions: p.regionUsageRestrictions } : {}),
    tags: p.tags.map((t) => ({ ...t })),
    withDefaultAlertsSettings: p.withDefaultAlertsSettings,
  };
}

/** The project as lists show it: only the self link. */
export function renderProjectSummary(ctx: Ctx, p: Project): Json {
  const doc = renderProject(ctx, p);
  doc.links = [link(ctx.base, `${V2}/groups/${p.id}`)];
  return doc;
}

function sortedProjects(ps: Project[]): Project[] {
  return [...ps].sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : a.name.toLowerCase() > b.name.toLowerCase() ? 1 : 0));
}

export const projectHandlers: HandlerTable = {
  listGroups: (ctx) => paginate(ctx, sortedProjects(ctx.state.projectsOf()), (p) => renderProjectSummary(ctx, p)),

  getGroup: (ctx) => ({ body: renderProject(ctx, requireProject(ctx)) }),

  getGroupByName: (ctx) => {
    const p = ctx.state.projectByName(ctx.params.groupName);
    if (!p) throw errors.groupNameNotFound(ctx.params.groupName);
    return { body: renderProject(ctx, p) };
  },

  createGroup: (ctx) => {
    const b = ctx.body as Json;
    const org = requireOrg(ctx, b.orgId);
    if (ctx.state.projectsOf(org.id).some((p) => p.name === b.name)) throw errors.groupAlreadyExists(b.name);
    const owner = ctx.query.get('projectOwnerId');
    if (owner && !ctx.state.users.has(owner)) {
      // docs: 404 USER_NOT_FOUND "No user with ID %s exists." (mongodb.com/docs/atlas/reference/api-errors)
      throw new ApiError(404, 'USER_NOT_FOUND', `No user with ID ${owner} exists.`, [owner]);
    }
    const p: Project = {
      id: ctx.state.newId(),
      name: b.name,
      orgId: org.id,
      created: ctx.state.isoNow(),
      tags: (b.tags ?? []).map((t: Json) => ({ key: t.key, value: t.value })),
      withDefaultAlertsSettings: b.withDefaultAlertsSettings ?? true,
      regionUsageRestrictions: b.regionUsageRestrictions,
      settings: defaultSettings(),
      teams: [],
    };
    ctx.state.projects.set(p.id, p);
    if (owner) ctx.state.users.get(owner)!.groupRoles[p.id] = ['GROUP_OWNER'];
    // Atlas answers 201 Created (the spec documents 200)
    return { status: 201, body: renderProject(ctx, p) };
  },

  updateGroup: (ctx) => {
    const p = requireProject(ctx);
    const b = ctx.body as Json;
    if (b.name !== undefined && b.name !== p.name) {
      if (ctx.state.projectsOf(p.orgId).some((x) => x.name === b.name)) throw errors.groupAlreadyExists(b.name);
      p.name = b.name;
    }
    if (b.tags !== undefined) p.tags = b.tags.map((t: Json) => ({ key: t.key, value: t.value }));
    return { body: renderProject(ctx, p) };
  },

  deleteGroup: (ctx) => {
    const p = requireProject(ctx);
    if (ctx.state.clustersOf(p.id).length) throw errors.groupHasClusters(p.id);
    ctx.state.projects.delete(p.id);
    for (const u of ctx.state.users.values()) delete u.groupRoles[p.id];
    // Atlas answers 202 with {} (the spec documents 204)
    return { status: 202, body: {} };
  },

  listGroupUsers: (ctx) => {
    const p = requireProject(ctx);
    const { users, rolesOf } = projectUsers(ctx, p);
    let list = users;
    const username = ctx.query.get('username');
    if (username) list = list.filter((u) => u.username === username);
    if (ctx.version === '2023-01-01') return paginate(ctx, list, (u) => renderAppUser2023(ctx.base, u));
    return paginate(ctx, list, (u) => renderActiveUser(u, { roles: rolesOf(u) }));
  },

  getGroupSettings: (ctx) => ({ body: { ...requireProject(ctx).settings } }),

  updateGroupSettings: (ctx) => {
    const p = requireProject(ctx);
    mergePatch(p.settings, ctx.body as Json);
    return { body: { ...p.settings } };
  },
};
