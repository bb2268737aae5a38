import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerCleanup, registerTempFile, runCleanup } from '../../src/cleanup.js';
import { buildPath } from '../../src/spec/index.js';
import { UsageError } from '../../src/errors.js';

describe('cleanup registry', () => {
  it('removes registered temp files and runs hooks, but not what was unregistered', () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlascli-cleanup-'));
    const left = join(dir, 'half.download');
    const kept = join(dir, 'done.download');
    writeFileSync(left, 'x');
    writeFileSync(kept, 'y');
    registerTempFile(left);
    registerTempFile(kept)();
    let ran = 0;
    registerCleanup(() => ran++);
    registerCleanup(() => {
      throw new Error('a failing hook does not stop the others');
    });
    runCleanup();
    expect(existsSync(left)).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expect(ran).toBe(1);
    runCleanup();
    expect(ran).toBe(1);
  });
});

describe('buildPath', () => {
  it('encodes names and refuses the ones a URL parser would fold into another endpoint', () => {
    expect(buildPath('getGroupByName', { groupName: 'Project 0' })).toBe('/api/atlas/v2/groups/byName/Project%200');
    expect(buildPath('getGroupByName', { groupName: 'a.b' })).toBe('/api/atlas/v2/groups/byName/a.b');
    expect(buildPath('getGroupByName', { groupName: '...' })).toBe('/api/atlas/v2/groups/byName/...');
    for (const n of ['.', '..', '']) expect(() => buildPath('getGroupByName', { groupName: n })).toThrow(UsageError);
  });
});
