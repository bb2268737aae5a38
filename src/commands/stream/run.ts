/** Run: `stream …` with checked options → requests and rendering; connection credentials masked. */
import { requiredFlag } from '../../args/checks.js';
import type { Context } from '../../program/context.js';
import type { RequestSpec } from '../../atlas/client.js';
import { maskAnswer } from '../../atlas/mask.js';
import { UsageError } from '../../errors.js';
import { confirmDestructive, deleting, dryRun, renderGet, renderList, withHints } from '../shared.js';
import { readBodyFile, type Body } from '../body-file.js';
import { parseStreamProvider, parseStreamRegion, parseStreamTier } from './options.js';
import { CONNECTION_VIEW, PROCESSOR_VIEW, WORKSPACE_VIEW } from './views.js';

type Opts = { dryRun?: boolean };
type DeleteOpts = Opts & { ifExists?: boolean };
type Processor = { name?: string; state?: string };

const maskWorkspace = (w: unknown) => maskAnswer(w, 'getGroupStreamWorkspace');
const maskConnection = (c: unknown) => maskAnswer(c, 'getGroupStreamConnection');

// ---- workspaces ------------------------------------------------------------------

/** listGroupStreamWorkspaces, every page. */
export async function instanceList(ctx: Context, _args: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listGroupStreamWorkspaces', pathParams: { groupId: ctx.projectId() } }, WORKSPACE_VIEW, opts, maskWorkspace);
}

/** getGroupStreamWorkspace. */
export async function instanceGet(ctx: Context, [tenantName]: string[]): Promise<void> {
  await renderGet(ctx, { operationId: 'getGroupStreamWorkspace', pathParams: { groupId: ctx.projectId(), tenantName: tenantName! } }, WORKSPACE_VIEW, maskWorkspace);
}

/** createGroupStreamWorkspace: `{name, dataProcessRegion: {cloudProvider, region}, streamConfig?: {tier}}`. */
export async function instanceCreate(ctx: Context, [name]: string[], opts: Opts & { provider?: string; region?: string; tier?: string }): Promise<void> {
  const groupId = ctx.projectId();
  const cloudProvider = parseStreamProvider(opts.provider);
  const region = parseStreamRegion(cloudProvider, opts.region);
  const tier = parseStreamTier(opts.tier);
  const body: Body = { name, dataProcessRegion: { cloudProvider, region }, ...(tier ? { streamConfig: { tier } } : {}) };
  const spec: RequestSpec = { operationId: 'createGroupStreamWorkspace', pathParams: { groupId }, body, checkWith: `atlascli stream instance get ${name}` };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = maskWorkspace(await (await ctx.client()).request(spec));
  if (ctx.output === 'table') ctx.term.info(`created stream workspace ${name} (${cloudProvider} ${region})`);
  ctx.renderer.object(doc, WORKSPACE_VIEW);
}

/** deleteGroupStreamWorkspace, after a confirmation; a workspace with processors is refused by Atlas (the hint says how to list them). */
export async function instanceDelete(ctx: Context, [tenantName]: string[], opts: DeleteOpts): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteGroupStreamWorkspace', pathParams: { groupId: ctx.projectId(), tenantName: tenantName! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete stream workspace ${tenantName}`))) return;
  const client = await ctx.client();
  const deleted = await withHints(
    () => deleting(ctx, opts, `stream workspace ${tenantName}`, () => client.request(spec)),
    (err) => (err.errorCode === 'STREAM_TENANT_HAS_STREAM_PROCESSORS' ? `delete its processors first: \`atlascli stream processor list ${tenantName}\`` : undefined),
  );
  if (!deleted) return;
  ctx.renderer.done(`deleted stream workspace ${tenantName}`, { name: tenantName, deleted: true });
}

// ---- connections -----------------------------------------------------------------

