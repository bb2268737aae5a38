/**
 * Drops what Atlas serves but refuses to be sent back (`id`, `stateName`,
 * `connectionStrings`, `links`, `mongoDBVersion`, replicationSpecs' `id`/`zoneId`, …),
 * so the document `cluster get -o json` prints can be edited and fed to `update --file`.
 *
 * The read-only list comes from the request schema's `readOnly` markers:
 * - a property marked `readOnly` itself;
 * - a property whose `$ref` target is marked `readOnly` and has only read-only
 *   properties (ClusterConnectionStrings); a target marked `readOnly` that also
 *   has writable properties (DedicatedHardwareSpec20240805, used for analyticsSpecs
 *   too) is not taken as read-only;
 * - `effective*` properties (effectiveElectableSpecs, effectiveDatabaseEdition, …):
 *   Atlas documents them as what it actually runs, read-only, though the spec index
 *   does not mark them (or, for some, does not list them in the request schema).
 * Other properties the schema does not know are kept (Atlas will say what it refuses).
 * Enum values are matched without regard to case and sent as the schema spells them:
 * Atlas serves some in lower case (biConnector.readPreference "secondary") that its
 * spec lists in upper case, and hand-written files say "aws".
 */
import { schemaIndex, type JsonSchema } from '../../spec/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- OpenAPI schema objects, read field by field
type S = Record<string, any>;
const REF = '#/components/schemas/';

function target(ref: string): S | undefined {
  if (!ref.startsWith(REF)) return undefined;
  return schemaIndex().schemas[ref.slice(REF.length)] as S | undefined;
}

/** Every property a schema may hold for `value`, each with its (possibly several) schemas. */
function propertiesOf(schema: S | undefined, value: Record<string, unknown>, seen = new Set<string>()): Map<string, S[]> {
  const out = new Map<string, S[]>();
  const add = (from: Map<string, S[]>): void => {
    for (const [k, v] of from) out.set(k, [...(out.get(k) ?? []), ...v]);
  };
  if (!schema) return out;
  if (typeof schema.$ref === 'string') {
    if (seen.has(schema.$ref)) return out;
    seen.add(schema.$ref);
    return propertiesOf(target(schema.$ref), value, seen);
  }
  for (const [k, v] of Object.entries((schema.properties ?? {}) as Record<string, S>)) out.set(k, [v]);
  for (const part of (schema.allOf ?? []) as S[]) add(propertiesOf(part, value, seen));
  const disc = schema.discriminator as { propertyName: string; mapping?: Record<string, string> } | undefined;
  const chosen = disc ? disc.mapping?.[String(value[disc.propertyName])] : undefined;
  if (chosen) add(propertiesOf({ $ref: chosen }, value, seen));
  else for (const k of ['oneOf', 'anyOf']) for (const alt of (schema[k] ?? []) as S[]) add(propertiesOf(alt, value, new Set(seen)));
  return out;
}

/** effectiveElectableSpecs, effectiveDatabaseEdition, …: what Atlas runs, never sent. */
const EFFECTIVE = /^effective[A-Z]/;

function isReadOnlyProperty(name: string, variants: S[]): boolean {
  if (EFFECTIVE.test(name)) return true;
  return variants.length > 0 && variants.every((v) => readOnlySchema(v));
}

function readOnlySchema(v: S): boolean {
  if (v.readOnly === true) return true;
  if (typeof v.$ref !== 'string') return false;
  const t = target(v.$ref);
  if (!t || t.readOnly !== true) return false;
  const props = Object.values((t.properties ?? {}) as Record<string, S>);
  return props.length > 0 && props.every((p) => p.readOnly === true);
}

function itemSchemas(variants: S[]): S[] {
  const out: S[] = [];
  for (const v of variants) {
    const t = typeof v.$ref === 'string' ? target(v.$ref) : v;
    if (t?.items) out.push(t.items as S);
  }
  return out;
}

/** The spelling an enum of `schemas` uses for `value`, matched without regard to case. */
function enumCase(value: string, schemas: S[]): string {
  const alternatives: S[] = [];
  const walk = (x: S | undefined, depth: number): void => {
    if (!x || depth > 3) return;
    if (typeof x.$ref === 'string') return walk(target(x.$ref), depth + 1);
    alternatives.push(x);
    for (const k of ['oneOf', 'anyOf']) for (const alt of (x[k] ?? []) as S[]) walk(alt, depth + 1);
  };
  for (const s of schemas) walk(s, 0);
  const values = alternatives.flatMap((a) => (Array.isArray(a.enum) ? (a.enum as unknown[]) : [])).filter((v): v is string => typeof v === 'string');
  if (values.length === 0 || values.includes(value)) return value;
  const lower = value.toLowerCase();
  return values.find((v) => v.toLowerCase() === lower) ?? value;
}

function strip(value: unknown, schemas: S[]): unknown {
  if (typeof value === 'string') return enumCase(value, schemas);
  if (Array.isArray(value)) {
    const items = itemSchemas(schemas);
    return value.map((x) => strip(x, items));
  }
  if (value === null || typeof value !== 'object') return value;
  const obj = value as Record<string, unknown>;
  const props = new Map<string, S[]>();
  for (const s of schemas) for (const [k, v] of propertiesOf(s, obj)) props.set(k, [...(props.get(k) ?? []), ...v]);
  if (props.size === 0) return obj; // a map or an object the schema does not describe
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const variants = props.get(k);
    if (variants ? isReadOnlyProperty(k, variants) : EFFECTIVE.test(k)) continue;
    out[k] = variants ? strip(v, variants) : v;
  }
  return out;
}

/**
 * A copy of `doc` without the properties `schema` marks read-only, at any depth;
 * enum values spelt in another case (`aws`, `secondary`) take the schema's spelling.
 */
export function stripReadOnly<T>(doc: T, schema: JsonSchema): T {
  return strip(doc, [schema as S]) as T;
}
