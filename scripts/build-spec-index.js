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
//   src/spec/secrets.json     the fields the spec marks as secrets (see buildSecrets): the
//                             paths in each operation's request and response bodies, and
//                             the names that are secret wherever they appear (read by the
//                             mask of dry runs, --debug traces and error messages)
//   src/spec/operation-types.ts  the operationIds and their path parameters as TypeScript
//                             types, so that tsc rejects a mistyped operationId or path
//                             parameter (types only: nothing of it is loaded at run time)
// from MongoDB's official OpenAPI spec (../shared/atlas-api/spec.yaml by default, or
// $ATLAS_API_SPEC).
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
// ATLAS_API_SPEC points elsewhere (a git worktree has no ../shared beside it)
export const DEFAULT_SPEC = resolve(process.env.ATLAS_API_SPEC ?? resolve(here, '../../shared/atlas-api/spec.yaml'));
export const DEFAULT_OUT = resolve(here, '../src/spec');

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
const MEDIA = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2}|preview)\+(json|gzip|csv)$/;

const sortVersions = (vs) => [...new Set(vs)].sort((a, b) => (a === 'preview' ? 1 : b === 'preview' ? -1 : a < b ? -1 : a > b ? 1 : 0));

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
  '$ref',
  'type',
  'properties',
  'items',
  'required',
  'enum',
  'nullable',
  'readOnly',
  'writeOnly',
  'allOf',
  'oneOf',
  'anyOf',
  'not',
  'discriminator',
  'additionalProperties',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'minItems',
  'maxItems',
  'uniqueItems',
  'format',
  'multipleOf',
  'minProperties',
  'maxProperties',
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
      const ok = Object.keys(op.responses ?? {})
        .filter((c) => /^2\d\d$/.test(c))
        .sort();
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

// ---- secrets.json ----------------------------------------------------------------

/**
 * A property name that says it holds a credential: `password`, `secret`, `token`, `key`,
 * or a camel-case name ending in one of them (`bindPassword`, `webhookSecret`, `apiToken`,
 * `serviceAccountKey`), except public parts of a key pair (`publicKey`). Used only together
 * with a marker of the spec (writeOnly, or a schema the spec marks as holding secrets).
 */
const CREDENTIAL_NAME = /^(password|secret|token|key)$|[a-z0-9](Password|Secret|Token|Key)$/;
const PUBLIC_PART = /^public/i;
/** A description by which the spec says Atlas hides the value ("the key appears partially redacted"). */
const REDACTED = /\bredacted\b|\bobfuscated\b|never returned in plaintext/i;
/** An example value shown masked ('****************************7890', 'https://webhook.com/****'). */
const MASKED_EXAMPLE = /\*{4}/;
/** A description by which the spec says Atlas shows the value once, when it is made ("returned only the first time"). */
const SHOWN_ONCE = /only the first time after creation|only be fully populated in the response to a create|unredacted when first created/i;

function isStringSchema(spec, s) {
  const t = deref(spec, s);
  return Boolean(t) && (t.type === 'string' || (t.type === undefined && (t.format === 'password' || typeof t.example === 'string')));
}

/**
 * Why the spec marks a property as a secret by itself, or undefined:
 * - `format: password` (OpenAPI's marker for a value to hide);
 * - `writeOnly` (Atlas takes it and never gives it back) on a string whose name says it
 *   is a credential (`password`, `bindPassword`, `secretAccessKey`, `serviceAccountKey`);
 * - a description saying Atlas shows it redacted or obfuscated, or only once when it is
 *   made (an API key's private key, a service account's secret), or an example shown
 *   masked with asterisks (third-party service keys and webhook URLs).
 */
export function ownSecretMark(spec, name, prop) {
  const p = deref(spec, prop);
  if (!p || typeof p !== 'object') return undefined;
  if (p.format === 'password') return 'format: password';
  if (!isStringSchema(spec, p)) return undefined;
  if (p.writeOnly && CREDENTIAL_NAME.test(name) && !PUBLIC_PART.test(name)) return 'writeOnly credential';
  if (typeof p.description === 'string' && REDACTED.test(p.description)) return 'described as redacted';
  if (typeof p.description === 'string' && SHOWN_ONCE.test(p.description)) return 'described as shown once';
  if (typeof p.example === 'string' && MASKED_EXAMPLE.test(p.example)) return 'masked example';
  return undefined;
}

/**
 * The schemas that hold secrets: every component schema with a property the spec marks
 * (ownSecretMark), and every member of a union (oneOf, anyOf, discriminator mapping) one
 * of whose members holds secrets: the integrations (ThirdPartyIntegration: PagerDuty,
 * Slack, New Relic…), the alert notifications, encryption at rest (AWS KMS, Azure Key
 * Vault, Google Cloud KMS). Returns the set of schema objects.
 */
