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

/**
 * A copy of `doc` holding only the given paths, nested as in the original, in the order
 * given; a name that is no path of the document but a column of `columns` gets that
 * column's value under its own name.
 */
export function project(doc: unknown, paths: readonly string[], columns?: readonly NamedColumn[]): Doc {
  const out: Doc = {};
  for (const path of paths) {
    if (!hasPath(doc, path)) {
      const v = fieldValue(doc, path, columns);
      if (v !== undefined) out[path] = v;
      continue;
    }
    // containers as in the document: an array where the document has one
    const parts = path.split('.');
    let target: Doc = out;
    let source: unknown = doc;
    for (const part of parts.slice(0, -1)) {
      source = getPath(source, part);
      const next = target[part];
      target = (next && typeof next === 'object' ? next : (target[part] = Array.isArray(source) ? [] : {})) as Doc;
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

/** How a column header is matched by a `--fields` name: case, spaces, `-`, `_` and `/` ignored. */
function headerKey(s: string): string {
  return s.toLowerCase().replace(/[\s_\-/]+/g, '');
}

/** A named, computed column (`tier`, `provider/region`) a `--fields` name stands for. */
export interface NamedColumn {
  header: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each column reads the document type of its own view
  value: string | ((doc: any) => unknown);
}

/** The column of `columns` whose header `field` names, if any. */
export function columnNamed<C extends NamedColumn>(columns: readonly C[] | undefined, field: string): C | undefined {
  const key = headerKey(field);
  return columns?.find((c) => headerKey(c.header) === key);
}

/**
 * The value `field` picks from a document: the dot path when the document has it, else
 * the table column of that name (`--fields name,tier`).
 */
export function fieldValue(doc: unknown, field: string, columns?: readonly NamedColumn[]): unknown {
  if (hasPath(doc, field)) return getPath(doc, field);
  const col = columnNamed(columns, field);
  if (!col) return undefined;
  return typeof col.value === 'string' ? getPath(doc, col.value) : col.value(doc);
}
