import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Renderer, type RenderOptions, type View } from '../../src/output/render.js';
import { Terminal } from '../../src/output/terminal.js';

function setup(options: Partial<RenderOptions> = {}, tty = false) {
  const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 120 });
  const err = Object.assign(new PassThrough(), { isTTY: tty });
  let stdout = '';
  let stderr = '';
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const term = new Terminal({ stdout: out, stderr: err, stdin: new PassThrough(), env: {} }, { machineOutput: options.output !== undefined && options.output !== 'table' });
  const r = new Renderer(term, { output: 'table', format: 'short', ...options });
  return { r, stdout: () => stdout, stderr: () => stderr };
}

const docs = [
  { id: 'a1', name: 'alpha', nested: { tier: 'M10', region: 'US_EAST_1' }, tags: ['x', 'y'] },
  { id: 'b2', name: 'beta, "b"', nested: { tier: 'M30', region: 'EU_WEST_1' }, tags: [] },
];
const view: View = {
  columns: [
    { header: 'id', value: 'id' },
    { header: 'name', value: 'name' },
    { header: 'tier', value: 'nested.tier' },
  ],
};

describe('renderer', () => {
  it('prints a list as one JSON array of the documents as served', () => {
    const t = setup({ output: 'json' });
    t.r.list(docs, view);
    expect(JSON.parse(t.stdout())).toEqual(docs);
  });

  it('prints one document a line with jsonl', () => {
    const t = setup({ output: 'jsonl' });
    t.r.list(docs, view);
    expect(
      t
        .stdout()
        .trimEnd()
        .split('\n')
        .map((l) => JSON.parse(l)),
    ).toEqual(docs);
  });

  it('picks fields, nested, in JSON too', () => {
    const t = setup({ output: 'json', fields: ['id', 'nested.tier'] });
    t.r.list(docs, view);
    expect(JSON.parse(t.stdout())).toEqual([
      { id: 'a1', nested: { tier: 'M10' } },
      { id: 'b2', nested: { tier: 'M30' } },
    ]);
  });

  it('picks a table column by its name, and leaves out a field a document lacks', () => {
    // unknown names were refused before any request (test/unit/fields.test.ts); here a
    // valid field can still be absent from one document
    const t = setup({ output: 'json', fields: ['name', 'tier', 'tags.0'] });
    t.r.list(docs, view);
    expect(JSON.parse(t.stdout())).toEqual([
      { name: 'alpha', tier: 'M10', tags: ['x'] },
      { name: 'beta, "b"', tier: 'M30' },
    ]);
    const table = setup({ fields: ['name', 'tier'] });
    table.r.list(docs, view);
    expect(table.stdout().trimEnd().split('\n')[1]).toMatch(/^alpha\s+M10$/);
  });

  it('prints plain aligned rows with no box drawing when piped', () => {
    const t = setup();
    t.r.list(docs, view);
    const lines = t.stdout().trimEnd().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^ID\s+NAME\s+TIER$/);
    expect(lines[1]).toMatch(/^a1\s+alpha\s+M10$/);
    expect(t.stdout()).not.toMatch(/[─│┌┐└┘]/);
    expect(t.stdout()).not.toMatch(/\u001b\[/);
    // columns line up: the NAME column starts at the same offset on every line
    const at = lines[0]!.indexOf('NAME');
    expect(lines[1]!.indexOf('alpha')).toBe(at);
    expect(lines[2]!.indexOf('beta')).toBe(at);
  });

  it('shows every field with --format full', () => {
    const t = setup({ format: 'full' });
    t.r.list(docs, view);
    expect(t.stdout().split('\n')[0]).toMatch(/^ID\s+NAME\s+NESTED\.TIER\s+NESTED\.REGION\s+TAGS$/);
    expect(t.stdout()).toContain('x,y');
  });

  it('quotes CSV fields that need it', () => {
    const t = setup({ output: 'csv' });
    t.r.list(docs, view);
    expect(t.stdout()).toBe('id,name,tier\na1,alpha,M10\nb2,"beta, ""b""",M30\n');
  });

  it('prints nothing but the header for an empty table, and [] for empty JSON', () => {
    const t = setup({ output: 'json' });
    t.r.list([], view);
    expect(t.stdout()).toBe('[]\n');
  });
});

