// Cleverness in one labelled drawer (issue 18, "Reaching into internals"): the tricks that
// reach into V8 or undici's private files live in src/atlas/tuning.ts only, each with its
// measured figure there, and undici is pinned exactly since its private files are used.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('the tuning drawer', () => {
  const files = sources(join(ROOT, 'src')).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

  it("is the only module that imports undici's private files or changes V8 flags", () => {
    const reaching = files.filter((f) => /from ['"]undici\/lib\//.test(f.text) || /\bsetFlagsFromString\b/.test(f.text) || /runInNewContext\(['"]gc['"]\)/.test(f.text));
    expect(reaching.map((f) => f.path)).toEqual(['src/atlas/tuning.ts']);
  });

  it('gives a measured figure for each trick it holds', () => {
    const tuning = files.find((f) => f.path === 'src/atlas/tuning.ts')!.text;
    const tricks = tuning.split(/\n \* \d\. /).slice(1);
    expect(tricks).toHaveLength(3);
    for (const t of tricks) expect(t).toMatch(/Measured[^.]*\d+(\.\d+)? (ms|MiB)/);
  });

  it('pins undici exactly (no range), at the version installed, since its private files are used', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies?: Record<string, string>; devDependencies?: Record<string, string> };
    const spec = pkg.dependencies?.undici ?? pkg.devDependencies?.undici;
    const installed = (JSON.parse(readFileSync(join(ROOT, 'node_modules/undici/package.json'), 'utf8')) as { version: string }).version;
    expect(spec).toBe(installed);
  });
});
