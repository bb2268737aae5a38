import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUILT } from '../helpers/build.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe("the tests' build check (test/helpers/build.ts)", () => {
  it('watches the file bin/atlascli.js loads, so a run after `npm run build` does not build again', () => {
    const bin = readFileSync(new URL('../../bin/atlascli.js', import.meta.url), 'utf8');
    const parts = relative(ROOT, BUILT).split(/[\\/]/);
    expect(parts).toEqual(['dist', 'bundle', 'cli.cjs']);
    // the bin loads dist/bundle/cli.cjs: its folder, then the entry in it
    expect(bin).toContain(
      `join(__dirname, '..', ${parts
        .slice(0, -1)
        .map((p) => `'${p}'`)
        .join(', ')})`,
    );
    expect(bin).toContain(`loadBundle(join(bundleDir, '${parts.at(-1)}'))`);
  });
});
