/** The body of `cluster advanced set` (processArgs, version 2024-08-05 shape). */
import { parseCount } from '../../program/context.js';
import { UsageError } from '../../errors.js';
import { parseBool } from '../shared.js';
import type { Json } from './body.js';
import { parseOplogMb, parseTls } from './validate.js';
import { ADVANCED_SETTINGS } from './views.js';

export interface AdvancedOptions {
  minTls?: string;
  javascriptEnabled?: string;
  noTableScan?: string;
  oplogSizeMb?: string;
  sampleSizeBiConnector?: string;
  sampleRefreshIntervalBiConnector?: string;
  dryRun?: boolean;
}

/** The processArgs body of `cluster advanced set`; a usage error when no flag is given. */
export function advancedBody(o: AdvancedOptions): Json {
  const body: Json = {};
  if (o.minTls !== undefined) body.minimumEnabledTlsProtocol = parseTls(o.minTls);
  if (o.javascriptEnabled !== undefined) body.javascriptEnabled = parseBool('--javascript-enabled', o.javascriptEnabled);
  if (o.noTableScan !== undefined) body.noTableScan = parseBool('--no-table-scan', o.noTableScan);
  if (o.oplogSizeMb !== undefined) body.oplogSizeMB = parseOplogMb(o.oplogSizeMb);
  if (o.sampleSizeBiConnector !== undefined) body.sampleSizeBIConnector = parseCount('--sample-size-bi-connector', o.sampleSizeBiConnector);
  if (o.sampleRefreshIntervalBiConnector !== undefined) {
    body.sampleRefreshIntervalBIConnector = parseCount('--sample-refresh-interval-bi-connector', o.sampleRefreshIntervalBiConnector);
  }
  if (Object.keys(body).length === 0) {
    throw new UsageError('nothing to change', `give at least one of: ${ADVANCED_SETTINGS.map((s) => `--${s.flag}`).join(', ')}`);
  }
  return body;
}
