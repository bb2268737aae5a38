/** Run: `private-endpoint …` with checked options → requests and rendering. */
import { requiredFlag } from '../../args/checks.js';
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { parseLimit } from '../../args/values.js';
import { parseRegion } from '../cluster/validate.js';
import { confirmDestructive, deleting, dryRun, scopeOf } from '../shared.js';
import { waitFor, waitGone, waitTimeoutMs } from '../wait.js';
import { providersOf, requireProvider, type Provider } from '../network/common.js';
import { endpointKey, interfaceBody, type InterfaceFlags } from './options.js';
import { ENDPOINT_VIEW, SERVICE_VIEW, endpointStatus } from './views.js';

type Json = Record<string, unknown>;
type WaitFlags = { wait?: boolean; waitTimeout?: string };

const servicePath = (groupId: string, cloudProvider: Provider, endpointServiceId: string) => ({ groupId, cloudProvider, endpointServiceId });

/** listGroupPrivateEndpointEndpointService for the `--provider` given, else for AWS, AZURE and GCP in turn (Atlas lists one cloud at a time): one list of the services as served. */
export async function list(ctx: Context, _args: string[], opts: { provider?: string; limit?: string }): Promise<void> {
  const clouds = providersOf(opts.provider);
  const limit = parseLimit(opts);
  const groupId = ctx.projectId();
  const client = await ctx.client();
  const services: unknown[] = [];
  for (const cloudProvider of clouds) {
    services.push(...((await client.request<unknown[]>({ operationId: 'listGroupPrivateEndpointEndpointService', pathParams: { groupId, cloudProvider } })) ?? []));
  }
  ctx.renderer.list(limit === undefined ? services : services.slice(0, limit), SERVICE_VIEW, scopeOf({ groupId }));
}

/** getGroupPrivateEndpointEndpointService. */
export async function get(ctx: Context, [serviceId]: string[], opts: { provider?: string }): Promise<void> {
  const cloud = requireProvider(opts.provider, 'private-endpoint get');
  const doc = await (await ctx.client()).request({ operationId: 'getGroupPrivateEndpointEndpointService', pathParams: servicePath(ctx.projectId(), cloud, serviceId!) });
  ctx.renderer.object(doc, SERVICE_VIEW);
}

/** Polls a service until AVAILABLE (FAILED ends the wait, exit 1). */
async function waitAvailable(ctx: Context, groupId: string, cloud: Provider, id: string, timeoutMs: number): Promise<Json | undefined> {
  const client = await ctx.client();
  return waitFor<Json>(ctx, {
    subject: `private endpoint service ${id}`,
    goal: 'AVAILABLE',
    timeoutMs,
    follow: `atlascli private-endpoint get ${id} --provider ${cloud}`,
    fetch: () => client.request<Json>({ operationId: 'getGroupPrivateEndpointEndpointService', pathParams: servicePath(groupId, cloud, id) }),
    state: (d) => String(d.status ?? 'unknown'),
    done: (d) => d?.status === 'AVAILABLE',
    failed: (d) => (d.status === 'FAILED' ? `failed${d.errorMessage ? `: ${String(d.errorMessage)}` : ''}` : undefined),
  });
}

/**
 * createGroupPrivateEndpointEndpointService `{providerName, region}` (the region as Atlas
 * names it, US_EAST_1); with --wait, until Atlas has made it (AVAILABLE), then the service.
 */
