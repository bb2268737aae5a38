// How long Atlas takes for each kind of change, in clock time. A manual clock takes them as
// they are, so a script under test that advances PT10M sees a new dedicated cluster IDLE, as
// it would on Atlas; the real clock compresses them 120 times (a 10-minute create takes 5 s)
// so the demo and a script run against `atlascli simulator` stay fast, in Atlas's
// proportions. A test or `--step-ms N` makes every change take N ms instead.
//
// Where the figures come from: Atlas's docs give a dedicated cluster 7–10 minutes to deploy
// and a free or Flex cluster 1–3 ("Create a Cluster"); the others are guesses of the same
// order, listed in README.md ("Guesses").

/** A kind of state change the simulator times. */
export type ChangeKind =
  | 'clusterCreate'
  | 'sharedCreate'
  | 'clusterUpdate'
  | 'clusterPause'
  | 'clusterResume'
  | 'clusterDelete'
  | 'tenantUpgrade'
  | 'accessListEntry'
  /** one step of anything else (a snapshot, a restore job, …) */
  | 'step';

const MIN = 60_000;

/** Every kind, in the order the admin endpoint lists them. */
export const CHANGE_KINDS: readonly ChangeKind[] = [
  'clusterCreate',
  'sharedCreate',
  'clusterUpdate',
  'clusterPause',
  'clusterResume',
  'clusterDelete',
  'tenantUpgrade',
  'accessListEntry',
  'step',
];

/** Atlas-like durations, ms of clock time. */
export const ATLAS_DURATIONS_MS: Readonly<Record<ChangeKind, number>> = {
  clusterCreate: 10 * MIN,
  sharedCreate: 3 * MIN,
  clusterUpdate: 7 * MIN,
  clusterPause: 5 * MIN,
  clusterResume: 7 * MIN,
  clusterDelete: 5 * MIN,
  tenantUpgrade: 10 * MIN,
  accessListEntry: 1 * MIN,
  step: 5 * MIN,
};

/** How many times faster than Atlas the real clock's changes are. */
export const REAL_CLOCK_COMPRESSION = 120;

/** The shortest change on the real clock, ms (so a state is seen at least once by a poll of a second). */
export const MIN_REAL_DURATION_MS = 1000;

/** The duration of a kind of change on a clock of that mode, ms. */
export function durationOf(kind: ChangeKind, mode: 'real' | 'manual'): number {
  const atlas = ATLAS_DURATIONS_MS[kind];
  return mode === 'manual' ? atlas : Math.max(MIN_REAL_DURATION_MS, Math.round(atlas / REAL_CLOCK_COMPRESSION));
}
