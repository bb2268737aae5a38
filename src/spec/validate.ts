// Validates request bodies and query parameters against the Atlas OpenAPI spec.
//
// OpenAPI 3.0 schemas are turned into JSON Schema (draft-07, for ajv) like this:
// - `nullable: true` adds null to the type (and the enum);
// - a property marked `readOnly` must not be sent: it is reported as an error;
// - `writeOnly`, `format`, `default`, `x-*` are ignored;
// - `allOf` is flattened into one object (so "unknown attribute" checks see all parts);
// - an object that declares `properties` and no `additionalProperties` is closed:
//   Atlas refuses attributes it does not know, and so do we;
// - `discriminator` dispatches on the property value to the mapped subtype; without a
//   (known) value the object is checked against the union of all subtypes;
// - `oneOf` without a discriminator is treated as `anyOf` (Atlas' own oneOfs overlap,
//   e.g. region names shared by several clouds), unless its alternatives are objects that all
//   require one property with an enum (alert configurations' eventTypeName, notifications'
//   typeName): then a document meets only the alternatives its value names.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import { operation, requestSchema, schemaIndex, type JsonSchema } from './index.js';
import { PATTERN_ERRATA } from './served.js';

export type IssueKind = 'unknown' | 'missing' | 'readOnly' | 'type' | 'enum' | 'invalid' | 'json';

export interface ValidationIssue {
  /** JSON pointer into the body ('' is the body itself), or `?name` for a query parameter */
  pointer: string;
  message: string;
  kind: IssueKind;
}

/** "/replicationSpecs/0/foo: unknown attribute" */
export function formatIssue(i: ValidationIssue): string {
  return `${i.pointer === '' ? '(body)' : i.pointer}: ${i.message}`;
}

export function formatIssues(issues: ValidationIssue[]): string {
  return issues.map(formatIssue).join('; ');
}

/** How many problems a one-line summary names. */
const SUMMARY_SHOWN = 3;
/** An issue's message is cut here in a summary (an enum of every alert event type is thousands of characters). */
const SUMMARY_MESSAGE_CHARS = 160;

/**
 * The problems of a body in one line, the most precise first: a union's "does not match any
 * allowed form" only when nothing more precise was found; at most three, each cut to 160
 * characters, then how many more (`/a/b: unknown attribute; …; and 2 more`).
 */
export function summarizeIssues(issues: ValidationIssue[]): string {
  const precise = issues.filter((i) => !(i.kind === 'invalid' && i.message === 'does not match any allowed form'));
  const shown = precise.length ? precise : issues;
  const more = shown.length > SUMMARY_SHOWN ? `; and ${shown.length - SUMMARY_SHOWN} more` : '';
  const one = (i: ValidationIssue) =>
    `${i.pointer === '' ? '(the document)' : i.pointer}: ${i.message.length > SUMMARY_MESSAGE_CHARS ? `${i.message.slice(0, SUMMARY_MESSAGE_CHARS)}…` : i.message}`;
  return `${shown.slice(0, SUMMARY_SHOWN).map(one).join('; ')}${more}`;
}

// ---- OpenAPI -> JSON Schema ----------------------------------------------------

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI schema objects, read field by field
type S = Record<string, any>;
const REF_PREFIX = '#/components/schemas/';
const COMPOSITION = ['allOf', 'oneOf', 'anyOf'];

class Converter {
  readonly definitions: Record<string, S> = {};
  constructor(private readonly components: Record<string, JsonSchema>) {}

  private target(ref: string): S {
    if (!ref.startsWith(REF_PREFIX)) throw new Error(`unsupported $ref ${ref}`);
    const name = ref.slice(REF_PREFIX.length);
    const t = this.components[name];
    if (!t) throw new Error(`schema ${name} is not in src/spec/schemas.json (rebuild the index)`);
    const fix = ERRATA[name];
    return (fix ? fix(t as S) : t) as S;
  }

  /** Returns a `$ref` to a converted named definition (converted once, recursion-safe). */
  named(ref: string): S {
    const name = ref.slice(REF_PREFIX.length);
    if (!(name in this.definitions)) {
      this.definitions[name] = {}; // placeholder for recursive references
      this.definitions[name] = this.convert(this.target(ref));
    }
    return { $ref: `#/definitions/${name}` };
  }

