/**
 * The backup policy grammar of `backup schedule set --policy` (and how `schedule get`
 * shows policy items):
 *
 *   <frequency>:<interval>:<retention>      e.g. hourly:6:2d  daily:1:7d  weekly:6:4w  monthly:40:12m  yearly:12:1y
 *   <frequency>:none                        drops every item of that frequency
 *
 * - frequency: hourly, daily, weekly, monthly or yearly (Atlas's frequencyType);
 * - interval (frequencyInterval): hourly every 1, 2, 4, 6, 8 or 12 hours; daily 1;
 *   weekly the day, 1 (Monday) … 7 (Sunday) or mon … sun; monthly the day, 1 … 28, or
 *   40 / last for the last day; yearly the month, 1 … 12 (spec, DiskBackupApiPolicyItem);
 * - retention (retentionValue + retentionUnit): a whole number followed by d (days),
 *   w (weeks), m (months) or y (years).
 *
 * The items given replace every current item of the frequencies they name; items of
 * other frequencies stay as they are.
 */
import { UsageError } from '../../errors.js';
import { FREQUENCIES, frequencyRank, INTERVALS, retentionConflict, type Frequency } from '../../spec/backup-policy.js';

const INTERVAL_HELP: Record<Frequency, string> = {
  hourly: 'every 1, 2, 4, 6, 8 or 12 hours',
  daily: '1 (every day)',
  weekly: '1 (Monday) … 7 (Sunday), or mon … sun',
  monthly: 'the day, 1 … 28, or 40 or last for the last day',
  yearly: 'the month, 1 … 12',
};

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const UNITS = { d: 'days', w: 'weeks', m: 'months', y: 'years' } as const;
type Unit = (typeof UNITS)[keyof typeof UNITS];
const UNIT_LETTER: Record<Unit, string> = { days: 'd', weeks: 'w', months: 'm', years: 'y' };

/** A policy item as Atlas has it (DiskBackupApiPolicyItem); `id` for items that exist already. */
export interface PolicyItem {
  frequencyInterval: number;
  frequencyType: string;
  id?: string;
  retentionUnit: string;
  retentionValue: number;
}

/** One `--policy` value: items of a frequency, or its removal. */
export type PolicySpec = { frequency: Frequency; item: PolicyItem } | { frequency: Frequency; remove: true };

const GRAMMAR_HINT = 'use <frequency>:<interval>:<retention> such as daily:1:7d, hourly:6:2d, weekly:6:4w, monthly:40:12m, or <frequency>:none';

/** Parses one `--policy` value. Throws a UsageError (exit 2) naming what is wrong. */
export function parsePolicy(value: string): PolicySpec {
  const parts = value.trim().toLowerCase().split(':');
  const bad = (why: string, hint = GRAMMAR_HINT) => new UsageError(`invalid --policy "${value}": ${why}`, hint);
  const frequency = parts[0] as Frequency;
  if (!FREQUENCIES.includes(frequency)) throw bad(`"${parts[0]}" is not a frequency`, `frequencies: ${FREQUENCIES.join(', ')}; ${GRAMMAR_HINT}`);
  if (parts.length === 2 && parts[1] === 'none') return { frequency, remove: true };
  if (parts.length !== 3) throw bad('expected three parts separated by colons');
  const interval = parseInterval(frequency, parts[1]!);
  if (interval === undefined || !INTERVALS[frequency].includes(interval)) {
    throw bad(`"${parts[1]}" is not an interval of a ${frequency} policy`, `${frequency} intervals: ${INTERVAL_HELP[frequency]}`);
  }
  const r = /^(\d+)([dwmy])$/.exec(parts[2]!);
  if (!r) throw bad(`"${parts[2]}" is not a retention`, 'give a whole number and a unit: 7d (days), 4w (weeks), 12m (months), 1y (years)');
  const retentionValue = Number(r[1]);
  if (retentionValue < 1) throw bad('the retention must be at least 1');
  return {
    frequency,
    item: { frequencyInterval: interval, frequencyType: frequency, retentionUnit: UNITS[r[2] as keyof typeof UNITS], retentionValue },
  };
}

