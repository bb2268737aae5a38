/**
 * Define: `search-index …` arguments → checked options and request bodies. Everything
 * here throws a UsageError (exit 2) before any request is sent.
 *
 * Bodies are those of the spec's Atlas Search operations at version 2024-05-30:
 * createGroupClusterSearchIndex (SearchIndexCreateRequest: name, database,
 * collectionName, type, definition) and updateGroupClusterSearchIndex
 * (SearchIndexUpdateRequest: definition), checked against the spec's schemas
 * (src/spec/validate.ts) with the JSON pointer of what is wrong.
 */
import { UsageError } from '../../errors.js';
import { suggestionHint } from '../../args/suggest.js';
import { formatIssue, validateRequestBody, type ValidationIssue } from '../../spec/validate.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON documents
type Json = Record<string, any>;

/** The version of the search index operations this command sends (the spec's only one). */
export const SEARCH_INDEX_VERSION = '2024-05-30';

/** `--type`: the spec's SearchIndexCreateRequest.type enum; Atlas's default is search. */
export const INDEX_TYPES = ['search', 'vectorSearch'] as const;
export type IndexType = (typeof INDEX_TYPES)[number];

/** The similarity functions of a vector field (Atlas Vector Search docs, "vector" type). */
export const SIMILARITIES = ['euclidean', 'cosine', 'dotProduct'] as const;
export type Similarity = (typeof SIMILARITIES)[number];

/** Atlas Vector Search's limit on numDimensions (docs: "a value less than or equal to 8192"). */
export const MAX_DIMENSIONS = 8192;

/**
 * The field types of Atlas Search static mappings (Atlas Search docs, "Define Field
 * Mappings"; the spec leaves `Fields` an open object). `--field path:<type>` takes these.
 */
export const SEARCH_FIELD_TYPES = [
  'autocomplete',
  'boolean',
  'date',
  'dateFacet',
  'document',
  'embeddedDocuments',
  'geo',
  'knnVector',
  'number',
  'numberFacet',
  'objectId',
  'string',
  'stringFacet',
  'token',
  'uuid',
] as const;

/** One `--field`, parsed: a vector or filter field of a vectorSearch index, or a mapped field of a search index. */
export type FieldSpec =
  | { kind: 'vector'; path: string; numDimensions: number; similarity: Similarity; raw: string }
  | { kind: 'filter'; path: string; raw: string }
  | { kind: 'search'; path: string; type: string; raw: string };

const FIELD_HINT = 'give path:<type> (search), path:vector:<dims>:<similarity> or path:filter (vectorSearch), e.g. --field plot_embedding:vector:1536:cosine';

/**
 * `--field` as commander reads it (repeatable): `title:string`, `genres:token`,
 * `plot_embedding:vector:1536:cosine`, `year:filter`. Checked as it is read.
 * @throws UsageError for an empty path, an unknown type, dimensions that are not a whole
 *   number from 1 to MAX_DIMENSIONS, an unknown similarity, or extra parts
 */
export function parseField(value: string, previous: FieldSpec[] = []): FieldSpec[] {
  const parts = value.split(':');
  const path = parts[0]!.trim();
  if (!path || parts.length < 2) throw new UsageError(`invalid --field "${value}"`, FIELD_HINT);
  if (path.split('.').some((p) => p === '')) throw new UsageError(`invalid --field "${value}": the path "${path}" has an empty part`, 'a nested path is written a.b.c');
  const type = parts[1]!.trim();
  if (type === 'vector') {
    if (parts.length !== 4) throw new UsageError(`invalid --field "${value}": a vector field is path:vector:<dims>:<similarity>`, 'e.g. --field plot_embedding:vector:1536:cosine');
    const dims = parts[2]!.trim();
    if (!/^\d+$/.test(dims) || Number(dims) < 1 || Number(dims) > MAX_DIMENSIONS) {
      throw new UsageError(`invalid --field "${value}": the dimensions must be a whole number from 1 to ${MAX_DIMENSIONS}, not "${dims}"`);
    }
    const sim = parts[3]!.trim();
    const similarity = SIMILARITIES.find((s) => s.toLowerCase() === sim.toLowerCase());
    if (!similarity) throw new UsageError(`invalid --field "${value}": unknown similarity "${sim}"`, suggestionHint(sim, SIMILARITIES, 'similarities'));
    return [...previous, { kind: 'vector', path, numDimensions: Number(dims), similarity, raw: value }];
  }
  if (type === 'filter') {
    if (parts.length !== 2) throw new UsageError(`invalid --field "${value}": a filter field is path:filter`);
    return [...previous, { kind: 'filter', path, raw: value }];
  }
  const known = SEARCH_FIELD_TYPES.find((t) => t.toLowerCase() === type.toLowerCase());
  if (!known) throw new UsageError(`invalid --field "${value}": unknown field type "${type}"`, suggestionHint(type, [...SEARCH_FIELD_TYPES, 'vector', 'filter'], 'field types'));
  if (parts.length !== 2) throw new UsageError(`invalid --field "${value}": a search field is path:<type>`, FIELD_HINT);
  return [...previous, { kind: 'search', path, type: known, raw: value }];
}

