/**
 * Dedicated and free clusters live at /groups/{groupId}/clusters, Flex clusters at
 * /groups/{groupId}/flexClusters (version 2024-11-13). A command that is given only a
 * name tries the clusters API first and moves to the other one on Atlas's answer:
 * 400 CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API ("Flex cluster <name> cannot be used in the
 * Cluster API.") or 400 CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API — the codes the official
 * CLI and the Terraform provider fall back on.
 */
import type { AtlasClient, RequestSpec, RequestSpecFields } from '../../atlas/client.js';
import { AtlasApiError } from '../../errors.js';
import type { Json } from './body.js';
import { isNvmeSize, type TierKind } from './validate.js';

export type Api = 'clusters' | 'flex';

export const FLEX_IN_CLUSTER_API = 'CANNOT_USE_FLEX_CLUSTER_IN_CLUSTER_API';
export const NON_FLEX_IN_FLEX_API = 'CANNOT_USE_NON_FLEX_CLUSTER_IN_FLEX_API';

const OPS = {
  clusters: { get: 'getGroupCluster', delete: 'deleteGroupCluster', update: 'updateGroupCluster', param: 'clusterName' },
  flex: { get: 'getGroupFlexCluster', delete: 'deleteGroupFlexCluster', update: 'updateGroupFlexCluster', param: 'name' },
} as const;

export function spec(api: Api, op: 'get' | 'delete' | 'update', groupId: string, name: string, extra: RequestSpecFields = {}): RequestSpec {
  const o = OPS[api];
  return { operationId: o[op], pathParams: { groupId, [o.param]: name }, ...extra } as RequestSpec<(typeof o)[typeof op]>;
}

/** The other API, when Atlas's answer says the cluster lives there. */
export function otherApi(err: unknown, tried: Api): Api | undefined {
  if (!(err instanceof AtlasApiError)) return undefined;
  if (tried === 'clusters' && err.errorCode === FLEX_IN_CLUSTER_API) return 'flex';
  if (tried === 'flex' && err.errorCode === NON_FLEX_IN_FLEX_API) return 'clusters';
  return undefined;
}

/** Sends `make(api)` to one API, then to the other if Atlas says the cluster lives there. */
export async function either<T>(client: AtlasClient, make: (api: Api) => RequestSpec, first: Api = 'clusters'): Promise<{ api: Api; value: T }> {
  try {
    return { api: first, value: await client.request<T>(make(first)) };
  } catch (err) {
    const other = otherApi(err, first);
    if (!other) throw err;
    return { api: other, value: await client.request<T>(make(other)) };
  }
}

/** GET one cluster of either kind. */
export function fetchCluster(client: AtlasClient, groupId: string, name: string, first: Api = 'clusters'): Promise<{ api: Api; value: Json }> {
  return either<Json>(client, (api) => spec(api, 'get', groupId, name), first);
}

function regionConfigs(doc: Json): Json[] {
  const specs = Array.isArray(doc?.replicationSpecs) ? (doc.replicationSpecs as Json[]) : [];
  return specs.flatMap((s) => (Array.isArray(s?.regionConfigs) ? (s.regionConfigs as Json[]) : []));
}

/** What a served document is: a Flex document has providerSettings.providerName FLEX; a free one a TENANT region. */
export function kindOf(doc: Json): TierKind {
  if (doc?.providerSettings?.providerName === 'FLEX') return 'flex';
  if (regionConfigs(doc).some((rc) => rc.providerName === 'TENANT' || rc.providerName === 'FLEX')) {
    return regionConfigs(doc).some((rc) => rc.electableSpecs?.instanceSize === 'M0') ? 'free' : 'flex';
  }
  return 'dedicated';
}

export function isNvmeCluster(doc: Json): boolean {
  return regionConfigs(doc).some((rc) => isNvmeSize(rc.electableSpecs?.instanceSize));
}

export const KIND_LABEL: Record<TierKind, string> = { dedicated: 'dedicated', free: 'free (M0)', flex: 'Flex' };