  convert(s: S): S {
    if (s.$ref) return this.named(s.$ref);
    if (s.discriminator && (s.oneOf || s.anyOf || s.discriminator.mapping)) return this.discriminated(s);
    // e.g. regionName: {type: object, oneOf: [{type: string, enum: [...]}, ...]}: the alternatives decide
    if ((s.oneOf || s.anyOf) && !s.properties && !s.allOf) return this.scalar({ ...s, type: undefined });
    if (isObjectLike(s) || s.allOf) {
      if (s.allOf || s.properties || s.type === 'object') return this.object(s);
    }
    return this.scalar(s);
  }

  /**
   * Alternatives: `anyOf`, unless they are objects that all require one property with a
   * bounded set of values (Atlas's alert configurations by `eventTypeName`, notifications by
   * `typeName`): then a document is checked only against the alternatives its value names
   * (one, mostly), so a mistake is reported once, where it is, instead of once for every
   * alternative; a value none names is one enum issue.
   */
  private union(alts: S[]): S {
    const key = this.implicitKey(alts);
    if (!key) return { anyOf: alts.map((x) => this.convert(x)) };
    const { name, values } = key;
    // the values that name the same alternatives, together
    const byAlts = new Map<string, { alts: number[]; values: string[] }>();
    const all = [...new Set(values.flat())];
    for (const v of all) {
      const which = values.flatMap((vs, i) => (vs.includes(v) ? [i] : []));
      const k = which.join(',');
      (byAlts.get(k) ?? byAlts.set(k, { alts: which, values: [] }).get(k)!).values.push(v);
    }
    const branches = [...byAlts.values()].map((g) => {
      const then = g.alts.length === 1 ? this.convert(alts[g.alts[0]!]!) : { anyOf: g.alts.map((i) => this.convert(alts[i]!)) };
      return { if: { properties: { [name]: { enum: g.values } }, required: [name] }, then };
    });
    return { allOf: [...branches, { if: { required: [name] }, then: { properties: { [name]: { enum: all } } }, else: { required: [name] } }] };
  }

  /** The property every alternative requires with bounded string values, and each alternative's values. */
  private implicitKey(alts: S[]): { name: string; values: string[][] } | undefined {
    if (alts.length < 2) return undefined;
    const targets = alts.map((x) => (x.$ref ? this.target(x.$ref) : x));
    if (!targets.every((t) => t.type === 'object' && t.properties && !t.allOf)) return undefined;
    const candidates = ((targets[0]!.required ?? []) as string[]).filter((n) => targets.every((t) => ((t.required ?? []) as string[]).includes(n)));
    for (const name of candidates) {
      const values = targets.map((t) => this.enumValues(t.properties[name] as S));
      if (values.every((v) => v !== undefined)) return { name, values: values as string[][] };
    }
    return undefined;
  }

  /** The string values a property may take (an enum, or alternatives of enums), or undefined when it is not so bounded. */
  private enumValues(p: S | undefined, depth = 0): string[] | undefined {
    if (!p || depth > 4) return undefined;
    if (p.$ref) return this.enumValues(this.target(p.$ref), depth + 1);
    if (Array.isArray(p.enum)) return p.enum.every((v: unknown) => typeof v === 'string') ? (p.enum as string[]) : undefined;
    const alts = (p.oneOf ?? p.anyOf) as S[] | undefined;
    if (!alts) return undefined;
    const out: string[] = [];
    for (const a of alts) {
      const v = this.enumValues(a, depth + 1);
      if (!v) return undefined;
      out.push(...v);
    }
    return out;
  }

