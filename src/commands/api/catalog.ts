/** The operations `atlascli api list` shows: every operation of the spec index, filtered by tag and text. */
import { UsageError } from '../../errors.js';
import { operations } from '../../spec/index.js';
import { suggestionHint } from '../../args/suggest.js';
import { allDocs, operationDoc } from './docs.js';

export interface OperationRow {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  tag: string;
  deprecated?: boolean;
}

/**
 * Rows sorted by operationId. `tag`: the spec's tag, case and spaces aside
 * (`Clusters`, `cloud-backups`); an unknown tag is a usage error naming the closest.
 * `grep`: case-insensitive text in the operationId, path, summary or description.
 */
export function operationRows(filter: { tag?: string; grep?: string } = {}): OperationRow[] {
  const ops = operations();
  let rows: OperationRow[] = allDocs().map((d) => {
    const op = ops[d.operationId]!;
    return { operationId: d.operationId, method: op.method, path: op.path, summary: d.summary, tag: d.tag, ...(op.deprecated ? { deprecated: true } : {}) };
  });
  if (filter.tag !== undefined) {
    const key = tagKey(filter.tag);
    const tags = [...new Set(rows.map((r) => r.tag))].sort();
    if (!tags.some((t) => tagKey(t) === key)) throw new UsageError(`unknown tag "${filter.tag}"`, suggestionHint(filter.tag, tags, 'tags'));
    rows = rows.filter((r) => tagKey(r.tag) === key);
  }
  if (filter.grep !== undefined) {
    const needle = filter.grep.toLowerCase();
    rows = rows.filter((r) => [r.operationId, r.path, r.summary, operationDoc(r.operationId)?.description ?? ''].some((s) => s.toLowerCase().includes(needle)));
  }
  return rows.sort((a, b) => (a.operationId < b.operationId ? -1 : a.operationId > b.operationId ? 1 : 0));
}

/** Every tag of the spec, sorted. */
export function allTags(): string[] {
  return [...new Set(allDocs().map((d) => d.tag))].sort();
}

function tagKey(t: string): string {
  return t.toLowerCase().replace(/[\s_-]+/g, '');
}