function parseInterval(frequency: Frequency, text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (frequency === 'weekly' && WEEKDAYS.includes(text)) return WEEKDAYS.indexOf(text) + 1;
  if (frequency === 'monthly' && text === 'last') return 40;
  return undefined;
}

/** An item in the grammar of `--policy`: `daily:1:7d`. */
export function formatPolicy(item: PolicyItem): string {
  return `${item.frequencyType}:${item.frequencyInterval}:${formatRetention(item)}`;
}

/** An item's retention in the grammar of `--policy`: `7d` (an unknown unit as `7:<unit>`). */
function formatRetention(item: Pick<PolicyItem, 'retentionUnit' | 'retentionValue'>): string {
  return `${item.retentionValue}${UNIT_LETTER[item.retentionUnit as Unit] ?? `:${item.retentionUnit}`}`;
}

const same = (a: PolicyItem, b: PolicyItem) =>
  a.frequencyType === b.frequencyType && a.frequencyInterval === b.frequencyInterval && a.retentionUnit === b.retentionUnit && a.retentionValue === b.retentionValue;

/** Refuses `--policy` values that contradict each other: `weekly:none` with a weekly item, an item given twice. */
export function checkPolicySpecs(specs: readonly PolicySpec[]): void {
  for (const f of new Set(specs.map((s) => s.frequency))) {
    const forF = specs.filter((s) => s.frequency === f);
    if (forF.some((s) => 'remove' in s) && forF.length > 1) {
      throw new UsageError(`--policy ${f}:none cannot be combined with other ${f} items`);
    }
  }
  const items = specs.flatMap((s) => ('item' in s ? [s.item] : []));
  items.forEach((a, i) => {
    if (items.slice(0, i).some((b) => same(a, b))) throw new UsageError(`--policy ${formatPolicy(a)} is given twice`);
  });
}

/**
 * The policy items after applying `specs` to `current`: the frequencies named are
 * replaced by the items given (an item equal to a current one keeps its id, so Atlas
 * sees it unchanged), the others kept; sorted hourly → yearly. Returns undefined when
 * nothing changes.
 */
export function applyPolicies(current: readonly PolicyItem[], specs: readonly PolicySpec[]): PolicyItem[] | undefined {
  if (!specs.length) return undefined;
  const named = new Set(specs.map((s) => s.frequency));
  const kept = current.filter((i) => !named.has(i.frequencyType as Frequency));
  const added = specs.flatMap((s) => {
    if (!('item' in s)) return [];
    const existing = current.find((c) => same(c, s.item));
    return [existing ? { ...s.item, id: existing.id } : { ...s.item }];
  });
  const next = [...kept, ...added].sort((a, b) => frequencyRank(a) - frequencyRank(b) || a.frequencyInterval - b.frequencyInterval);
  const unchanged = next.length === current.length && next.every((n) => current.some((c) => c.id !== undefined && c.id === n.id));
  return unchanged ? undefined : next;
}

/**
 * Refuses policy items (the schedule's after `applyPolicies`) that break Atlas's rule: less
 * frequent items keep snapshots at least as long as more frequent ones (spec,
 * DiskBackupApiPolicyItem.retentionValue; Atlas answers 400 INVALID_ATTRIBUTE).
 * @throws UsageError (exit 2) naming both items
 */
export function checkRetentions(items: readonly PolicyItem[]): void {
  const conflict = retentionConflict(items);
  if (!conflict) return;
  const { frequent, rare } = conflict;
  throw new UsageError(
    `the ${rare.frequencyType} item ${formatPolicy(rare)} keeps snapshots for less time than the ${frequent.frequencyType} item ${formatPolicy(frequent)}: Atlas wants less frequent items to keep them at least as long`,
    `give --policy ${rare.frequencyType}:… a retention of at least ${formatRetention(frequent)}, or shorten the ${frequent.frequencyType} one`,
  );
}