  private scalar(s: S): S {
    const out: S = {};
    for (const k of [
      'type',
      'enum',
      'minimum',
      'maximum',
      'exclusiveMinimum',
      'exclusiveMaximum',
      'minLength',
      'maxLength',
      'minItems',
      'maxItems',
      'uniqueItems',
      'multipleOf',
      'minProperties',
      'maxProperties',
    ]) {
      if (s[k] !== undefined) out[k] = s[k];
    }
    // OpenAPI 3.0's boolean form (`minimum: 0, exclusiveMinimum: true`, as secretExpiresAfterHours
    // has it) is JSON Schema's number form (`exclusiveMinimum: 0`)
    for (const [flag, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      if (typeof out[flag] !== 'boolean') continue;
      if (out[flag] && out[bound] !== undefined) {
        out[flag] = out[bound];
        delete out[bound];
      } else delete out[flag];
    }
    // an enum listing a placeholder such as "<a custom role name>" also takes any other name
    if (Array.isArray(out.enum) && out.enum.some((v: unknown) => typeof v === 'string' && /^<.+>$/.test(v))) delete out.enum;
    if (typeof s.pattern === 'string' && validRegExp(s.pattern)) out.pattern = s.pattern;
    if (s.items) out.items = this.convert(s.items);
    if (s.not) out.not = this.convert(s.not);
    for (const k of ['oneOf', 'anyOf'] as const) {
      if (s[k]) Object.assign(out, this.union(s[k] as S[]));
    }
    if (s.additionalProperties !== undefined) {
      out.additionalProperties = typeof s.additionalProperties === 'object' ? this.convert(s.additionalProperties) : s.additionalProperties;
    }
    return nullable(s, out);
  }

  /** Collects properties/required of an object, flattening allOf (a base's discriminator is not followed). */
  private collect(s: S, acc: { props: Record<string, S[]>; required: Set<string>; extra: S | boolean | undefined; open: boolean; alt: S[] }, seen: Set<string>) {
    if (s.$ref) {
      if (seen.has(s.$ref)) return;
      seen.add(s.$ref);
      this.collect(this.target(s.$ref), acc, seen);
      return;
    }
    for (const [name, p] of Object.entries((s.properties ?? {}) as Record<string, S>)) {
      (acc.props[name] ??= []).push(p);
    }
    for (const r of (s.required ?? []) as string[]) acc.required.add(r);
    if (s.additionalProperties !== undefined) acc.extra = s.additionalProperties;
    if (!s.properties && !s.allOf && !s.$ref && (s.type === 'object' || s.type === undefined) && !s.oneOf && !s.anyOf) acc.open = true;
    for (const part of (s.allOf ?? []) as S[]) this.collect(part, acc, seen);
    if (!s.discriminator) for (const k of ['oneOf', 'anyOf']) if (s[k]) acc.alt.push(...(s[k] as S[]));
  }

  private object(s: S, knownNames: string[] = []): S {
    const acc = { props: {} as Record<string, S[]>, required: new Set<string>(), extra: undefined as S | boolean | undefined, open: false, alt: [] as S[] };
    this.collect(s, acc, new Set());
    const out: S = { type: 'object', properties: {} };
    for (const [name, variants] of Object.entries(acc.props)) {
      out.properties[name] = this.property(variants, name);
    }
    if (acc.required.size) out.required = [...acc.required].filter((r) => !isReadOnly(acc.props[r]?.[0], this));
    for (const n of knownNames) out.properties[n] ??= {};
    if (acc.alt.length) {
      // each alternative may use the names the outer object declares, and vice versa
      const outerNames = Object.keys(out.properties);
      out.anyOf = acc.alt.map((x) => this.alternative(x, outerNames));
      for (const alt of acc.alt) for (const n of this.propertyNames(alt)) out.properties[n] ??= {};
    }
    if (acc.extra !== undefined) {
      out.additionalProperties = typeof acc.extra === 'object' ? this.convert(acc.extra) : acc.extra;
    } else if (Object.keys(acc.props).length && !acc.open) {
      out.additionalProperties = false;
    }
    for (const k of ['minProperties', 'maxProperties']) if (s[k] !== undefined) out[k] = s[k];
    return nullable(s, out);
  }

  private alternative(x: S, outerNames: string[]): S {
    const t = x.$ref ? this.target(x.$ref) : x;
    if ((isObjectLike(t) || t.allOf) && !t.discriminator) return this.object(t, outerNames);
    return this.convert(x);
  }

  private property(variants: S[], name: string): S {
    if (variants.some((v) => isReadOnly(v, this))) return { atlasReadOnly: true };
    const erratum = PATTERN_ERRATA[name];
    const converted = variants.map((v) => this.convert(erratum && v.pattern === erratum.spec ? { ...v, pattern: erratum.pattern } : v));
    return converted.length === 1 ? converted[0] : { allOf: converted };
  }

  private propertyNames(s: S, seen = new Set<string>()): string[] {
    if (s.$ref) {
      if (seen.has(s.$ref)) return [];
      seen.add(s.$ref);
      return this.propertyNames(this.target(s.$ref), seen);
    }
    const names = Object.keys(s.properties ?? {});
    for (const k of COMPOSITION) for (const x of (s[k] ?? []) as S[]) names.push(...this.propertyNames(x, seen));
    return names;
  }

  private discriminated(s: S): S {
    const prop: string = s.discriminator.propertyName;
    const mapping: Record<string, string> = { ...(s.discriminator.mapping ?? {}) };
    if (!Object.keys(mapping).length) {
      for (const alt of (s.oneOf ?? s.anyOf ?? []) as S[]) if (alt.$ref) mapping[alt.$ref.slice(REF_PREFIX.length)] = alt.$ref;
    }
    const branches: S[] = [];
    for (const [value, ref] of Object.entries(mapping)) {
      // the subtype usually is allOf [base (this schema), own properties]; collect()
      // does not follow the base's discriminator, so this terminates
      const flat = this.flatSubtype(ref);
      branches.push({ if: { properties: { [prop]: { const: value } }, required: [prop] }, then: flat });
    }
    // no or unknown discriminator value: accept the union of what the subtypes declare
    const base = this.object({ ...s, discriminator: undefined, oneOf: undefined, anyOf: undefined });
    const names = new Set<string>(Object.keys(base.properties ?? {}));
    for (const ref of new Set(Object.values(mapping))) for (const n of this.propertyNames(this.target(ref))) names.add(n);
    const lenient = { ...base, properties: { ...(base.properties ?? {}) } };
    for (const n of names) lenient.properties[n] ??= {};
    return {
      if: { properties: { [prop]: { enum: Object.keys(mapping) } }, required: [prop] },
      then: { allOf: branches },
      else: lenient,
    };
  }

  private flatSubtype(ref: string): S {
    const key = `${ref.slice(REF_PREFIX.length)}`;
    if (!(key in this.definitions)) {
      this.definitions[key] = {};
      this.definitions[key] = this.object(this.target(ref));
    }
    return { $ref: `#/definitions/${key}` };
  }
}

/**
 * Schemas whose declared type contradicts the spec's own description of them, corrected
 * here so that what the spec documents as valid is accepted (by the CLI and the simulator
 * alike). Each says which text of the spec it follows.
 */
const ERRATA: Readonly<Record<string, (s: S) => S>> = {
  // SearchMappings.dynamic is declared `type: object`, but its description says "Set to `true`
  // to enable dynamic mapping … or define object … Set to `false` to use only static mappings"
  SearchMappings: (s) => ({ ...s, properties: { ...s.properties, dynamic: { anyOf: [{ type: 'boolean' }, { type: 'object' }] } } }),
  // a vector index's `fields` items are BasicDBObject, declared with `additionalProperties:
  // {type: object}`; VectorSearchIndexDefinition.fields describes them as "one per object" with
  // a "vector" or "filter" type (strings, numbers): any JSON value
  BasicDBObject: (s) => ({ ...s, additionalProperties: true }),
  // a custom analyzer's tokenizer, "Tokenizer that you want to use to create tokens", is one
  // object of settings (its `type`, a string, first); declared as a map of objects, the same
  // artifact as BasicDBObject
  AtlasSearchAnalyzer: (s) => ({ ...s, properties: { ...s.properties, tokenizer: { ...s.properties.tokenizer, additionalProperties: true } } }),
};

function isObjectLike(s: S): boolean {
  return s.type === 'object' || (s.type === undefined && (s.properties !== undefined || s.allOf !== undefined));
}

function isReadOnly(s: S | undefined, c: Converter): boolean {
  void c;
  return Boolean(s && s.readOnly === true);
}

function nullable(src: S, out: S): S {
  if (src.nullable !== true) return out;
  if (typeof out.type === 'string') out.type = [out.type, 'null'];
  if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
  if (!out.type && !out.enum) return out;
  return out;
}

function validRegExp(p: string): boolean {
  try {
    new RegExp(p, 'u');
    return true;
  } catch {
    return false;
  }
}

// ---- compiled validators (cache of pure functions of the committed spec index) ------

let ajv: Ajv | undefined;
const validators = new Map<string, ValidateFunction>();

function getAjv(): Ajv {
  if (!ajv) {
    ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, verbose: false });
    ajv.addKeyword({
      keyword: 'atlasReadOnly',
      schemaType: 'boolean',
      validate: function readOnlyCheck(flag: boolean) {
        return !flag;
      },
      errors: false,
    });
  }
  return ajv;
}

