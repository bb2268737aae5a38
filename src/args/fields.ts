/**
 * What a command prints, declared where it is registered, so `--fields` is checked
 * before any request is sent: a field must be a path in the documents of the
 * operation's answer (from the spec's response schema; the items of a paginated list),
 * a column of the command's table (`tier`, `provider/region`), or a field of a document
 * the command makes itself (`deleted`).
 */
import { UsageError } from '../errors.js';
import type { View } from '../output/render.js';
import { columnNamed } from '../output/fields.js';
import type { OperationId } from '../spec/operation-types.js';

export interface Prints {
  /** The operation(s) whose answer the command prints; a field valid in any of them is accepted. */
  operationId?: OperationId | readonly OperationId[];
  /** The short table: its column names are fields too. */
  view?: View;
  /** Fields of a document the command builds itself. */
  fields?: readonly string[];
}

/**
 * Throws a UsageError (exit 2) naming every unknown field and the valid top-level ones.
 * `command` is the command path for the message (`cluster delete`).
 */
export async function checkFields(fields: readonly string[], prints: Prints | undefined, command: string): Promise<void> {
  if (!prints) {
    throw new UsageError(`--fields cannot be used with \`${command}\`: it prints no documents to pick fields from`);
  }
  const ids = prints.operationId === undefined ? [] : typeof prints.operationId === 'string' ? [prints.operationId] : prints.operationId;
  const columns = prints.view?.columns ?? [];
  const own = new Set(prints.fields ?? []);
  const paths = ids.length ? await import('../spec/paths.js') : undefined;
  const schemas = paths ? ids.map((id) => paths.printedDocumentSchema(id)) : [];
  const known = (f: string): boolean => {
    if (own.has(f) || columnNamed(columns, f)) return true;
    const root = f.split('.')[0]!;
    if (own.has(root)) return true;
    const parts = f.split('.');
    if (columns.some((c) => typeof c.value === 'string' && (c.value === f || f.startsWith(`${c.value}.`)))) return true;
    // an operation the spec gives no schema for accepts any path
    return schemas.some((s) => s === undefined || paths!.schemaHasPath(s, parts));
  };
  const unknown = fields.filter((f) => !known(f));
  if (!unknown.length) return;
  const valid = new Set<string>([...columns.map((c) => c.header.replace(/\s+/g, '-')), ...own]);
  for (const s of schemas) for (const name of paths?.topLevelFields(s) ?? []) valid.add(name);
  const list = [...valid];
  throw new UsageError(
    `unknown field${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')} for \`${command}\``,
    `fields here: ${list.slice(0, 50).join(', ')}${list.length > 50 ? ', …' : ''}; nested fields with dots (a.b), array items by index (a.0.b)`,
  );
}
