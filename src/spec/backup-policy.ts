/**
 * What the spec says of a cloud backup schedule's policy items (DiskBackupApiPolicyItem),
 * for the CLI (`backup schedule set`, src/commands/backup/policy.ts) and the simulator
 * (src/simulator/resources/backup.ts) alike.
 */

/** frequencyType values of scheduled snapshots, most frequent first. */
export const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly', 'yearly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

/**
 * The frequencyInterval values Atlas accepts per frequencyType (spec,
 * DiskBackupApiPolicyItem.frequencyInterval): hourly every 1, 2, 4, 6, 8 or 12 hours; daily 1;
 * weekly 1 (Monday) … 7 (Sunday); monthly day 1 … 28, or 40 for the last day; yearly month 1 … 12.
 */
export const INTERVALS: Record<Frequency, readonly number[]> = {
  hourly: [1, 2, 4, 6, 8, 12],
  daily: [1],
  weekly: [1, 2, 3, 4, 5, 6, 7],
  monthly: [...Array.from({ length: 28 }, (_, i) => i + 1), 40],
  yearly: Array.from({ length: 12 }, (_, i) => i + 1),
};

/** Where a frequencyType stands among FREQUENCIES (0 hourly … 4 yearly; -1 for another value). */
export const frequencyRank = (it: { frequencyType: string }): number => FREQUENCIES.indexOf(it.frequencyType as Frequency);

/** Days per retentionUnit, to compare retentions (a month as 30 days, a year as 365: the simulator's reading). */
const UNIT_DAYS: Record<string, number> = { days: 1, weeks: 7, months: 30, years: 365 };

export interface RetentionItem {
  frequencyType: string;
  retentionUnit: string;
  retentionValue: number;
}

/**
 * The first pair of items that breaks the spec's rule "for less frequent policy items, a
 * retention greater than or equal to the more frequent ones" (DiskBackupApiPolicyItem.
 * retentionValue): `rare` is the less frequent item, `frequent` the more frequent one that
 * keeps its snapshots longer. Undefined when the items keep the rule.
 */
export function retentionConflict<T extends RetentionItem>(items: readonly T[]): { frequent: T; rare: T } | undefined {
  const days = (it: T) => it.retentionValue * (UNIT_DAYS[it.retentionUnit] ?? 1);
  for (const frequent of items) {
    for (const rare of items) if (frequencyRank(rare) > frequencyRank(frequent) && days(rare) < days(frequent)) return { frequent, rare };
  }
  return undefined;
}
