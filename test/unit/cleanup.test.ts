import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Cleanup } from '../../src/program/cleanup.js';
import { buildPath } from '../../src/spec/index.js';
import { UsageError } from '../../src/errors.js';

/** One run's registry, its methods bound. */
function registry() {
  const c = new Cleanup();
  return {
    onInterrupt: c.onInterrupt.bind(c),
    registerTempFile: c.registerTempFile.bind(c),
    removeTempFiles: c.removeTempFiles.bind(c),
    runInterruptHooks: c.interrupt.bind(c),
  };
}

describe('cleanup registry', () => {
  it('on an interrupt: runs hooks newest first, removes registered temp files, not what was unregistered', async () => {
    const { onInterrupt, registerTempFile, runInterruptHooks } = registry();
    const dir = mkdtempSync(join(tmpdir(), 'atlascli-cleanup-'));
    const left = join(dir, 'half.download');
    const kept = join(dir, 'done.download');
    writeFileSync(left, 'x');
    writeFileSync(kept, 'y');
    registerTempFile(left);
    registerTempFile(kept)();
    const ran: string[] = [];
    onInterrupt(() => void ran.push('first'));
    onInterrupt(() => {
      throw new Error('a failing hook does not stop the others');
    });
    onInterrupt(() => void ran.push('newest'));
    onInterrupt(() => void ran.push('unregistered'))();
    expect(await runInterruptHooks('SIGTERM')).toBeUndefined();
    expect(existsSync(left)).toBe(false);
    expect(existsSync(kept)).toBe(true);
    expect(ran).toEqual(['newest', 'first']);
    // each hook runs once
    await runInterruptHooks('SIGTERM');
    expect(ran).toEqual(['newest', 'first']);
  });

  it('a hook may set the exit code (the newest that asks wins)', async () => {
    const { onInterrupt, runInterruptHooks } = registry();
    onInterrupt(() => 3);
    onInterrupt(async () => 0);
    expect(await runInterruptHooks('SIGINT')).toBe(0);
  });

  it("each run has its own: an interrupt runs that run's hooks and removes its temp files, no other run's", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'atlascli-cleanup-'));
    const [a, b] = [new Cleanup(), new Cleanup()];
    const ran: string[] = [];
    a.onInterrupt(() => void ran.push('a'));
    b.onInterrupt(() => void ran.push('b'));
    const [fa, fb] = [join(dir, 'a.tmp'), join(dir, 'b.tmp')];
    writeFileSync(fa, 'a');
    writeFileSync(fb, 'b');
    a.registerTempFile(fa);
    b.registerTempFile(fb);
    await a.interrupt('SIGINT');
    expect(ran).toEqual(['a']);
    expect([existsSync(fa), existsSync(fb)]).toEqual([false, true]);
    expect(b.pending).toBe(1);
  });

  it('temp files go on any other way out too', () => {
    const { registerTempFile, removeTempFiles } = registry();
    const dir = mkdtempSync(join(tmpdir(), 'atlascli-cleanup-'));
    const f = join(dir, 'x.tmp');
    writeFileSync(f, 'x');
    registerTempFile(f);
    removeTempFiles();
    expect(existsSync(f)).toBe(false);
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
