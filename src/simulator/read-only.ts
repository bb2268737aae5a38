// Read-only attributes in request bodies, as Atlas treats them: a client that round-trips a
// document (GET → modify → PATCH, or a create body carrying the path's groupId) echoes
// read-only attributes with the values Atlas gave them; Atlas ignores those (issue 24: a
// generated client's `groupId` in an access-list entry or a new cluster, `replicationSpecs[].id`
// and `zoneId` in a cluster PATCH). A read-only attribute whose value differs is an attempt to
// change it, refused as Atlas refuses it (Atlas API error-code list, mongodb.com/docs/atlas/
// reference/api-errors: GROUP_MISMATCH 400 for a groupId that is not the URL's,
// ATTRIBUTE_READ_ONLY 400 for the rest).
//
// "Unchanged" means: for PATCH and PUT, equal to the value at the same place in what GET of
// the same path answers for the same Accept (the document the client read); for a create
// (POST), equal to the path parameter of the same name (groupId, orgId). Echoed attributes are
// removed from the body before the handler sees it.
//
// The same holds for what Atlas answers outside the spec and a client echoes back unchanged in
// a PATCH: Atlas's cluster documents carry `effectiveDatabaseEdition` (not in the spec's
// schema) and `biConnector.readPreference: "secondary"` (the spec's request enum is upper
// case) — recorded/clusters/file/…/Update_via_file/GET_…_cluster-926_1.snaphost — so a round
// trip of a real document would otherwise be refused for Atlas's own values.
import { isDeepStrictEqual } from 'node:util';
import type { ValidationIssue } from '../spec/validate.js';

/** The value at a JSON pointer ('' is the document), or undefined. */
export function pointerGet(doc: unknown, pointer: string): unknown {
  let cur: unknown = doc;
  for (const seg of segments(pointer)) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[seg];
  }
  return cur;
}

function pointerDelete(doc: unknown, pointer: string): void {
  const segs = segments(pointer);
  const last = segs.pop();
  const parent = pointerGet(
    doc,
    segs
      .map(escape)
      .map((s) => `/${s}`)
      .join(''),
  );
  if (last !== undefined && parent && typeof parent === 'object' && !Array.isArray(parent)) delete (parent as Record<string, unknown>)[last];
}

function segments(pointer: string): string[] {
  return pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const escape = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The attribute a pointer names, for messages: `/replicationSpecs/0/id` → `replicationSpecs.0.id`. */
export function attributeName(pointer: string): string {
  return segments(pointer).join('.');
}

export interface ReadOnlyContext {
  /** the decoded path parameters of the request */
  params: Record<string, string>;
  /** what GET of the same path answers (PATCH, PUT), or undefined (a create) */
  current?: unknown;
}

/** Issues a value echoed from the current document excuses (a missing attribute never is). */
const ECHOABLE = new Set(['readOnly', 'unknown', 'enum', 'type']);

/**
 * Removes from `body` what the validator flagged but the client only echoed (see the header):
 * read-only attributes with unchanged values, and in a PATCH any value equal to what GET
 * answered at the same place. Returns the issues left: the others, and the read-only attributes
 * whose values differ.
 */
export function dropEchoedReadOnly(body: unknown, issues: ValidationIssue[], rc: ReadOnlyContext): ValidationIssue[] {
  const candidates = issues.filter((i) => ECHOABLE.has(i.kind) && (i.kind === 'readOnly' || rc.current !== undefined)).sort((a, b) => a.pointer.length - b.pointer.length);
  if (!candidates.length) return issues;
  const removed: string[] = [];
  const dropped = new Set<ValidationIssue>();
  for (const i of candidates) {
    if (removed.some((r) => i.pointer === r || i.pointer.startsWith(`${r}/`))) {
      dropped.add(i); // inside an attribute already removed
      continue;
    }
    const value = pointerGet(body, i.pointer);
    const name = segments(i.pointer).at(-1) ?? '';
    const unchanged =
      value !== undefined && (rc.current !== undefined ? isDeepStrictEqual(value, pointerGet(rc.current, i.pointer)) : Object.hasOwn(rc.params, name) && value === rc.params[name]);
    if (!unchanged) continue;
    pointerDelete(body, i.pointer);
    removed.push(i.pointer);
    dropped.add(i);
  }
  return issues.filter((i) => !dropped.has(i));
}
