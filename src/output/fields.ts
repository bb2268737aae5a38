/** Dot-path access and projection over JSON documents (`--fields a,b.c`). */

export type Doc = Record<string, unknown>;

export function getPath(doc: unknown, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || cur === undefined) return undefined;
    if (Array.isArray(cur) && /^\d+$/.test(part)) cur = cur[Number(part)];
    else if (typeof cur === 'object') cur = (cur as Doc)[part];
    else return undefined;
  }
  return cur;
}

export function hasPath(doc: unknown, path: string): boolean {
  let cur: unknown = doc;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return false;
    if (Array.isArray(cur) && /^\d+$/.test(part)) {
      if (Number(part) >= cur.length) return false;
      cur = cur[Number(part)];
    } else {
      if (!Object.prototype.hasOwnProperty.call(cur, part)) return false;
      cur = (cur as Doc)[part];
    }
  }
  return true;
}

/** A copy of `doc` holding only the given paths, nested as in the original. */
export function project(doc: unknown, paths: readonly string[]): Doc {
  const out: Doc = {};
  for (const path of paths) {
    if (!hasPath(doc, path)) continue;
    const parts = path.split('.');
    let target = out;
    for (const part of parts.slice(0, -1)) {
      const next = target[part];
      target = (next && typeof next === 'object' ? next : (target[part] = {})) as Doc;
    }
    target[parts[parts.length - 1]!] = getPath(doc, path);
  }
  return out;
}

/**
 * Leaf paths of a document, objects flattened with dots; arrays stay whole (a cell
 * shows them joined), so `--format full` has one column per field.
 */
export function leafPaths(doc: unknown, prefix = ''): string[] {
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return prefix ? [prefix] : [];
  const keys = Object.keys(doc as Doc);
  if (keys.length === 0) return prefix ? [prefix] : [];
  return keys.flatMap((k) => leafPaths((doc as Doc)[k], prefix ? `${prefix}.${k}` : k));
}

/** Union of leaf paths over many documents, in first-seen order. */
export function unionLeafPaths(docs: readonly unknown[]): string[] {
  const seen = new Set<string>();
  for (const d of docs) for (const p of leafPaths(d)) seen.add(p);
  return [...seen];
}
