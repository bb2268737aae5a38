/**
 * Pagination over Atlas list envelopes (`results`, `totalCount`): page 1 first, then
 * the remaining pages concurrently (bounded), joined and handed on in page order.
 */

/** The API's maximum page size. */
export const MAX_PAGE_SIZE = 500;

export interface ListOptions<T> {
  /** Stop after this many items. */
  limit?: number;
  /**
   * Called with each page's items, in order, as soon as all earlier pages are in. Items
   * handed on are not kept: the list resolves to [] and memory stays flat (`-o jsonl`).
   */
  onItems?: (items: T[]) => void;
  /** Page requests in flight at once. */
  concurrency?: number;
}

interface Page<T> {
  results?: T[];
  totalCount?: number;
}

export async function paginate<T>(fetchPage: (pageNum: number, itemsPerPage: number) => Promise<Page<T>>, options: ListOptions<T> = {}): Promise<T[]> {
  const limit = options.limit;
  const perPage = limit !== undefined && limit > 0 ? Math.min(MAX_PAGE_SIZE, limit) : MAX_PAGE_SIZE;
  const out: T[] = [];
  let count = 0;
  const emit = (items: T[]): boolean => {
    const room = limit === undefined ? items.length : Math.max(0, limit - count);
    const taken = room >= items.length ? items : items.slice(0, room);
    count += taken.length;
    if (options.onItems) {
      if (taken.length) options.onItems(taken);
    } else {
      for (const item of taken) out.push(item);
    }
    return limit !== undefined && count >= limit;
  };

  if (limit === 0) return out;
  const first = await fetchPage(1, perPage);
  const firstItems = first.results ?? [];
  if (emit(firstItems)) return out;

  if (typeof first.totalCount === 'number') {
    const wanted = limit === undefined ? first.totalCount : Math.min(first.totalCount, limit);
    const pages = Math.ceil(wanted / perPage);
    if (pages <= 1) return out;
    const results = new Array<T[] | undefined>(pages + 1);
    let next = 2;
    let flushed = 1;
    let done = false;
    const worker = async (): Promise<void> => {
      while (!done && next <= pages) {
        const pageNum = next++;
        const page = await fetchPage(pageNum, perPage);
        results[pageNum] = page.results ?? [];
        while (!done && flushed + 1 <= pages && results[flushed + 1] !== undefined) {
          flushed++;
          if (emit(results[flushed]!)) done = true;
          results[flushed] = [];
        }
      }
    };
    const concurrency = Math.max(1, options.concurrency ?? 4);
    await Promise.all(Array.from({ length: Math.min(concurrency, pages - 1) }, worker));
    return out;
  }

  // No count: walk the pages until a short one.
  let items = firstItems;
  for (let pageNum = 2; items.length === perPage; pageNum++) {
    items = (await fetchPage(pageNum, perPage)).results ?? [];
    if (emit(items)) break;
  }
  return out;
}
