#!/usr/bin/env node
// Builds the compact spec index the CLI and the simulator use at run time:
//   src/spec/operations.json  every operation: method, path, versions, query params
//   src/spec/schemas.json     request-body and response schemas of every operation, per
//                             version (+ the components they reach), slimmed to what a
//                             validator or a field check reads
//   src/spec/api-docs.json    what `atlascli api` shows and checks beyond operations.json:
//                             tag, summary and a short description of every operation,
//                             its parameters' descriptions and path-parameter schemas
//                             (read only on the `api` command's path)
//   src/spec/operation-types.ts  the operationIds and their path parameters as TypeScript
//                             types, so that tsc rejects a mistyped operationId or path
//                             parameter (types only: nothing of it is loaded at run time)
// from MongoDB's official OpenAPI spec (../shared/atlas-api/spec.yaml by default).
//
//   node scripts/build-spec-index.js [spec.yaml] [outDir]
//
// Output is deterministic (sorted keys, one operation / one schema per line) so a
// regenerated index diffs cleanly. test/spec/index.test.ts checks the committed files
// are what this script produces.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_SPEC = resolve(here, '../../shared/atlas-api/spec.yaml');
export const DEFAULT_OUT = resolve(here, '../src/spec');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const MEDIA = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+(json|gzip|csv)$/;

const sortVersions = (vs) =>
  [...new Set(vs)].sort((a, b) => (a === 'preview' ? 1 : b === 'preview' ? -1 : a < b ? -1 : a > b ? 1 : 0));

function deref(spec, obj) {
  let o = obj;
  while (o && o.$ref) {
    const parts = o.$ref.replace(/^#\//, '').split('/');
    o = parts.reduce((acc, k) => acc?.[k], spec);
  }
  return o;
}

function queryParam(spec, p) {
  const s = p.schema ?? {};
  const out = { required: Boolean(p.required), type: s.type ?? 'string' };
  if (s.enum) out.enum = [...s.enum];
  if (s.type === 'array' && s.items) {
    // items may be a $ref to a named enum, or to a oneOf of enums (eventType: EventTypeForNdsGroup)
    const items = deref(spec, s.items);
    const values = enumValues(spec, items);
    if (values) {
      out.items = 'string';
      out.enum = values;
    } else if (items.type) out.items = items.type;
  }
  if (typeof s.minimum === 'number') out.min = s.minimum;
  if (typeof s.maximum === 'number') out.max = s.maximum;
  if (s.default !== undefined) out.default = s.default;
  return out;
}

/** The string values of an enum schema, or of a oneOf/anyOf made only of enums; undefined otherwise. */
function enumValues(spec, schema) {
  const s = deref(spec, schema);
  if (!s) return undefined;
  if (Array.isArray(s.enum)) return [...s.enum];
  const alternatives = s.oneOf ?? s.anyOf;
  if (!Array.isArray(alternatives)) return undefined;
  const out = [];
  for (const alt of alternatives) {
    const values = enumValues(spec, alt);
    if (!values) return undefined;
    for (const v of values) if (!out.includes(v)) out.push(v);
  }
  return out;
}

/** @returns {Record<string, any>} operationId -> compact description */
export function buildOperations(spec) {
  const ops = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id = op.operationId;
      if (!id) throw new Error(`operation without operationId: ${method} ${path}`);
      if (ops[id]) throw new Error(`duplicate operationId ${id}`);
      const versions = [];
      const formats = new Set();
      const sunset = {};
      const status = [];
      for (const [code, r0] of Object.entries(op.responses ?? {})) {
        const r = deref(spec, r0);
        if (/^2\d\d$/.test(code)) status.push(Number(code));
        for (const [ct, media] of Object.entries(r?.content ?? {})) {
          const m = MEDIA.exec(ct);
          if (!m) continue;
          versions.push(m[1]);
          formats.add(m[2]);
          if (media['x-sunset']) sunset[m[1]] = String(media['x-sunset']);
        }
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
      const query = {};
      for (const p of params.filter((x) => x.in === 'query').sort((a, b) => (a.name < b.name ? -1 : 1))) {
        query[p.name] = queryParam(spec, p);
      }
      const pathParams = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const entry = { method: method.toUpperCase(), path, versions: sortVersions(versions) };
      if (formats.has('gzip')) entry.gzip = true;
      if (formats.has('csv')) entry.csv = true;
      if (formats.has('gzip') || formats.has('csv')) entry.formats = [...formats].sort();
      const body = deref(spec, op.requestBody);
      if (body) {
        const rv = Object.keys(body.content ?? {})
          .map((ct) => MEDIA.exec(ct)?.[1])
          .filter(Boolean);
        entry.requestVersions = sortVersions(rv);
        entry.bodyRequired = Boolean(body.required);
      }
      if (Object.keys(query).length) entry.query = query;
      entry.pathParams = pathParams;
      entry.status = status.sort();
      if (Object.keys(sunset).length) entry.sunset = sortKeys(sunset);
      if (op.deprecated) entry.deprecated = true;
      if (op['x-xgen-hidden-env'] || op['x-hidden']) entry.hidden = true;
      ops[id] = entry;
    }
  }
  return sortKeys(ops);
}

