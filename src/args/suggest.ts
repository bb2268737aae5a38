/**
 * "Did you mean …": the closest names to a mistyped one (metric names, event types),
 * by edit distance (fastest-levenshtein), for the hint of a usage error.
 */
import { distance } from 'fastest-levenshtein';

/**
 * Up to `max` candidates close to `value` (case-insensitive), closest first: those within
 * an edit distance of a third of the name (at least 2), and those that contain it.
 */
export function closestNames(value: string, candidates: readonly string[], max = 3): string[] {
  const v = value.toUpperCase();
  const limit = Math.max(2, Math.floor(v.length / 3));
  return candidates
    .map((c) => {
      const u = c.toUpperCase();
      const d = distance(v, u);
      return { c, d: u.includes(v) || v.includes(u) ? Math.min(d, limit) - 0.5 : d };
    })
    .filter((x) => x.d <= limit)
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c))
    .slice(0, max)
    .map((x) => x.c);
}

/** A hint naming the closest names, or all of them when there are few. */
export function suggestionHint(value: string, candidates: readonly string[], what: string): string {
  const close = closestNames(value, candidates);
  if (close.length) return `did you mean ${close.join(', ')}?`;
  if (candidates.length <= 12) return `${what}: ${candidates.join(', ')}`;
  return `${candidates.length} ${what}; see --help`;
}
