/**
 * Define: `stream instance create` values → checked options, from the spec's enums
 * (StreamsDataProcessRegion.cloudProvider, ApiStreamsAWSRegionView, ApiStreamsAzureRegionView,
 * ApiStreamsGCPRegionView, StreamConfig.tier). Everything here throws a UsageError (exit 2)
 * before any request is sent.
 */
import { requiredFlag } from '../../args/checks.js';
import { UsageError } from '../../errors.js';
import { suggestionHint } from '../../args/suggest.js';

/** The clouds a stream workspace runs on (the spec also lists TENANT and SERVERLESS, which are not places one creates it). */
export const STREAM_PROVIDERS = ['AWS', 'AZURE', 'GCP'] as const;
export type StreamProvider = (typeof STREAM_PROVIDERS)[number];

/** The regions of each cloud, spelled as the spec spells them (AWS and GCP upper case, Azure lower case). */
export const STREAM_REGIONS: Readonly<Record<StreamProvider, readonly string[]>> = {
  AWS: [
    'SYDNEY_AUS',
    'MUMBAI_IND',
    'FRANKFURT_DEU',
    'DUBLIN_IRL',
    'LONDON_GBR',
    'VIRGINIA_USA',
    'OHIO_USA',
    'OREGON_USA',
    'SAOPAULO_BRA',
    'MONTREAL_CAN',
    'TOKYO_JPN',
    'SINGAPORE_SGP',
    'PARIS_FRA',
    'SEOUL_KOR',
  ],
  AZURE: ['eastus', 'westus', 'eastus2', 'westeurope', 'brazilsouth', 'australiaeast'],
  GCP: ['US_CENTRAL1', 'EUROPE_WEST1', 'US_EAST4'],
};

/** StreamConfig.tier, smallest first. */
export const STREAM_TIERS = ['SP2', 'SP5', 'SP10', 'SP30', 'SP50'] as const;

/** `--provider aws` → `AWS`; default AWS. */
export function parseStreamProvider(value: string | undefined): StreamProvider {
  if (value === undefined) return 'AWS';
  const v = value.trim().toUpperCase();
  const found = STREAM_PROVIDERS.find((p) => p === v);
  if (!found) throw new UsageError(`invalid --provider "${value}"`, suggestionHint(v, STREAM_PROVIDERS, 'providers'));
  return found;
}

/** `--region virginia_usa` → `VIRGINIA_USA` (for AWS): a region of the provider's list, matched without regard to case. */
export function parseStreamRegion(provider: StreamProvider, value: string | undefined): string {
  const offered = STREAM_REGIONS[provider];
  value = requiredFlag(value, '--region', `stream regions of ${provider}: ${offered.join(', ')}`);
  const found = offered.find((r) => r.toLowerCase() === value.trim().toLowerCase());
  if (found) return found;
  const elsewhere = STREAM_PROVIDERS.find((p) => p !== provider && STREAM_REGIONS[p].some((r) => r.toLowerCase() === value.trim().toLowerCase()));
  if (elsewhere) throw new UsageError(`--region ${value} is a stream region of ${elsewhere}, not of ${provider}`, `add --provider ${elsewhere}`);
  throw new UsageError(`${provider} has no stream region "${value}"`, suggestionHint(value.trim().toUpperCase(), offered, `stream regions of ${provider}`));
}

/** `--tier sp10` → `SP10`; undefined lets Atlas choose. */
export function parseStreamTier(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const v = value.trim().toUpperCase();
  const found = STREAM_TIERS.find((t) => t === v);
  if (!found) throw new UsageError(`invalid --tier "${value}"`, `stream tiers: ${STREAM_TIERS.join(', ')}`);
  return found;
}
