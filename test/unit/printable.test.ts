// Control characters a value carries (a file name typed with an escape, a comment Atlas
// stores) never reach a terminal raw: not in messages on stderr, tables or CSV.
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { printable } from '../../src/output/printable.js';
import { csvField, Renderer, type RenderOptions } from '../../src/output/render.js';
import { Terminal } from '../../src/output/terminal.js';

const RAW = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029]/;

function setup(options: Partial<RenderOptions> = {}) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { write: (s: string) => ((stdout += s), true) });
  const err = Object.assign(new PassThrough(), { write: (s: string) => ((stderr += s), true) });
  const term = new Terminal({ stdout: out, stderr: err, stdin: new PassThrough(), env: {} } as never, { machineOutput: options.output === 'csv' });
  return { term, r: new Renderer(term, { output: 'table', format: 'short', ...options }), stdout: () => stdout, stderr: () => stderr };
}

describe('printable', () => {
  it('shows controls as visible escapes and leaves other text alone', () => {
    expect(printable('saved x\u001b[2J.gz (1 KiB)')).toBe('saved x\\e[2J.gz (1 KiB)');
    expect(printable('a\nb\tc\rd\u0007e\u007f\u009b\u2028')).toBe('a\\nb\\tc\\rd\\x07e\\x7f\\x9b\\u2028');
    expect(printable('Zürich … 東京')).toBe('Zürich … 東京');
  });

  it('every message on stderr (info, warn, error) is one line with no raw control: the "saved …" line of a download', () => {
    const t = setup();
    t.term.info('saved /tmp/x\u001b[31m.gz (1 KiB)');
    t.term.warn('the log of evil\u001b]0;title\u0007 is empty');
    t.term.error('bad\nline');
    expect(t.stderr()).toBe('saved /tmp/x\\e[31m.gz (1 KiB)\nthe log of evil\\e]0;title\\x07 is empty\nbad\\nline\n');
    t.r.done('saved a\u001bb', { path: 'a\u001bb' });
    expect(t.stderr().split('\n').at(-2)).toBe('saved a\\eb');
  });

  it('tables and CSV escape a control in any cell and header; CSV still quotes commas and quotes', () => {
    const doc = { name: 'evil\u001b[2J', comment: 'a, "b"\u009b', ['weird\u001bkey']: 1 };
    const view = {
      columns: [
        { header: 'name', value: 'name' },
        { header: 'comment', value: 'comment' },
      ],
    };
    const csv = setup({ output: 'csv' });
    csv.r.list([doc], view);
    expect(csv.stdout()).toBe('name,comment\nevil\\u001b[2J,"a, ""b""\\u009b"\n');
    const table = setup({ format: 'full' });
    table.r.list([doc], view);
    // piped, a tab separates the columns: no other control character is printed raw
    expect(table.stdout().replace(/\t/g, ' ')).not.toMatch(RAW);
    expect(table.stdout()).toContain('WEIRD\\u001bKEY');
    expect(csvField('x\u0000y')).toBe('x\\u0000y');
  });
});