/** `--type vectorsearch` → `vectorSearch`; undefined when not given. */
export function parseIndexType(value: string | undefined): IndexType | undefined {
  if (value === undefined) return undefined;
  const t = INDEX_TYPES.find((x) => x.toLowerCase() === value.trim().toLowerCase());
  if (!t) throw new UsageError(`invalid --type "${value}"`, suggestionHint(value, INDEX_TYPES, 'types'));
  return t;
}

/**
 * The definition `--field`s make. vectorSearch: `{fields: [{type: 'vector', path,
 * numDimensions, similarity}, {type: 'filter', path}…]}` in the order given, at least one
 * vector field (the spec: "You must define at least one vector type field"). search:
 * static mappings (`dynamic: false`) with nested paths as `document` fields (a path once:
 * the spec's Fields schema is one object); no field at all: dynamic mappings.
 */
export function definitionFromFields(type: IndexType, fields: readonly FieldSpec[]): Json {
  if (type === 'vectorSearch') {
    const wrong = fields.find((f) => f.kind === 'search');
    if (wrong)
      throw new UsageError(
        `--field "${wrong.raw}" is a search field, not one of a vectorSearch index`,
        'a vectorSearch index takes path:vector:<dims>:<similarity> and path:filter',
      );
    if (!fields.some((f) => f.kind === 'vector')) {
      throw new UsageError('a vectorSearch index needs a vector field', 'give --field <path>:vector:<dims>:<similarity>, e.g. --field plot_embedding:vector:1536:cosine');
    }
    const seen = new Set<string>();
    for (const f of fields) {
      if (seen.has(f.path)) throw new UsageError(`--field: the path "${f.path}" is given twice`, 'a vectorSearch index indexes each path once');
      seen.add(f.path);
    }
    return {
      fields: fields.map((f) =>
        f.kind === 'vector' ? { type: 'vector', path: f.path, numDimensions: f.numDimensions, similarity: f.similarity } : { type: 'filter', path: f.path },
      ),
    };
  }
  const wrong = fields.find((f) => f.kind !== 'search');
  if (wrong) throw new UsageError(`--field "${wrong.raw}" is a vectorSearch field`, 'add --type vectorSearch for a vector index');
  if (!fields.length) return { mappings: { dynamic: true } };
  const root: Json = {};
  for (const f of fields as Extract<FieldSpec, { kind: 'search' }>[]) addMapping(root, f.path.split('.'), f);
  return { mappings: { dynamic: false, fields: root } };
}

function addMapping(fields: Json, parts: string[], f: Extract<FieldSpec, { kind: 'search' }>): void {
  const [head, ...rest] = parts as [string, ...string[]];
  if (!rest.length) {
    if (fields[head] !== undefined) {
      // Atlas's docs allow an array of types for one field, but the spec's Fields schema is one object
      throw new UsageError(`--field: "${f.path}" is given twice`, 'a path takes one type from flags (the spec maps a field to one object)');
    }
    fields[head] = { type: f.type };
    return;
  }
  let doc = fields[head];
  if (doc === undefined) doc = fields[head] = { type: 'document', fields: {} };
  if (Array.isArray(doc) || doc.type !== 'document') {
    throw new UsageError(`--field "${f.raw}": "${head}" is mapped as a field already, so it cannot also hold "${rest.join('.')}"`);
  }
  addMapping(doc.fields, rest, f);
}

/** The index type a definition is for: `fields` (of any shape) without `mappings` is vectorSearch, anything else search. */
export function typeOfDefinition(def: unknown): IndexType {
  const d = def as Json | undefined;
  return d && typeof d === 'object' && d.fields !== undefined && d.mappings === undefined ? 'vectorSearch' : 'search';
}

function refusal(what: string, issues: ValidationIssue[], hint: string): UsageError {
  const shown = issues.slice(0, 5).map(formatIssue).join('; ');
  return new UsageError(`${what} does not match the spec's schema: ${shown}${issues.length > 5 ? `; and ${issues.length - 5} more` : ''}`, hint);
}