/** The JSON Schema (draft-07) used for a request body; exported for tests and debugging. */
export function requestJsonSchema(id: string, version: string): S | undefined {
  const s = requestSchema(id, version);
  if (!s) return undefined;
  const c = new Converter(schemaIndex().schemas);
  const root = c.convert(s as S);
  return { ...root, definitions: c.definitions };
}

function validatorFor(id: string, version: string): ValidateFunction | undefined {
  const key = `${id}@${version}`;
  let v = validators.get(key);
  if (!v) {
    const schema = requestJsonSchema(id, version);
    if (!schema) return undefined;
    v = getAjv().compile(schema);
    validators.set(key, v);
  }
  return v;
}

/**
 * Validates a parsed JSON request body for operation `id` at request version
 * `version`. Returns [] when valid or when the index holds no schema for it.
 */
export function validateRequestBody(id: string, version: string, body: unknown): ValidationIssue[] {
  const validate = validatorFor(id, version);
  if (!validate) return [];
  if (validate(body)) return [];
  return toIssues(validate.errors ?? []);
}

function toIssues(errors: ErrorObject[]): ValidationIssue[] {
  // drop control-flow noise; reduce anyOf failures to their best branch
  const anyOfFails = errors.filter((e) => e.keyword === 'anyOf');
  const issues: ValidationIssue[] = [];
  const consumed = new Set<ErrorObject>();
  for (const a of anyOfFails) {
    const prefix = a.schemaPath + '/';
    const inner = errors.filter((e) => e !== a && e.schemaPath.startsWith(prefix) && !consumed.has(e));
    inner.forEach((e) => consumed.add(e));
    consumed.add(a);
    const byBranch = new Map<string, ErrorObject[]>();
    for (const e of inner) {
      const branch = e.schemaPath.slice(prefix.length).split('/')[0];
      (byBranch.get(branch) ?? byBranch.set(branch, []).get(branch)!).push(e);
    }
    const allEnum = inner.length > 0 && inner.every((e) => e.keyword === 'enum' && e.instancePath === a.instancePath);
    if (allEnum) {
      const values = [...new Set(inner.flatMap((e) => (e.params as { allowedValues: unknown[] }).allowedValues))];
      issues.push({
        pointer: a.instancePath,
        kind: 'enum',
        message: `must be one of the allowed values (${values.length} values, e.g. ${values
          .slice(0, 5)
          .map((v) => JSON.stringify(v))
          .join(', ')})`,
      });
      continue;
    }
    const best = [...byBranch.values()].sort((x, y) => x.length - y.length)[0];
    if (best) issues.push(...toIssues(best));
    else issues.push({ pointer: a.instancePath, kind: 'invalid', message: 'does not match any allowed form' });
  }
  for (const e of errors) {
    if (consumed.has(e) || e.keyword === 'if' || e.keyword === 'anyOf') continue;
    issues.push(issueOf(e));
  }
  // de-duplicate
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.pointer}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function issueOf(e: ErrorObject): ValidationIssue {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- ajv's params differ by keyword
  const p = e.params as Record<string, any>;
  switch (e.keyword) {
    case 'additionalProperties':
      return { pointer: `${e.instancePath}/${escapePointer(p.additionalProperty)}`, kind: 'unknown', message: 'unknown attribute' };
    case 'required':
      return { pointer: `${e.instancePath}/${escapePointer(p.missingProperty)}`, kind: 'missing', message: 'is required' };
    case 'atlasReadOnly':
      return { pointer: e.instancePath, kind: 'readOnly', message: 'is read-only and cannot be set' };
    case 'type':
      return { pointer: e.instancePath, kind: 'type', message: `must be ${p.type}` };
    case 'enum':
      return { pointer: e.instancePath, kind: 'enum', message: `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}` };
    case 'const':
      return { pointer: e.instancePath, kind: 'enum', message: `must be ${JSON.stringify(p.allowedValue)}` };
    default:
      return { pointer: e.instancePath, kind: 'invalid', message: e.message ?? e.keyword };
  }
}

