import type { View } from '../../output/render.js';

type Workspace = { dataProcessRegion?: { cloudProvider?: string; region?: string }; streamConfig?: { tier?: string } };
type Connection = { type?: string; clusterName?: string; bootstrapServers?: string; url?: string };
type Stage = Record<string, { connectionName?: string; into?: { connectionName?: string } } | undefined>;
type Processor = { pipeline?: Stage[] };

export const WORKSPACE_VIEW: View = {
  empty: 'stream workspaces',
  columns: [
    { header: 'name', value: 'name', identifier: true },
    { header: 'provider', value: (w: Workspace) => w?.dataProcessRegion?.cloudProvider },
    { header: 'region', value: (w: Workspace) => w?.dataProcessRegion?.region },
    { header: 'tier', value: (w: Workspace) => w?.streamConfig?.tier },
    { header: 'id', value: '_id', identifier: true },
  ],
};

/** What a connection reaches: its cluster, its brokers or its URL. */
export function connectionTarget(c: Connection): string {
  return c?.clusterName ?? c?.bootstrapServers ?? c?.url ?? '';
}

export const CONNECTION_VIEW: View = {
  empty: 'stream connections',
  columns: [
    { header: 'name', value: 'name', identifier: true },
    { header: 'type', value: 'type' },
    { header: 'state', value: 'state' },
    { header: 'target', value: connectionTarget },
  ],
};

/** `sample_stream_solar → Cluster0`: the connection of its $source and of its sink ($merge, $emit). */
export function processorFlow(p: Processor): string {
  const stages = Array.isArray(p?.pipeline) ? p.pipeline : [];
  const source = stages.find((s) => s?.$source)?.$source?.connectionName;
  const sinkStage = stages.find((s) => s?.$merge || s?.$emit);
  const sink = sinkStage?.$merge?.into?.connectionName ?? sinkStage?.$emit?.connectionName;
  return source || sink ? `${source ?? '?'} → ${sink ?? '?'}` : '';
}

export const PROCESSOR_VIEW: View = {
  empty: 'stream processors',
  columns: [
    { header: 'name', value: 'name', identifier: true },
    { header: 'state', value: 'state' },
    { header: 'flow', value: processorFlow },
    { header: 'id', value: '_id', identifier: true },
  ],
};
