/**
 * `--file <f>` request bodies (alert configurations, stream connections and processors):
 * read as one JSON object, cleared of what the API serves but refuses back (read-only
 * fields, the masks printed in place of secrets), and checked against the request schema of
 * the version the client will send, before anything is sent: a problem is a UsageError
 * (exit 2) naming its JSON pointer.
 */
import { UsageError } from '../errors.js';
import { looksMasked } from '../atlas/mask.js';
import { newestRequestVersion, secretIndex } from '../spec/index.js';
import { summarizeIssues, validateRequestBody } from '../spec/validate.js';
import type { OperationId } from '../spec/operation-types.js';
import { readJsonObjectFile } from './cluster/file.js';

export type Body = Record<string, unknown>;

/** `/notifications/0/serviceKey` for ['notifications', 0, 'serviceKey']. */
function pointer(path: readonly (string | number)[]): string {
  return path.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
}

/**
 * Each value of `body` at a secret place of `operationId`'s request (src/spec/secrets.json),
 * with its JSON pointer, the object holding it and its key.
 */
export function secretPlaces(body: Body, operationId: OperationId): { pointer: string; holder: Body; key: string; value: unknown }[] {
  const paths = secretIndex().operations[operationId]?.request ?? [];
  const out: { pointer: string; holder: Body; key: string; value: unknown }[] = [];
  const visit = (node: unknown, rest: readonly string[], at: (string | number)[]): void => {
    if (node === null || typeof node !== 'object') return;
    const [head, ...tail] = rest;
    if (head === undefined) return;
    if (head === '[]') {
      if (Array.isArray(node)) node.forEach((item, i) => visit(item, tail, [...at, i]));
      return;
    }
    const holder = node as Body;
    const keys = head === '*' ? Object.keys(holder) : Object.hasOwn(holder, head) ? [head] : [];
    for (const k of keys) {
      if (tail.length === 0) out.push({ pointer: pointer([...at, k]), holder, key: k, value: holder[k] });
      else visit(holder[k], tail, [...at, k]);
    }
  };
  for (const p of paths) visit(body, p, []);
  // in the document's order, as a reader finds them
  return out.sort((a, b) => a.pointer.localeCompare(b.pointer, 'en', { numeric: true }));
}

/**
 * Drops the masks a printed document holds in place of secrets: a masked credential of an
 * object that names its `keep` field (an alert notification's `notifierId`: Atlas keeps the
 * stored credential) is left out; any other is refused, since sending it would replace the
 * secret with asterisks.
 * @throws UsageError naming the pointer of the first masked secret that cannot be left out
 */
export function dropMaskedSecrets(body: Body, operationId: OperationId, file: string, keep?: string): void {
  for (const s of secretPlaces(body, operationId)) {
    if (!looksMasked(s.value)) continue;
    if (keep && typeof s.holder[keep] === 'string') {
      delete s.holder[s.key];
      continue;
    }
    throw new UsageError(
      `--file "${file}": ${s.pointer} is a mask (${String(s.value)}), not the secret itself`,
      keep ? `give the secret, or keep the notification's ${keep} so that Atlas keeps the stored one` : 'give the secret itself',
    );
  }
}

/**
 * Checks `body` against `operationId`'s request schema at the version the client sends (the
 * newest request version).
 * @throws UsageError: `--file "f" does not match the spec's <operationId> request (version V): /a/b: unknown attribute; …`
 */
export function checkBody(body: Body, operationId: OperationId, file: string): void {
  const version = newestRequestVersion(operationId);
  if (!version) return;
  const issues = validateRequestBody(operationId, version, body);
  if (!issues.length) return;
  throw new UsageError(
    `--file "${file}" does not match the ${operationId} request of the API (version ${version}): ${summarizeIssues(issues)}`,
    `atlascli api ${operationId} --help describes the document`,
  );
}

/**
 * Reads `--file` (`-`: stdin) as the request body of `operationId`: without the fields
 * named in `readOnly` (what a `get -o json` printed and Atlas refuses back), masked secrets
 * dropped or refused (dropMaskedSecrets), then checked against the spec (checkBody).
 * @throws UsageError (exit 2) before anything is sent
 */
export async function readBodyFile(
  path: string,
  stdin: NodeJS.ReadableStream | undefined,
  operationId: OperationId,
  what: string,
  opts: { readOnly?: readonly string[]; keep?: string } = {},
): Promise<Body> {
  const body = await readJsonObjectFile(path, stdin, what);
  for (const k of opts.readOnly ?? []) delete body[k];
  const name = path === '-' ? 'stdin' : path;
  dropMaskedSecrets(body, operationId, name, opts.keep);
  checkBody(body, operationId, name);
  return body;
}
