import type { View } from '../../output/render.js';

/** Measurement requests in flight at once for `metrics cluster` (30 processes: two waves). */
export const CLUSTER_CONCURRENCY = 16;

/** The short table's columns; `--fields` may name them. */
export const SUMMARY_VIEW: View = {
  columns: [
    { header: 'metric', value: 'metric' },
    { header: 'host', value: 'host' },
    { header: 'min', value: 'min' },
    { header: 'max', value: 'max' },
    { header: 'mean', value: 'mean' },
    { header: 'last', value: 'last' },
  ],
};