// Schema keywords kept in schemas.json (everything a validator uses; descriptions,
// examples, titles and x-* extensions are dropped to keep the file small).
const SCHEMA_KEYS = new Set([
  '$ref', 'type', 'properties', 'items', 'required', 'enum', 'nullable', 'readOnly', 'writeOnly',
  'allOf', 'oneOf', 'anyOf', 'not', 'discriminator', 'additionalProperties', 'pattern',
  'minLength', 'maxLength', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum',
  'minItems', 'maxItems', 'uniqueItems', 'format', 'multipleOf', 'minProperties', 'maxProperties',
  'default',
]);

function slimSchema(s, refs) {
  if (typeof s !== 'object' || s === null) return s;
  if (Array.isArray(s)) return s.map((x) => slimSchema(x, refs));
  const out = {};
  for (const k of Object.keys(s).sort()) {
    if (!SCHEMA_KEYS.has(k)) continue;
    const v = s[k];
    if (k === '$ref') {
      refs.add(v);
      out[k] = v;
    } else if (k === 'properties') {
      out[k] = {};
      for (const name of Object.keys(v).sort()) out[k][name] = slimSchema(v[name], refs);
    } else if (k === 'items' || k === 'not' || (k === 'additionalProperties' && typeof v === 'object')) {
      out[k] = slimSchema(v, refs);
    } else if (k === 'allOf' || k === 'oneOf' || k === 'anyOf') {
      out[k] = v.map((x) => slimSchema(x, refs));
    } else if (k === 'discriminator') {
      out[k] = { propertyName: v.propertyName };
      if (v.mapping) {
        out[k].mapping = sortKeys({ ...v.mapping });
        for (const r of Object.values(v.mapping)) refs.add(r);
      }
    } else if (k === 'default') {
      // defaults are informative only; keep scalars (tiny) and drop structures
      if (typeof v !== 'object') out[k] = v;
    } else {
      out[k] = v;
    }
  }
  return out;
}

/** The JSON schema of each version of a media map ({content-type: {schema}}), slimmed. */
function perVersion(content, pending) {
  const out = {};
  for (const [ct, media] of Object.entries(content ?? {})) {
    const m = MEDIA.exec(ct);
    if (!m || m[2] !== 'json' || !media.schema) continue;
    out[m[1]] = slimSchema(media.schema, pending);
  }
  return sortKeys(out);
}

/**
 * Request-body schemas (`requests`) and success-response schemas (`responses`: the first
 * 2xx answer with a JSON body) of every operation, per version, and every component
 * schema they reach (`schemas`).
 */
