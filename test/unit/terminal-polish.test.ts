import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Renderer, fitColumns, type View } from '../../src/output/render.js';
import { Terminal, elapsed } from '../../src/output/terminal.js';
import { scopeOf } from '../../src/commands/shared.js';
import { stoppedWaiting } from '../../src/commands/wait.js';
import { commandsFirst } from '../../src/program/help.js';

function setup(output: 'table' | 'csv' | 'json', tty: boolean) {
  let stdout = '';
  let stderr = '';
  const out = Object.assign(new PassThrough(), { isTTY: tty, columns: 80 });
  const err = Object.assign(new PassThrough(), { isTTY: tty });
  out.on('data', (d: Buffer) => (stdout += d.toString()));
  err.on('data', (d: Buffer) => (stderr += d.toString()));
  const term = new Terminal({ stdout: out, stderr: err, stdin: new PassThrough(), env: { NO_COLOR: '1' } }, { machineOutput: output !== 'table' });
  return { r: new Renderer(term, { output, format: 'short' }), stdout: () => stdout, stderr: () => stderr };
}

const view: View = { empty: 'clusters', columns: [{ header: 'name', value: 'name' }] };

describe('an empty list', () => {
  it('says so on stderr on a terminal, naming where it looked', () => {
    const t = setup('table', true);
    t.r.list([], view, 'in project p1');
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toBe('no clusters in project p1\n');
  });
  it('prints nothing at all piped; CSV keeps its header, JSON is []', () => {
    const piped = setup('table', false);
    piped.r.list([], view, 'in project p1');
    expect(piped.stdout() + piped.stderr()).toBe('');
    const csv = setup('csv', false);
    csv.r.list([], view);
    expect(csv.stdout()).toBe('name\n');
    const json = setup('json', true);
    json.r.list([], view);
    expect(json.stdout()).toBe('[]\n');
    expect(json.stderr()).toBe('');
  });
  it('a view without a name for its items', () => {
    const t = setup('table', true);
    t.r.list([], { columns: view.columns });
    expect(t.stderr()).toBe('nothing to show\n');
  });
  it('scope from the path parameters', () => {
    expect(scopeOf({ groupId: 'g', clusterName: 'C' })).toBe('of cluster C in project g');
    expect(scopeOf({ orgId: 'o' })).toBe('in organization o');
    expect(scopeOf({})).toBeUndefined();
    expect(scopeOf(undefined)).toBeUndefined();
  });
});

describe('fitting a table to the terminal', () => {
  const total = (f: { widths: number[]; gap: number }) => f.widths.reduce((a, b) => a + b, 0) + f.gap * (f.widths.length - 1);

  it('leaves a table that fits, or an unknown width, alone', () => {
    // identifier columns (keep) give way after every other column has
    expect(fitColumns([24, 30, 24, 20], [2, 4, 6, 7], 80, [true, false, true, false])).toEqual({ widths: [24, 11, 24, 12], gap: 3 });
    expect(fitColumns([10, 20], [4, 4], 80)).toEqual({ widths: [10, 20], gap: 3 });
    expect(fitColumns([100, 200], [4, 4], undefined)).toEqual({ widths: [100, 200], gap: 3 });
  });
  it('cuts the widest column first, not below its header', () => {
    const f = fitColumns([49, 8, 9, 20, 7, 20], [9, 7, 4, 11, 7, 9], 80);
    expect(total(f)).toBeLessThanOrEqual(80);
    expect(f.widths[1]).toBe(8);
    expect(f.widths[4]).toBe(7);
    expect(f.widths[0]).toBeGreaterThanOrEqual(9);
  });
  it('fits 60 columns even when the headers alone are wider: cut headers, then a narrower gap, then tiny columns', () => {
    for (const width of [60, 40]) {
      const f = fitColumns([49, 8, 9, 20, 7, 20], [9, 7, 4, 11, 7, 9], width);
      expect(total(f), String(width)).toBeLessThanOrEqual(width);
      expect(Math.min(...f.widths)).toBeGreaterThanOrEqual(4);
    }
    // narrower than six columns of four characters: as narrow as it gets
    expect(fitColumns([49, 8, 9, 20, 7, 20], [9, 7, 4, 11, 7, 9], 30)).toEqual({ widths: [4, 4, 4, 4, 4, 4], gap: 2 });
    expect(fitColumns([14, 10, 4, 15, 7, 5, 6], [4, 4, 4, 15, 7, 5, 6], 60).gap).toBe(2);
  });
});

describe('waiting, for people', () => {
  it('elapsed time', () => {
    expect([0, 999, 12_000, 72_000, 3_600_000 + 300_000].map(elapsed)).toEqual(['0s', '0s', '12s', '1m 12s', '1h 5m']);
  });
  it('what Ctrl-C says', () => {
    expect(stoppedWaiting('cluster demo', 'UPDATING', 'atlascli cluster watch demo')).toBe(
      'stopped waiting: cluster demo is still UPDATING in Atlas; follow it with: atlascli cluster watch demo',
    );
    expect(stoppedWaiting('cluster demo', '', 'atlascli cluster watch demo')).toBe(
      'stopped waiting: cluster demo carries on in Atlas; follow it with: atlascli cluster watch demo',
    );
  });
});

describe('help sections', () => {
  it('puts commands before options and global options, keeping the rest', () => {
    const text = 'Usage: x\n\nd\n\nOptions:\n  -h\n\nGlobal Options:\n  -v\n\nCommands:\n  a\n  b\n';
    expect(commandsFirst(text)).toBe('Usage: x\n\nd\n\nCommands:\n  a\n  b\n\nOptions:\n  -h\n\nGlobal Options:\n  -v\n');
    const leaf = 'Usage: x\n\nOptions:\n  -h\n';
    expect(commandsFirst(leaf)).toBe(leaf);
  });
});