describe('tables', () => {
  it('piped: tab-separated, the header first, no padding, nothing cut (wide characters, empty cells)', () => {
    const docs = Array.from({ length: 4 }, (_, i) => ({ id: `id-${i}`.repeat((i % 4) + 1), name: i % 3 ? `名前 ${i}` : '', n: i * 1000 }));
    const v: View = {
      columns: [
        { header: 'id', value: 'id' },
        { header: 'name', value: 'name' },
        { header: 'n', value: 'n' },
      ],
    };
    const t = setup();
    t.r.list(docs, v);
    expect(t.stdout()).toBe('ID\tNAME\tN\nid-0\t\t0\nid-1id-1\t名前 1\t1000\nid-2id-2id-2\t名前 2\t2000\nid-3id-3id-3id-3\t\t3000\n');
  });

  it('piped: a tab or a line break in a cell is a space, so columns stay columns', () => {
    const t = setup();
    t.r.list([{ id: 'a\tb', name: 'c\nd' }], {
      columns: [
        { header: 'id', value: 'id' },
        { header: 'name', value: 'name' },
      ],
    });
    expect(t.stdout()).toBe('ID\tNAME\na b\tc d\n');
  });

  it('on a terminal the table fits the width: the widest column gives way, cut with an ellipsis', () => {
    const long = { id: 'a0123456789abcdef012345a', name: 'n'.repeat(80), state: 'IDLE' };
    const t = setup({}, true);
    (t.r as unknown as { term: { io: { stdout: { columns: number } } } }).term.io.stdout.columns = 60;
    t.r.list([long, { ...long, name: 'short' }], {
      columns: [
        { header: 'id', value: 'id' },
        { header: 'description', value: 'name' },
        { header: 'state', value: 'state' },
      ],
    });
    const lines = t.stdout().trimEnd().split('\n');
    const plain = lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    for (const l of plain) expect(l.length).toBeLessThanOrEqual(60);
    expect(plain[1]).toMatch(/^a0123456789abcdef012345a\s+n+…\s+IDLE$/);
    expect(plain[2]).toMatch(/^a0123456789abcdef012345a\s+short\s+IDLE$/);
  });

  it('on a terminal identifiers are never cut: a name column keeps its width, the others give way', () => {
    const doc = { id: 'a0123456789abcdef012345a', name: `cluster-${'n'.repeat(40)}`, comment: 'c'.repeat(40) };
    const t = setup({}, true);
    (t.r as unknown as { term: { io: { stdout: { columns: number } } } }).term.io.stdout.columns = 60;
    t.r.list([doc], {
      columns: [
        { header: 'id', value: 'id' },
        { header: 'name', value: 'name' },
        { header: 'comment', value: 'comment' },
      ],
    });

    const plain = t
      .stdout()
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(plain[1]).toContain(`a0123456789abcdef012345a  ${doc.name}  ccc…`);
    // a view may say so of any column
    const marked = setup({}, true);
    (marked.r as unknown as { term: { io: { stdout: { columns: number } } } }).term.io.stdout.columns = 40;
    marked.r.list([{ a: 'x'.repeat(50), b: 'y'.repeat(20) }], {
      columns: [
        { header: 'a', value: 'a', identifier: true },
        { header: 'b', value: 'b' },
      ],
    });

    expect(
      marked
        .stdout()
        .replace(/\u001b\[[0-9;]*m/g, '')
        .trimEnd()
        .split('\n')[1],
    ).toBe(`${'x'.repeat(50)}  yyy…`);
  });

  it('a terminal table of many rows keeps one header and aligned columns across blocks', () => {
    const many = Array.from({ length: 250 }, (_, i) => ({ id: String(i), name: i === 249 ? 'the-longest-name' : 'x' }));
    const t = setup({}, true);
    t.r.list(many, {
      columns: [
        { header: 'id', value: 'id' },
        { header: 'name', value: 'name' },
      ],
    });
    const lines = t
      .stdout()
      .replace(/\u001b\[[0-9;]*m/g, '')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(251);
    expect(lines.filter((l) => l.startsWith('ID'))).toHaveLength(1);
    expect(new Set(lines.map((l) => l.indexOf(l.trim().split(/\s+/)[1]!)))).toEqual(new Set([6]));
  });

  it('control characters in values never reach the terminal', () => {
    const t = setup();
    t.r.list([{ id: 'x\u001b[31mred', name: 'ok' }], view);
    expect(t.stdout()).not.toMatch(/\u001b/);
    expect(t.stdout()).toMatch(/x\\u001b\[31mred/);
  });
});