export function buildSchemas(spec) {
  const requests = {};
  const responses = {};
  const pending = new Set();
  for (const item of Object.values(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const id = op.operationId;
      const body = deref(spec, op.requestBody);
      if (body) {
        const req = perVersion(body.content, pending);
        if (Object.keys(req).length) requests[id] = req;
      }
      const ok = Object.keys(op.responses ?? {}).filter((c) => /^2\d\d$/.test(c)).sort();
      for (const code of ok) {
        const res = perVersion(deref(spec, op.responses[code])?.content, pending);
        if (Object.keys(res).length) {
          responses[id] = res;
          break;
        }
      }
    }
  }
  const schemas = {};
  const seen = new Set();
  while (pending.size) {
    const ref = pending.values().next().value;
    pending.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const m = /^#\/components\/schemas\/(.+)$/.exec(ref);
    if (!m) throw new Error(`unsupported $ref ${ref}`);
    const target = spec.components.schemas[m[1]];
    if (!target) throw new Error(`dangling $ref ${ref}`);
    schemas[m[1]] = slimSchema(target, pending);
  }
  return { requests: sortKeys(requests), responses: sortKeys(responses), schemas: sortKeys(schemas) };
}

// ---- api-docs.json ---------------------------------------------------------------

const DOC_MAX = 240;

/**
 * Markdown of the spec made one plain line: links keep their text, emphasis and code
 * marks go, whitespace collapses; cut at the first sentence end after 40 characters
 * (or at DOC_MAX, on a word boundary, with an ellipsis).
 */
export function shortText(text) {
  if (typeof text !== 'string') return undefined;
  let t = text
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/\*\*|__|`/g, '')
    .replace(/\s+/g, ' ')
    .trim();
  const end = /[.!?](\s|$)/g;
  let m;
  while ((m = end.exec(t))) {
    if (m.index >= 40) {
      t = t.slice(0, m.index + 1);
      break;
    }
  }
  if (t.length > DOC_MAX) t = `${t.slice(0, t.lastIndexOf(' ', DOC_MAX - 1))}…`;
  return t || undefined;
}

/** The checks a path parameter's value must pass before it is sent (the spec's schema). */
function pathSchema(s = {}) {
  const out = { type: s.type ?? 'string' };
  for (const k of ['pattern', 'enum', 'minLength', 'maxLength']) if (s[k] !== undefined) out[k] = s[k];
  return out;
}

/**
 * What `atlascli api` shows and checks beyond operations.json:
 * - `operations`: operationId -> { tag, summary, description?, body?, params }, where
 *   `params` holds every path and query parameter in the order `api <op> --help` lists
 *   them (path parameters in path order, then query parameters by name): a short
 *   description, and for path parameters their schema (type, pattern, enum, lengths).
 *   A parameter documented exactly as in `shared` is written `1`.
 * - `shared`: the documentation of parameters most operations repeat (groupId,
 *   envelope, pretty, pageNum…), once.
 * Header parameters are left out.
 */
export function buildDocs(spec) {
  const operations = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const entry = { tag: op.tags?.[0] ?? 'Other', summary: shortText(op.summary) ?? op.operationId };
      const description = shortText(op.description);
      if (description) entry.description = description;
      const body = deref(spec, op.requestBody);
      if (body) {
        const d = shortText(body.description);
        if (d) entry.body = d;
      }
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p) => deref(spec, p));
      const byName = new Map(params.map((p) => [`${p.in} ${p.name}`, p]));
      const out = {};
      for (const [, name] of path.matchAll(/\{([^}]+)\}/g)) {
        const p = byName.get(`path ${name}`) ?? {};
        out[name] = { in: 'path', ...pathSchema(p.schema) };
        const d = shortText(p.description);
        if (d) out[name].description = d;
      }
      for (const p of params.filter((x) => x.in === 'query').sort((a, b) => (a.name < b.name ? -1 : 1))) {
        out[p.name] = { in: 'query' };
        const d = shortText(p.description ?? p.schema?.description);
        if (d) out[p.name].description = d;
      }
      entry.params = out;
      operations[op.operationId] = entry;
    }
  }
  // a parameter's most frequent documentation, when at least 20 operations repeat it
  const counts = new Map();
  for (const e of Object.values(operations)) {
    for (const [name, doc] of Object.entries(e.params)) {
      const key = `${name}\u0000${JSON.stringify(doc)}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  const shared = {};
  const best = new Map();
  for (const [key, n] of counts) {
    const name = key.slice(0, key.indexOf('\u0000'));
    if (n >= 20 && n > (best.get(name) ?? 0)) {
      best.set(name, n);
      shared[name] = JSON.parse(key.slice(name.length + 1));
    }
  }
  for (const e of Object.values(operations)) {
    for (const [name, doc] of Object.entries(e.params)) {
      if (shared[name] && JSON.stringify(shared[name]) === JSON.stringify(doc)) e.params[name] = 1;
    }
  }
  return { shared: sortKeys(shared), operations: sortKeys(operations) };
}