export function secretBearingSchemas(spec) {
  const bearing = new Set();
  const schemas = spec.components?.schemas ?? {};
  const own = (s) => Object.entries(s?.properties ?? {}).some(([n, p]) => ownSecretMark(spec, n, p));
  for (const s of Object.values(schemas)) if (own(s)) bearing.add(s);
  const unions = [];
  const visit = (s, seen = new Set()) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const members = [...(s.oneOf ?? []), ...(s.anyOf ?? [])].map((m) => deref(spec, m));
    for (const r of Object.values(s.discriminator?.mapping ?? {})) members.push(deref(spec, { $ref: r }));
    if (members.length > 1) unions.push(members.filter(Boolean));
    for (const v of Object.values(s)) if (v && typeof v === 'object') visit(v, seen);
  };
  const seen = new Set();
  for (const s of Object.values(schemas)) visit(s, seen);
  for (let changed = true; changed;) {
    changed = false;
    for (const members of unions) {
      if (!members.some((m) => bearing.has(m))) continue;
      for (const m of members) if (!bearing.has(m)) changed = Boolean(bearing.add(m));
    }
  }
  return bearing;
}

/**
 * Why a property of `owner` is a secret, or undefined: what the spec marks by itself
 * (ownSecretMark), or a string whose name says it is a credential (`licenseKey`,
 * `readToken`, `routingKey`) in a schema that holds secrets (`bearing`).
 */
export function secretMark(spec, owner, name, prop, bearing) {
  const own = ownSecretMark(spec, name, prop);
  if (own) return own;
  if (bearing.has(owner) && isStringSchema(spec, prop) && CREDENTIAL_NAME.test(name) && !PUBLIC_PART.test(name)) return 'credential in a secret-bearing schema';
  return undefined;
}

/**
 * Calls `found(path, mark)` for every secret property reachable from `schema`; a path is
 * a list of segments: property names, `[]` for the items of an array, `*` for the values
 * of a map. Unions contribute every member; a schema met again on the same path stops.
 */
export function walkSecrets(spec, schema, bearing, found, path = [], seen = new Set()) {
  let s = schema;
  if (s?.$ref) {
    if (seen.has(s.$ref) || path.length > 24) return;
    seen = new Set(seen).add(s.$ref);
    s = deref(spec, s);
  }
  if (!s || typeof s !== 'object') return;
  for (const k of ['allOf', 'oneOf', 'anyOf']) for (const part of s[k] ?? []) walkSecrets(spec, part, bearing, found, path, seen);
  for (const r of Object.values(s.discriminator?.mapping ?? {})) walkSecrets(spec, { $ref: r }, bearing, found, path, seen);
  if (s.items) walkSecrets(spec, s.items, bearing, found, [...path, '[]'], seen);
  if (s.additionalProperties && typeof s.additionalProperties === 'object') walkSecrets(spec, s.additionalProperties, bearing, found, [...path, '*'], seen);
  for (const [name, prop] of Object.entries(s.properties ?? {})) {
    const mark = secretMark(spec, s, name, prop, bearing);
    if (mark) found([...path, name], mark);
    else walkSecrets(spec, prop, bearing, found, [...path, name], seen);
  }
}

/**
 * The secrets of the spec, for the mask (src/atlas/mask.ts):
 * - `operations`: operationId -> { request?, response? }: the paths (lists of segments,
 *   see walkSecrets) of the secret fields of its request bodies and success answers,
 *   every version together;
 * - `names`: property names that are secret wherever the spec has them (never a plain
 *   field anywhere), masked in any JSON document, also one the spec does not describe.
 */
export function buildSecrets(spec) {
  const bearing = secretBearingSchemas(spec);
  const operations = {};
  for (const item of Object.values(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const entry = {};
      const collect = (contents, key) => {
        const paths = new Map();
        for (const content of contents) {
          for (const [ct, media] of Object.entries(content ?? {})) {
            const m = MEDIA.exec(ct);
            if (!m || m[2] !== 'json' || !media.schema) continue;
            walkSecrets(spec, media.schema, bearing, (p) => paths.set(JSON.stringify(p), p));
          }
        }
        if (paths.size) entry[key] = [...paths.keys()].sort().map((k) => paths.get(k));
      };
      collect([deref(spec, op.requestBody)?.content], 'request');
      const ok = Object.keys(op.responses ?? {}).filter((c) => /^2\d\d$/.test(c));
      collect(
        ok.map((c) => deref(spec, op.responses[c])?.content),
        'response',
      );
      if (Object.keys(entry).length) operations[op.operationId] = entry;
    }
  }
  // names: secret in every schema that has them
  const secretNames = new Set();
  const plainNames = new Set();
  const seen = new Set();
  const visit = (s) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    if (s.properties && typeof s.properties === 'object' && !Array.isArray(s.properties)) {
      for (const [name, prop] of Object.entries(s.properties)) (secretMark(spec, s, name, prop, bearing) ? secretNames : plainNames).add(name);
    }
    for (const v of Object.values(s)) if (v && typeof v === 'object') visit(v);
  };
  visit(spec.components?.schemas);
  visit(spec.paths);
  const names = [...secretNames].filter((n) => !plainNames.has(n)).sort();
  return { names, operations: sortKeys(operations) };
}

export function serializeSecrets({ names, operations }) {
  return `{\n "names": ${JSON.stringify(names)},\n "operations": ${linesObject(operations, ' ')}\n}\n`;
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
    'secrets.json': serializeSecrets(buildSecrets(spec)),
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
