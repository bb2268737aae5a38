/**
 * Field paths in the documents an operation answers with, read from the response
 * schemas of the spec index: what `--fields a,b.c` is checked against before any
 * request is sent.
 */
import { newestVersion, responseSchema, schemaIndex, type JsonSchema } from './index.js';

const REF = '#/components/schemas/';
const MAX_DEPTH = 40;

function deref(s: JsonSchema | undefined): JsonSchema | undefined {
  let cur = s;
  for (let i = 0; cur && typeof cur.$ref === 'string' && i < 20; i++) {
    const ref = cur.$ref as string;
    cur = ref.startsWith(REF) ? schemaIndex().schemas[ref.slice(REF.length)] : undefined;
  }
  return cur;
}

/** The alternatives a schema stands for: itself, and its allOf/oneOf/anyOf/discriminator members. */
function alternatives(s: JsonSchema): JsonSchema[] {
  const out: JsonSchema[] = [];
  for (const k of ['allOf', 'oneOf', 'anyOf'] as const) {
    const list = s[k];
    if (Array.isArray(list)) for (const x of list as JsonSchema[]) out.push(x);
  }
  const mapping = (s.discriminator as { mapping?: Record<string, string> } | undefined)?.mapping;
  if (mapping) for (const ref of Object.values(mapping)) out.push({ $ref: ref });
  return out;
}

function isOpen(s: JsonSchema): boolean {
  return !s.properties && !s.items && !alternatives(s).length && s.additionalProperties === undefined && (s.type === undefined || s.type === 'object');
}

/**
 * Whether `parts` (a dot path split on dots; array elements addressed by index) names
 * a field of documents of `schema`. Free-form objects accept any path below them.
 */
export function schemaHasPath(schema: JsonSchema | undefined, parts: readonly string[], depth = 0, seen: ReadonlySet<string> = new Set()): boolean {
  const within = enter(schema, seen);
  const s = within && deref(schema);
  if (!within || !s || depth > MAX_DEPTH) return false;
  if (parts.length === 0) return true;
  if (alternatives(s).some((alt) => schemaHasPath(alt, parts, depth + 1, within))) return true;
  const [head, ...rest] = parts as [string, ...string[]];
  if (s.type === 'array' || s.items) return /^\d+$/.test(head) && schemaHasPath(s.items as JsonSchema, rest, depth + 1);
  const props = s.properties as Record<string, JsonSchema> | undefined;
  if (props && Object.prototype.hasOwnProperty.call(props, head)) return schemaHasPath(props[head], rest, depth + 1);
  const extra = s.additionalProperties;
  if (extra === true) return true;
  if (extra && typeof extra === 'object') return schemaHasPath(extra as JsonSchema, rest, depth + 1);
  return isOpen(s);
}

/**
 * The schemas named on the way to `schema` among the alternatives of one document, with
 * `schema`'s own name added; undefined when it is named already. A subtype names its base
 * in allOf and the base names the subtype in its discriminator (CloudProviderContainer ⇄
 * AWSCloudProviderContainer): without this, walking the alternatives grows exponentially
 * with MAX_DEPTH. Properties start a new document, with nothing seen.
 */
function enter(schema: JsonSchema | undefined, seen: ReadonlySet<string>): ReadonlySet<string> | undefined {
  const ref = schema?.$ref;
  if (typeof ref !== 'string') return seen;
  if (seen.has(ref)) return undefined;
  return new Set([...seen, ref]);
}

/** Top-level field names of documents of `schema`, for hints. */
export function topLevelFields(schema: JsonSchema | undefined, depth = 0, seen: ReadonlySet<string> = new Set()): string[] {
  const within = enter(schema, seen);
  const s = within && deref(schema);
  if (!within || !s || depth > MAX_DEPTH) return [];
  const names = new Set(Object.keys((s.properties as Record<string, unknown> | undefined) ?? {}));
  for (const alt of alternatives(s)) for (const n of topLevelFields(alt, depth + 1, within)) names.add(n);
  return [...names];
}

/**
 * The schema of one printed document of an operation: its answer, or for a paginated
 * list (`{results: [...], totalCount}`) the schema of an item. Undefined when the spec
 * gives no JSON answer.
 *
 * Reads the newest version the operation offers, the one the client asks for.
 */
export function printedDocumentSchema(operationId: string, version = newestVersion(operationId)): JsonSchema | undefined {
  if (!version) return undefined;
  const answer = responseSchema(operationId, version);
  const s = deref(answer);
  const results = (s?.properties as Record<string, JsonSchema> | undefined)?.results;
  const r = deref(results);
  if (r && (r.type === 'array' || r.items)) {
    return r.items as JsonSchema;
  }
  return answer;
}