export function serializeDocs({ shared, operations }) {
  return `{\n "shared": ${linesObject(shared, ' ')},\n "operations": ${linesObject(operations, ' ')}\n}\n`;
}

function sortKeys(o) {
  const out = {};
  for (const k of Object.keys(o).sort()) out[k] = o[k];
  return out;
}

/** One entry per line: compact, yet a change shows as a one-line diff. */
function linesObject(obj, indent = '') {
  const keys = Object.keys(obj);
  if (!keys.length) return '{}';
  return `{\n${keys.map((k) => `${indent} ${JSON.stringify(k)}: ${JSON.stringify(obj[k])}`).join(',\n')}\n${indent}}`;
}

export function serializeOperations(ops) {
  return linesObject(ops) + '\n';
}

// ---- operation-types.ts ----------------------------------------------------------

/**
 * The TypeScript source of src/spec/operation-types.ts: an interface mapping every
 * operationId to the union of its path-parameter names (`never` when it takes none),
 * and the types derived from it (`OperationId`, `PathParams<Id>`).
 * @param ops what buildOperations returns
 */
export function serializeOperationTypes(ops) {
  const rows = Object.entries(ops).map(([id, op]) => {
    const names = op.pathParams.length ? op.pathParams.map((n) => `'${n}'`).join(' | ') : 'never';
    return `  ${/^[A-Za-z_$][\w$]*$/.test(id) ? id : `'${id}'`}: ${names};`;
  });
  return `// Generated by scripts/build-spec-index.js from the official OpenAPI spec: do not edit, run
// \`npm run spec:index\`. Types only: tsc checks every operationId and path parameter the code
// names against the spec; nothing of this file is loaded at run time.

/** Every operation of the Atlas Admin API v2: its operationId and the names of its path parameters. */
export interface OperationPathParams {
${rows.join('\n')}
}

/** An operationId of the spec (\`getGroupCluster\`). */
export type OperationId = keyof OperationPathParams;

/** The path parameters of an operation, each a string: \`PathParams<'getGroupCluster'>\` is \`{ groupId; clusterName }\`. */
export type PathParams<Id extends OperationId> = { [Name in OperationPathParams[Id]]: string };
`;
}

export function serializeSchemas({ requests, responses, schemas }) {
  return `{\n "requests": ${linesObject(requests, ' ')},\n "responses": ${linesObject(responses, ' ')},\n "schemas": ${linesObject(schemas, ' ')}\n}\n`;
}

export async function loadSpec(file = DEFAULT_SPEC) {
  const YAML = (await import('yaml')).default;
  return YAML.parse(readFileSync(file, 'utf8'), { maxAliasCount: -1 });
}

/** Returns the file contents this script would write. */
export async function buildIndex(specFile = DEFAULT_SPEC) {
  const spec = await loadSpec(specFile);
  return {
    'operations.json': serializeOperations(buildOperations(spec)),
    'schemas.json': serializeSchemas(buildSchemas(spec)),
    'api-docs.json': serializeDocs(buildDocs(spec)),
    'operation-types.ts': serializeOperationTypes(buildOperations(spec)),
  };
}

async function main() {
  const specFile = resolve(process.argv[2] ?? DEFAULT_SPEC);
  const outDir = resolve(process.argv[3] ?? DEFAULT_OUT);
  const files = await buildIndex(specFile);
  mkdirSync(outDir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(resolve(outDir, name), text);
    console.error(`wrote ${resolve(outDir, name)} (${(text.length / 1024).toFixed(0)} KiB)`);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((e) => {
    console.error(e?.stack ?? e);
    process.exit(1);
  });
}
