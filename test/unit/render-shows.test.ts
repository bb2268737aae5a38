// Renderer.shows: whether a document printed with the run's output options would show a
// value (what commands that print a secret once ask before any request).
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { Renderer, type RenderOptions, type View } from '../../src/output/render.js';
import { Terminal } from '../../src/output/terminal.js';
import { compileQuery } from '../../src/output/query.js';

function renderer(options: Partial<RenderOptions>) {
  const out = new PassThrough();
  let written = '';
  out.on('data', (d: Buffer) => (written += d.toString()));
  const term = new Terminal({ stdout: out, stderr: new PassThrough(), stdin: new PassThrough(), env: {} });
  return { r: new Renderer(term, { output: 'table', format: 'short', ...options }), written: () => written };
}

const doc = { id: 'k1', publicKey: 'abc', privateKey: 'S3CRET' };
const view: View = {
  columns: [
    { header: 'id', value: 'id' },
    { header: 'private key', value: 'privateKey' },
  ],
};

describe('Renderer.shows', () => {
  it('follows --fields (paths and column names), --query, -o value and the short view', async () => {
    expect(renderer({}).r.shows(doc, view, 'S3CRET')).toBe(true);
    expect(renderer({ output: 'value' }).r.shows(doc, view, 'S3CRET')).toBe(true);
    expect(renderer({ output: 'value' }).r.shows(doc, { columns: [view.columns[0]!] }, 'S3CRET')).toBe(false);
    expect(renderer({ output: 'json', fields: ['id'] }).r.shows(doc, view, 'S3CRET')).toBe(false);
    expect(renderer({ output: 'json', fields: ['id', 'privateKey'] }).r.shows(doc, view, 'S3CRET')).toBe(true);
    expect(renderer({ output: 'csv', fields: ['private-key'] }).r.shows(doc, view, 'S3CRET')).toBe(true);
    expect(renderer({ output: 'json', query: await compileQuery('publicKey') }).r.shows(doc, view, 'S3CRET')).toBe(false);
    expect(renderer({ output: 'value', query: await compileQuery('[id, privateKey]') }).r.shows(doc, view, 'S3CRET')).toBe(true);
  });

  it('prints nothing itself', () => {
    const t = renderer({ output: 'json' });
    t.r.shows(doc, view, 'S3CRET');
    expect(t.written()).toBe('');
  });
});
