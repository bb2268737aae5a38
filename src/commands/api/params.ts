/**
 * How an operation's parameters are spelled as flags: the spec's name (`--groupId`)
 * and its kebab case (`--group-id`) unless a global option owns that spelling
 * (`--client-id` is the service account's id, so an operation's clientId is
 * `--clientId` only). Light on purpose: help and completion use it too.
 */
import type { OperationSpec } from '../../spec/index.js';

/** `groupId` → `group-id`. */
export function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}

/** Names of every parameter of an operation: path parameters in path order, then query parameters by name. */
export function parameterNames(op: OperationSpec): string[] {
  return [...op.pathParams, ...Object.keys(op.query ?? {}).filter((q) => !op.pathParams.includes(q))];
}

/** Spellings the global options own (commander takes them wherever they appear). */
const GLOBAL_FLAGS = new Set([
  'output',
  'format',
  'fields',
  'color',
  'no-color',
  'debug',
  'yes',
  'force',
  'timeout',
  'project',
  'atlasgroup',
  'org',
  'profile',
  'base-url',
  'public-key',
  'private-key',
  'client-id',
  'client-secret',
  'version',
  'help',
]);

/** flag (without `--`) → parameter name, for every spelling an operation accepts. */
export function parameterFlags(op: OperationSpec): Map<string, string> {
  const flags = new Map<string, string>();
  for (const name of parameterNames(op)) flags.set(name, name);
  for (const name of parameterNames(op)) {
    const k = kebab(name);
    if (k !== name && !flags.has(k) && !GLOBAL_FLAGS.has(k)) flags.set(k, name);
  }
  return flags;
}

/**
 * A query parameter's values as they go on the wire. An array parameter is sent as the
 * spec's style says: `form` and exploded (every array query parameter of the spec that
 * names a style names `style: form` and `explode: true`, which is also OpenAPI's default
 * for the query), one `name=value` pair a value (`eventType=A&eventType=B`): Atlas reads
 * a comma-joined `eventType=A,B` as one type no event has, and answers an empty list. A
 * value typed as a comma list (`--eventType A,B`) is split into its items first. A
 * scalar is its one value.
 */
export function queryValue(op: OperationSpec, name: string, values: readonly string[]): string | string[] {
  if (op.query?.[name]?.type !== 'array') return values[values.length - 1]!;
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
}

/** The operation answers in pages and takes pageNum/itemsPerPage. */
export function isPaginated(op: OperationSpec): boolean {
  return op.query?.pageNum !== undefined && op.query?.itemsPerPage !== undefined;
}