/** listGroupStreamConnections, every page; credentials masked. */
export async function connectionList(ctx: Context, [tenantName]: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'listGroupStreamConnections', pathParams: { groupId: ctx.projectId(), tenantName: tenantName! } }, CONNECTION_VIEW, opts, maskConnection);
}

/** getGroupStreamConnection; credentials masked. */
export async function connectionGet(ctx: Context, [tenantName, connectionName]: string[]): Promise<void> {
  const spec: RequestSpec = { operationId: 'getGroupStreamConnection', pathParams: { groupId: ctx.projectId(), tenantName: tenantName!, connectionName: connectionName! } };
  await renderGet(ctx, spec, CONNECTION_VIEW, maskConnection);
}

/** createGroupStreamConnection with the checked --file (StreamsConnection). */
export async function connectionCreate(ctx: Context, [tenantName]: string[], opts: Opts & { file?: string }): Promise<void> {
  const groupId = ctx.projectId();
  const file = requiredFlag(opts.file, '--file', 'the connection as JSON (- for stdin), e.g. {"name":"orders","type":"Cluster","clusterName":"Cluster0"}');
  const body = await readBodyFile(file, ctx.io.stdin, 'createGroupStreamConnection', 'a stream connection', { readOnly: ['id', 'state', 'links'] });
  if (typeof body.name !== 'string' || body.name === '') throw new UsageError(`--file "${opts.file}": the connection needs a "name"`);
  const spec: RequestSpec = {
    operationId: 'createGroupStreamConnection',
    pathParams: { groupId, tenantName: tenantName! },
    body,
    checkWith: `atlascli stream connection get ${tenantName} ${body.name}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const doc = maskConnection(await (await ctx.client()).request(spec));
  if (ctx.output === 'table') ctx.term.info(`created connection ${body.name} in stream workspace ${tenantName}`);
  ctx.renderer.object(doc, CONNECTION_VIEW);
}

/** deleteGroupStreamConnection, after a confirmation. */
export async function connectionDelete(ctx: Context, [tenantName, connectionName]: string[], opts: DeleteOpts): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteGroupStreamConnection', pathParams: { groupId: ctx.projectId(), tenantName: tenantName!, connectionName: connectionName! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete connection ${connectionName} of stream workspace ${tenantName}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, `connection ${connectionName}`, () => client.request(spec)))) return;
  ctx.renderer.done(`deleted connection ${connectionName} of stream workspace ${tenantName}`, { name: connectionName, deleted: true });
}

// ---- processors ------------------------------------------------------------------

function processorSpec(ctx: Context, tenantName: string, processorName: string): RequestSpec {
  return { operationId: 'getGroupStreamProcessor', pathParams: { groupId: ctx.projectId(), tenantName, processorName } };
}

/** getGroupStreamProcessors, every page. */
export async function processorList(ctx: Context, [tenantName]: string[], opts: { limit?: string }): Promise<void> {
  await renderList(ctx, { operationId: 'getGroupStreamProcessors', pathParams: { groupId: ctx.projectId(), tenantName: tenantName! } }, PROCESSOR_VIEW, opts);
}

/** getGroupStreamProcessor. */
export async function processorGet(ctx: Context, [tenantName, processorName]: string[]): Promise<void> {
  await renderGet(ctx, processorSpec(ctx, tenantName!, processorName!), PROCESSOR_VIEW);
}

/** createGroupStreamProcessor with the checked --file (StreamsProcessor), then the processor as read (with its state). */
export async function processorCreate(ctx: Context, [tenantName]: string[], opts: Opts & { file?: string }): Promise<void> {
  const groupId = ctx.projectId();
  if (opts.file === undefined)
    throw new UsageError(
      'give the processor with --file <file.json> (- for stdin)',
      'e.g. {"name":"solar","pipeline":[{"$source":{"connectionName":"sample_stream_solar"}},{"$emit":{"connectionName":"kafka-prod","topic":"solar"}}]}',
    );
  const body = await readBodyFile(opts.file, ctx.io.stdin, 'createGroupStreamProcessor', 'a stream processor', { readOnly: ['_id', 'state', 'stats', 'links'] });
  if (typeof body.name !== 'string' || body.name === '') throw new UsageError(`--file "${opts.file}": the processor needs a "name"`);
  if (!Array.isArray(body.pipeline) || body.pipeline.length === 0)
    throw new UsageError(`--file "${opts.file}": the processor needs a "pipeline" of stages`, 'a $source stage first, a $merge or $emit stage last');
  const name = body.name;
  const spec: RequestSpec = {
    operationId: 'createGroupStreamProcessor',
    pathParams: { groupId, tenantName: tenantName! },
    body,
    checkWith: `atlascli stream processor get ${tenantName} ${name}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const client = await ctx.client();
  await client.request(spec);
  if (ctx.output === 'table') ctx.term.info(`created stream processor ${name} in workspace ${tenantName}; start it with: atlascli stream processor start ${tenantName} ${name}`);
  ctx.renderer.object(await client.request(processorSpec(ctx, tenantName!, name)), PROCESSOR_VIEW);
}

/**
 * startGroupStreamProcessor / stopGroupStreamProcessor: reads the processor first; one
 * already in the state asked for is left alone (nothing is sent, exit 0); then prints it
 * as read again.
 */
async function startOrStop(ctx: Context, tenantName: string, processorName: string, opts: Opts, action: 'start' | 'stop'): Promise<void> {
  const pathParams = { groupId: ctx.projectId(), tenantName, processorName };
  const spec: RequestSpec = {
    operationId: action === 'start' ? 'startGroupStreamProcessor' : 'stopGroupStreamProcessor',
    pathParams,
    checkWith: `atlascli stream processor get ${tenantName} ${processorName}`,
  };
  if (await dryRun(ctx, opts, spec)) return;
  const client = await ctx.client();
  const before = await client.request<Processor>(processorSpec(ctx, tenantName, processorName));
  const already = action === 'start' ? before.state === 'STARTED' : before.state !== 'STARTED';
  if (already) {
    ctx.term.info(
      action === 'start'
        ? `stream processor ${processorName} is already started: nothing to do`
        : `stream processor ${processorName} is not running (${before.state}): nothing to do`,
    );
    ctx.renderer.object(before, PROCESSOR_VIEW);
    return;
  }
  await client.request(spec);
  const after = await client.request<Processor>(processorSpec(ctx, tenantName, processorName));
  if (ctx.output === 'table') ctx.term.info(`stream processor ${processorName} ${action === 'start' ? 'started' : 'stopped'} (${after.state})`);
  ctx.renderer.object(after, PROCESSOR_VIEW);
}

export async function processorStart(ctx: Context, [tenantName, processorName]: string[], opts: Opts): Promise<void> {
  await startOrStop(ctx, tenantName!, processorName!, opts, 'start');
}

export async function processorStop(ctx: Context, [tenantName, processorName]: string[], opts: Opts): Promise<void> {
  await startOrStop(ctx, tenantName!, processorName!, opts, 'stop');
}

/** deleteGroupStreamProcessor, after a confirmation. */
export async function processorDelete(ctx: Context, [tenantName, processorName]: string[], opts: DeleteOpts): Promise<void> {
  const spec: RequestSpec = { operationId: 'deleteGroupStreamProcessor', pathParams: { groupId: ctx.projectId(), tenantName: tenantName!, processorName: processorName! } };
  if (await dryRun(ctx, opts, spec)) return;
  if (!(await confirmDestructive(ctx, `Delete stream processor ${processorName} of workspace ${tenantName}`))) return;
  const client = await ctx.client();
  if (!(await deleting(ctx, opts, `stream processor ${processorName}`, () => client.request(spec)))) return;
  ctx.renderer.done(`deleted stream processor ${processorName} of workspace ${tenantName}`, { name: processorName, deleted: true });
}
