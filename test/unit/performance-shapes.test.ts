// How `performance slow-queries` reads the slow query log lines Atlas serves
// (PerformanceAdvisorSlowQuery: `line`, `namespace`, `metrics`): a shape per command kind
// and field names, values dropped; lines that are not JSON still counted.
import { describe, expect, it } from 'vitest';
import { indexText, shapeOf, shapesOf } from '../../src/commands/performance/run.js';
import { parseNamespace } from '../../src/args/names.js';

const line = (attr: object) => JSON.stringify({ t: { $date: '2026-12-06T10:00:00.000+00:00' }, s: 'I', c: 'COMMAND', id: 51803, msg: 'Slow query', attr });

describe('shapeOf', () => {
  it.each([
    [{ find: 'movies', filter: { year: 1990, title: 'x' }, sort: { year: -1 }, $db: 'm' }, 'find {year, title} sort {year}'],
    [{ count: 'movies', query: { rated: 'PG' } }, 'count {rated}'],
    [{ aggregate: 'movies', pipeline: [{ $match: { genres: 'Drama' } }, { $group: { _id: '$year' } }] }, 'aggregate [$match {genres}, $group]'],
    [{ update: 'sessions', updates: [{ q: { user_id: 'u' }, u: {} }] }, 'update {user_id}'],
    [{ delete: 'sessions', deletes: [{ q: { jwt: 'x' }, limit: 1 }] }, 'delete {jwt}'],
    [{ getMore: 123, collection: 'movies' }, 'getMore'],
    [null, '(unknown)'],
  ])('%j → %s', (command, shape) => {
    expect(shapeOf(command)).toBe(shape);
  });
});

describe('shapesOf', () => {
  it('groups by namespace, shape and plan; sums, means and maxima per group; a line that is not JSON counts under (unparsed) with its metrics', () => {
    const rows = shapesOf([
      { line: line({ ns: 'a.b', command: { find: 'b', filter: { x: 1 } }, planSummary: 'COLLSCAN', durationMillis: 100, docsExamined: 10, nreturned: 1 }), namespace: 'a.b' },
      { line: line({ ns: 'a.b', command: { find: 'b', filter: { x: 2 } }, planSummary: 'COLLSCAN', durationMillis: 300, docsExamined: 30, nreturned: 3 }), namespace: 'a.b' },
      { line: 'an old text line', namespace: 'a.c', metrics: { operationExecutionTime: 900, docsExamined: 5, docsReturned: 5 } },
    ]);
    expect(rows).toEqual([
      { namespace: 'a.c', shape: '(unparsed)', plan: '', count: 1, totalMs: 900, avgMs: 900, maxMs: 900, docsExamined: 5, returned: 5 },
      { namespace: 'a.b', shape: 'find {x}', plan: 'COLLSCAN', count: 2, totalMs: 400, avgMs: 200, maxMs: 300, docsExamined: 20, returned: 2 },
    ]);
  });
});

describe('indexText and parseNamespace', () => {
  it('writes an index as MongoDB does', () => {
    expect(indexText([{ movie_id: 1 }, { date: -1 }])).toBe('{ movie_id: 1, date: -1 }');
  });
  it.each(['movies', '.movies', 'db.', 'my db.c', 'a$b.c', 'db.c$d'])('refuses the namespace %j', (v) => {
    expect(() => parseNamespace('--namespace', v)).toThrow(/--namespace/);
  });
  it('takes a collection with dots', () => {
    expect(parseNamespace('--namespace', 'sales.orders.2024')).toBe('sales.orders.2024');
  });
});