/**
 * Checks a create body against the spec's createGroupClusterSearchIndex schema. Without
 * `type`, Atlas builds a search index, so the definition is checked as one (the body is
 * sent as given).
 * @throws UsageError naming each JSON pointer that is wrong
 */
export function checkCreateBody(body: Json, source: string): void {
  const checked = body.type === undefined ? { ...body, type: 'search' } : body;
  const issues = validateRequestBody('createGroupClusterSearchIndex', SEARCH_INDEX_VERSION, checked);
  if (issues.length) throw refusal(source, issues, 'atlascli api createGroupClusterSearchIndex --help describes the request');
}

/**
 * Checks an update body ({definition}) against the spec's updateGroupClusterSearchIndex
 * schema. The schema's definition is one of the text and the vector definitions; when it
 * matches neither, the issues shown are those of the one it is meant to be (`type`,
 * else its shape: typeOfDefinition), which is the same schema create uses for that type.
 * @throws UsageError naming each JSON pointer that is wrong
 */
export function checkUpdateBody(body: Json, type: IndexType, source: string): void {
  const issues = validateRequestBody('updateGroupClusterSearchIndex', SEARCH_INDEX_VERSION, body);
  if (!issues.length) return;
  const asCreate = validateRequestBody('createGroupClusterSearchIndex', SEARCH_INDEX_VERSION, { name: 'n', database: 'd', collectionName: 'c', type, definition: body.definition });
  const own = asCreate.filter((i) => i.pointer === '/definition' || i.pointer.startsWith('/definition/'));
  throw refusal(source, own.length ? own : issues, `the definition of a ${type} index; atlascli api updateGroupClusterSearchIndex --help describes the request`);
}

/** What `search-index create` was given: a file, or flags. */
export interface CreateFlags {
  file?: string;
  name?: string;
  db?: string;
  collection?: string;
  type?: string;
  field?: FieldSpec[];
}

/**
 * The create body from flags: `{name, database, collectionName, type, definition}`.
 * @throws UsageError when --name, --db or --collection is missing, or --field and --type disagree
 */
export function createBodyFromFlags(f: CreateFlags): Json {
  const missing = (['name', 'db', 'collection'] as const).filter((k) => f[k] === undefined).map((k) => `--${k}`);
  if (missing.length) {
    throw new UsageError(`missing ${missing.join(', ')}`, 'give --name, --db and --collection (and --field…), or --file <def.json>');
  }
  const type = parseIndexType(f.type) ?? 'search';
  return { name: f.name, database: f.db, collectionName: f.collection, type, definition: definitionFromFields(type, f.field ?? []) };
}

/** --file and the flags that describe an index are one or the other. */
export function checkFileOrFlags(f: CreateFlags): void {
  if (f.file === undefined) return;
  const given = (['name', 'db', 'collection', 'type'] as const).filter((k) => f[k] !== undefined).map((k) => `--${k}`);
  if (f.field?.length) given.push('--field');
  if (given.length)
    throw new UsageError(`--file cannot be combined with ${given.join(', ')}`, 'the file holds the whole request: name, database, collectionName, type and definition');
}

/** The keys of a create body; an update file may be one (its definition is what is sent). */
const CREATE_KEYS = new Set(['name', 'database', 'collectionName', 'type', 'definition']);

/**
 * The update body from a file: `{definition}` as the spec has it, or a create file
 * (name, database, collectionName, type, definition), whose definition is sent.
 * @returns the body and the index type its definition is for
 */
export function updateBodyFromFile(doc: Json, source: string): { body: Json; type: IndexType } {
  const keys = Object.keys(doc);
  if (!('definition' in doc)) {
    throw new UsageError(`${source} has no "definition"`, 'the file is {"definition": {…}} (or a create file with name, database, collectionName, type and definition)');
  }
  const extra = keys.filter((k) => k !== 'definition' && !CREATE_KEYS.has(k));
  if (extra.length) throw new UsageError(`${source}: /${extra[0]}: unknown attribute`, 'the file is {"definition": {…}}');
  if (doc.type !== undefined && !(INDEX_TYPES as readonly unknown[]).includes(doc.type)) {
    throw new UsageError(`${source}: /type: must be one of ${INDEX_TYPES.join(', ')}`);
  }
  const type: IndexType = doc.type ?? typeOfDefinition(doc.definition);
  const body = { definition: doc.definition };
  checkUpdateBody(body, type, source);
  return { body, type };
}