export async function create(ctx: Context, _args: string[], opts: { provider?: string; region?: string; dryRun?: boolean } & WaitFlags): Promise<void> {
  const cloud = requireProvider(opts.provider, 'private-endpoint create');
  const region = parseRegion(
    requiredFlag(opts.region, '--region', `the ${cloud} region of the service, e.g. ${cloud === 'AWS' ? 'US_EAST_1' : cloud === 'AZURE' ? 'US_EAST_2' : 'CENTRAL_US'}`),
    cloud,
  );
  const waitMs = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const spec: RequestSpec = {
    operationId: 'createGroupPrivateEndpointEndpointService',
    pathParams: { groupId },
    body: { providerName: cloud, region },
    checkWith: `atlascli private-endpoint list --provider ${cloud}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const created = await (await ctx.client()).request<Json>(spec);
  if (waitMs === undefined) {
    ctx.renderer.object(created, SERVICE_VIEW);
    if (created?.status !== 'AVAILABLE') {
      ctx.term.info(
        `private endpoint service ${String(created?.id)} is ${String(created?.status)}; follow it with: atlascli private-endpoint get ${String(created?.id)} --provider ${cloud} (or use --wait)`,
      );
    }
    return;
  }
  ctx.renderer.object(await waitAvailable(ctx, groupId, cloud, String(created.id), waitMs), SERVICE_VIEW);
}

/** deleteGroupPrivateEndpointEndpointService (asks first; --force in scripts); with --wait, until it is gone. */
export async function remove(ctx: Context, [serviceId]: string[], opts: { provider?: string; dryRun?: boolean; ifExists?: boolean } & WaitFlags): Promise<void> {
  const cloud = requireProvider(opts.provider, 'private-endpoint delete');
  const waitMs = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const pathParams = servicePath(groupId, cloud, serviceId!);
  const spec: RequestSpec = { operationId: 'deleteGroupPrivateEndpointEndpointService', pathParams };
  if (await dryRun(ctx, opts, spec)) return;
  const what = `private endpoint service ${serviceId}`;
  if (!(await confirmDestructive(ctx, `Delete ${cloud} ${what}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, what, () => client.request(spec)))) return;
  if (waitMs !== undefined) {
    await waitGone<Json>(ctx, {
      subject: what,
      timeoutMs: waitMs,
      follow: `atlascli private-endpoint get ${serviceId} --provider ${cloud}`,
      fetch: () => client.request<Json>({ operationId: 'getGroupPrivateEndpointEndpointService', pathParams }),
      state: (d) => String(d.status ?? 'unknown'),
    });
  }
  ctx.renderer.done(`${waitMs === undefined ? 'deleting' : 'deleted'} ${what}`, { deleted: true, id: serviceId, cloudProvider: cloud });
}

/**
 * createGroupPrivateEndpointEndpointServiceEndpoint: the interface endpoint you made in your
 * cloud (a vpce id, an Azure private endpoint, a GCP endpoint group) joins the service; with
 * --wait, until Atlas has it AVAILABLE (REJECTED or FAILED end the wait, exit 1).
 */
export async function interfaceCreate(ctx: Context, [serviceId, endpointId]: string[], opts: InterfaceFlags & { provider?: string; dryRun?: boolean } & WaitFlags): Promise<void> {
  const cloud = requireProvider(opts.provider, 'private-endpoint interface create');
  const body = interfaceBody(cloud, endpointId!, opts);
  const waitMs = waitTimeoutMs(opts);
  const groupId = ctx.projectId();
  const pathParams = servicePath(groupId, cloud, serviceId!);
  const spec: RequestSpec = {
    operationId: 'createGroupPrivateEndpointEndpointServiceEndpoint',
    pathParams,
    body,
    checkWith: `atlascli private-endpoint get ${serviceId} --provider ${cloud}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const client = await ctx.client();
  const created = await client.request<Json>(spec);
  if (waitMs === undefined) {
    ctx.renderer.object(created, ENDPOINT_VIEW);
    return;
  }
  const key = endpointKey(body);
  const done = await waitFor<Json>(ctx, {
    subject: `interface endpoint ${key}`,
    goal: 'AVAILABLE',
    timeoutMs: waitMs,
    follow: `atlascli private-endpoint get ${serviceId} --provider ${cloud}`,
    fetch: () => client.request<Json>({ operationId: 'getGroupPrivateEndpointEndpointServiceEndpoint', pathParams: { ...pathParams, endpointId: key } }),
    state: (d) => endpointStatus(d) || 'unknown',
    done: (d) => d !== undefined && endpointStatus(d) === 'AVAILABLE',
    failed: (d) => (['REJECTED', 'FAILED'].includes(endpointStatus(d)) ? `is ${endpointStatus(d)}${d.errorMessage ? `: ${String(d.errorMessage)}` : ''}` : undefined),
  });
  ctx.renderer.object(done, ENDPOINT_VIEW);
}
