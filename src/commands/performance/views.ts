import type { View } from '../../output/render.js';

/** `performance namespaces`: one row a namespace. */
export const NAMESPACE_VIEW: View = {
  empty: 'namespaces with slow queries',
  columns: [
    { header: 'namespace', value: 'namespace' },
    { header: 'type', value: 'type' },
  ],
};

/** `performance slow-queries`: one row a query shape (see run.ts, `shapesOf`). */
export const SHAPE_VIEW: View = {
  empty: 'slow queries',
  columns: [
    { header: 'namespace', value: 'namespace' },
    { header: 'shape', value: 'shape' },
    { header: 'plan', value: 'plan' },
    { header: 'count', value: 'count' },
    { header: 'total ms', value: 'totalMs' },
    { header: 'avg ms', value: 'avgMs' },
    { header: 'max ms', value: 'maxMs' },
    { header: 'docs examined', value: 'docsExamined' },
    { header: 'returned', value: 'returned' },
  ],
};

/** `performance suggested-indexes`: one row a suggested index. */
export const INDEX_VIEW: View = {
  empty: 'suggested indexes',
  columns: [
    { header: 'namespace', value: 'namespace' },
    { header: 'index', value: 'index' },
    { header: 'impact', value: 'impact' },
    { header: 'queries', value: 'queries' },
    { header: 'avg ms', value: 'avgMs' },
    { header: 'id', value: 'id' },
  ],
};
