/**
 * Small request bodies the spec accepts that carry a given value at a given field: for tests
 * that send every field of a kind through the CLI's own checks (`api <op>` validates a body
 * against the spec before anything is sent or printed). The generator knows a few kinds of
 * values (enums, formats, simple patterns); the caller validates what it gets.
 */
import { schemaIndex, type JsonSchema } from '../../src/spec/index.js';

type S = Record<string, any>;
const FAIL = Symbol('no instance');
/** The path goes through a read-only property: no request can carry it. */
export const NOT_SENDABLE = Symbol('read-only on the way');
type Out = unknown;

/** Values tried against a pattern the generator does not know. */
const CANDIDATES = [
  'sample',
  'sample-1',
  'Sample1',
  'a1',
  'US',
  'US_EAST_1',
  '1',
  '0123456789abcdef01234567',
  'sample.example.com',
  'CN=sample,DC=example,DC=com',
  'https://example.com/x',
  // CloudAppUser.mobileNumber: the spec writes its pattern with doubled backslashes, so it asks for literal ones
  '212\\555\\0123',
];

/** A string that matches `pattern`, or undefined. */
export function sampleForPattern(pattern: string, candidates: readonly string[] = CANDIDATES): string | undefined {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch {
    return undefined;
  }
  const hex = /^\^\(?\[(?:a-f0-9|0-9a-f)\]\)?\{(\d+)\}\)?\$$|^\^\(\[(?:a-f0-9|0-9a-f)\]\{(\d+)\}\)\$$/.exec(pattern);
  if (hex) return '0123456789abcdef'.repeat(8).slice(0, Number(hex[1] ?? hex[2]));
  return candidates.find((c) => re.test(c));
}

function resolve(s: S): S {
  let t = s;
  const seen = new Set<string>();
  while (t?.$ref) {
    if (seen.has(t.$ref)) return {};
    seen.add(t.$ref);
    t = schemaIndex().schemas[String(t.$ref).replace('#/components/schemas/', '')] as S;
  }
  return t ?? {};
}

function scalar(s: S): Out {
  if (s.enum?.length) return s.enum.find((v: unknown) => v !== null) ?? s.enum[0];
  if (s.default !== undefined && (typeof s.default !== 'string' || !s.pattern || new RegExp(s.pattern).test(s.default))) return s.default;
  switch (s.type) {
    case 'boolean':
      return false;
    case 'integer':
    case 'number': {
      let n = typeof s.minimum === 'number' ? s.minimum : 1;
      if (s.exclusiveMinimum === true) n += 1;
      if (typeof s.maximum === 'number' && n > s.maximum) n = s.maximum;
      return n;
    }
    case 'array':
      return [];
    case 'object':
      return {};
    default: {
      if (s.format === 'date-time') return '2030-01-01T00:00:00Z';
      if (s.format === 'date') return '2030-01-01';
      if (s.format === 'email') return 'someone@example.com';
      if (s.format === 'uuid') return '01234567-89ab-cdef-0123-456789abcdef';
      if (s.pattern) return sampleForPattern(s.pattern) ?? FAIL;
      return 'sample'.padEnd(typeof s.minLength === 'number' ? s.minLength : 1, 'x');
    }
  }
}

interface Walk {
  /** the value for the field, given its schema (it may have to match a pattern) */
  leaf: (schema: S) => unknown;
  /** unions being expanded: an alternative that is built on its union does not expand it again */
  unions: Set<S>;
  depth: number;
}

const deeper = (w: Walk, union?: S): Walk => ({ ...w, depth: w.depth + 1, unions: union ? new Set(w.unions).add(union) : w.unions });

/** The members of a union: oneOf, anyOf, else the discriminator's mapping. */
function members(x: S): S[] {
  const out: S[] = [...((x.oneOf ?? []) as S[]), ...((x.anyOf ?? []) as S[])];
  if (!out.length) for (const r of Object.values((x.discriminator?.mapping ?? {}) as Record<string, string>)) out.push({ $ref: r });
  return out;
}

/**
 * A value of `schema` (path null), or one with the field at `path` (segments: property
 * names, `[]` an array item, `*` a map value) set to `w.leaf`: FAIL when none was found,
 * NOT_SENDABLE when the path goes through a read-only property.
 */
