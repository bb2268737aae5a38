import type { View } from '../../output/render.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API documents
type Doc = any;

/** A search index (spec: SearchIndexResponse) in short tables: name, id, type, db.collection, status, queryable. */
export const SEARCH_INDEX_VIEW: View = {
  empty: 'search indexes',
  columns: [
    { header: 'name', value: 'name', identifier: true },
    { header: 'id', value: 'indexID', identifier: true },
    { header: 'type', value: (d: Doc) => d?.type ?? 'search' },
    { header: 'db.collection', value: (d: Doc) => `${d?.database ?? ''}.${d?.collectionName ?? ''}`, identifier: true },
    { header: 'status', value: 'status' },
    { header: 'queryable', value: 'queryable' },
  ],
};

/**
 * Why a build failed, as Atlas says it: the message of each host's staged index (a rebuild)
 * or main index (spec: SearchHostStatusDetail.mainIndex / stagedIndex `message`, "Optional
 * message describing an error"), distinct messages joined; undefined when none is given.
 */
export function failureMessage(d: Doc): string | undefined {
  const messages = new Set<string>();
  for (const h of Array.isArray(d?.statusDetail) ? d.statusDetail : []) {
    for (const part of [h?.stagedIndex, h?.mainIndex]) {
      if (part?.status === 'FAILED' && typeof part.message === 'string' && part.message) messages.add(part.message);
    }
  }
  return messages.size ? [...messages].join('; ') : undefined;
}