function escapePointer(s: string): string {
  return s.replace(/~/g, '~0').replace(/\//g, '~1');
}

// ---- query parameters ----------------------------------------------------------

export type QueryInput = Record<string, string | string[] | undefined> | URLSearchParams;

/** An enum of a query parameter with more values than this is named by its size, not listed (eventType has hundreds). */
export const LISTED_ENUM = 12;

/**
 * Checks the query parameters the spec declares for `id`: required ones present,
 * types (integer, boolean), enums and ranges (itemsPerPage 1..500). Parameters the
 * spec does not declare are ignored, as Atlas does.
 */
export interface QueryCheckOptions {
  /**
   * Split an array parameter's value on commas (default true: `eventType=A,B` is two values,
   * as the `api` command takes them). Atlas does not: one value each time the parameter is
   * repeated, so `A,B` is one (unknown) value there; the simulator passes false.
   */
  splitArrays?: boolean;
  /** Values accepted beyond a parameter's enum (what Atlas serves beyond the spec: src/spec/served.ts). */
  extraEnum?: Readonly<Record<string, readonly string[]>>;
}

export function validateQuery(id: string, query: QueryInput, opts: QueryCheckOptions = {}): ValidationIssue[] {
  const split = opts.splitArrays ?? true;
  const op = operation(id);
  if (!op) return [];
  const get = (name: string): string[] => {
    if (query instanceof URLSearchParams) return query.getAll(name);
    const v = query[name];
    return v === undefined ? [] : Array.isArray(v) ? v : [v];
  };
  const issues: ValidationIssue[] = [];
  for (const [name, spec] of Object.entries(op.query ?? {})) {
    const values = get(name);
    if (!values.length) {
      if (spec.required) issues.push({ pointer: `?${name}`, kind: 'missing', message: 'query parameter is required' });
      continue;
    }
    const scalars = spec.type === 'array' ? (split ? values.flatMap((v) => v.split(',')) : values) : values.slice(-1);
    const itemType = spec.type === 'array' ? (spec.items ?? 'string') : spec.type;
    for (const raw of scalars) {
      if (itemType === 'integer' || itemType === 'number') {
        const ok = itemType === 'integer' ? /^-?\d+$/.test(raw) : raw.trim() !== '' && Number.isFinite(Number(raw));
        if (!ok) {
          issues.push({ pointer: `?${name}`, kind: 'type', message: `must be ${itemType === 'integer' ? 'an integer' : 'a number'}, got ${JSON.stringify(raw)}` });
          continue;
        }
        const n = Number(raw);
        if (spec.min !== undefined && n < spec.min) issues.push({ pointer: `?${name}`, kind: 'invalid', message: `must be >= ${spec.min}, got ${raw}` });
        if (spec.max !== undefined && n > spec.max) issues.push({ pointer: `?${name}`, kind: 'invalid', message: `must be <= ${spec.max}, got ${raw}` });
      } else if (itemType === 'boolean') {
        if (raw !== 'true' && raw !== 'false') issues.push({ pointer: `?${name}`, kind: 'type', message: `must be true or false, got ${JSON.stringify(raw)}` });
      }
      if (spec.enum && !spec.enum.map(String).includes(raw) && !opts.extraEnum?.[name]?.includes(raw)) {
        issues.push({
          pointer: `?${name}`,
          kind: 'enum',
          message: `must be one of ${spec.enum.length <= LISTED_ENUM ? spec.enum.join(', ') : `the ${spec.enum.length} allowed values`}, got ${JSON.stringify(raw)}`,
        });
      }
    }
  }
  return issues;
}