function gen(schema: S, path: readonly string[] | null, w: Walk): Out {
  if (w.depth > 40) return FAIL;
  const s = resolve(schema);
  if (path !== null && path.length === 0) return w.leaf(s);
  const isObject = s.type === 'object' || s.properties || s.allOf || s.additionalProperties;
  // a union without properties of its own (regionName: {type: object, oneOf: [string enums]})
  if (s.type !== 'array' && !s.properties && !s.allOf && members(s).length && !w.unions.has(s)) {
    let result: Out = FAIL;
    for (const alt of members(s)) {
      const v = gen(alt, path, deeper(w, s));
      if (v === NOT_SENDABLE) result = NOT_SENDABLE;
      if (v === FAIL || v === NOT_SENDABLE) continue;
      return withDiscriminator(s, alt, v);
    }
    return result;
  }
  if (s.type === 'array') {
    const itemPath = path?.[0] === '[]' ? path.slice(1) : undefined;
    if (path?.length && !itemPath) return FAIL;
    const items: unknown[] = [];
    for (let i = 0; i < Math.max(s.minItems ?? 0, itemPath ? 1 : 0); i++) {
      const v = gen(s.items ?? {}, i === 0 && itemPath ? itemPath : null, deeper(w));
      if (v === FAIL || v === NOT_SENDABLE) return v;
      items.push(v);
    }
    return items;
  }
  if (!isObject) return path?.length ? FAIL : scalar(s);
  // an object: its properties and those of its allOf parts; the required ones and the path's
  const props: Record<string, S> = {};
  const required = new Set<string>();
  let extra: S | undefined;
  const alts: Array<{ union: S; alt: S }> = [];
  const collect = (x0: S, seen: Set<string>) => {
    if (x0.$ref) {
      if (seen.has(x0.$ref)) return;
      seen.add(x0.$ref);
    }
    const x = resolve(x0);
    for (const [k, v] of Object.entries((x.properties ?? {}) as Record<string, S>)) props[k] ??= v;
    for (const r of (x.required ?? []) as string[]) required.add(r);
    if (x.additionalProperties && typeof x.additionalProperties === 'object') extra = x.additionalProperties;
    for (const part of (x.allOf ?? []) as S[]) collect(part, seen);
    if (!w.unions.has(x)) for (const alt of members(x)) alts.push({ union: x, alt });
  };
  collect(schema, new Set());
  const readOnly = (p: S) => Boolean(p.readOnly || resolve(p).readOnly);
  const out: Record<string, unknown> = {};
  for (const r of required) {
    if (!props[r] || readOnly(props[r]) || (path && r === path[0])) continue;
    const v = gen(props[r], null, deeper(w));
    if (v === FAIL || v === NOT_SENDABLE) return FAIL;
    out[r] = v;
  }
  if (path === null) return out;
  const [head, ...rest] = path;
  if (head === '*' && extra) {
    const v = gen(extra, rest, deeper(w));
    return v === FAIL || v === NOT_SENDABLE ? v : { ...out, key1: v };
  }
  if (props[head!]) {
    if (readOnly(props[head!]!)) return NOT_SENDABLE;
    const v = gen(props[head!]!, rest, deeper(w));
    return v === FAIL || v === NOT_SENDABLE ? v : { ...out, [head!]: v };
  }
  // the field is in one of the alternatives
  let result: Out = FAIL;
  for (const { union, alt } of alts) {
    const v = gen(alt, path, deeper(w, union));
    if (v === NOT_SENDABLE) result = NOT_SENDABLE;
    if (v !== FAIL && v !== NOT_SENDABLE && v && typeof v === 'object') return withDiscriminator(union, alt, { ...out, ...(v as object) });
  }
  return result;
}

/** Sets the discriminator property of `union` to the value that selects `alt`. */
function withDiscriminator(union: S, alt: S, value: unknown): unknown {
  const d = union.discriminator;
  if (!d || !value || typeof value !== 'object') return value;
  const key = Object.entries((d.mapping ?? {}) as Record<string, string>).find(([, r]) => r === alt.$ref)?.[0];
  const own = resolve(resolve(alt).properties?.[d.propertyName] ?? {});
  const chosen = key ?? own.enum?.[0];
  return chosen === undefined ? value : { ...(value as object), [d.propertyName]: chosen };
}

/**
 * A body of `schema` with the field at `path` set to `leaf(fieldSchema)`: the body,
 * NOT_SENDABLE when a read-only property is on the way, or undefined when none was found.
 */
export function instanceWith(schema: JsonSchema, path: readonly string[], leaf: (schema: S) => unknown): unknown {
  const v = gen(schema as S, [...path], { leaf, unions: new Set(), depth: 0 });
  return v === FAIL ? undefined : v;
}
