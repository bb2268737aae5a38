// Terminal tables past their first block draw printable-ASCII rows without cli-table3
// (src/output/render.ts asciiRows): the text must be exactly what cli-table3 draws with
// the renderer's options, cut cells and all.
import Table from 'cli-table3';
import { describe, expect, it } from 'vitest';
import { asciiRows } from '../../src/output/render.js';

const EMPTY = [
  'top',
  'top-mid',
  'top-left',
  'top-right',
  'bottom',
  'bottom-mid',
  'bottom-left',
  'bottom-right',
  'left',
  'left-mid',
  'mid',
  'mid-mid',
  'right',
  'right-mid',
  'middle',
];

function cliTable3(rows: string[][], colWidths: number[]): string[] {
  const table = new Table({
    head: [],
    colWidths,
    chars: Object.fromEntries(EMPTY.map((k) => [k, ''])),
    style: { head: [], border: [], compact: true, 'padding-left': 0, 'padding-right': 3 },
    wordWrap: false,
    truncate: '…',
  });
  table.push(...rows);
  return table
    .toString()
    .split('\n')
    .map((l) => l.trimEnd());
}

describe('asciiRows', () => {
  it('draws what cli-table3 draws: padding, cut cells with an ellipsis, empty cells, narrow columns', () => {
    let seed = 7;
    const rand = (n: number) => (seed = (seed * 1103515245 + 12345) >>> 0) % n;
    const text = () => Array.from({ length: rand(30) }, () => String.fromCharCode(0x20 + rand(95))).join('');
    for (const colWidths of [
      [27, 18, 27, 11, 23],
      [4, 5, 6],
      [11, 4, 30, 9],
    ]) {
      const rows = Array.from({ length: 60 }, () => colWidths.map(() => text()));
      rows.push(
        colWidths.map(() => ''),
        colWidths.map((w) => 'x'.repeat(w - 3)),
        colWidths.map((w) => 'y'.repeat(w - 2)),
      );
      expect(asciiRows(rows, colWidths)).toEqual(cliTable3(rows, colWidths));
    }
  });
});
