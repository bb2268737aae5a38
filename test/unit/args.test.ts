import { describe, expect, it } from 'vitest';
import { parseBool, parseCount, parseSeconds, TIMEOUT_SECONDS } from '../../src/args/values.js';
import * as fromContext from '../../src/program/context.js';
import * as fromShared from '../../src/commands/shared.js';
import { UsageError } from '../../src/errors.js';

describe('parseSeconds', () => {
  it('takes plain decimal seconds within the bounds', () => {
    expect(parseSeconds('--timeout', '0.5', TIMEOUT_SECONDS)).toBe(0.5);
    expect(parseSeconds('--timeout', ' 60 ', TIMEOUT_SECONDS)).toBe(60);
    expect(parseSeconds('--timeout', '3600', TIMEOUT_SECONDS)).toBe(3600);
  });

  it.each(['0.0001', '0.09', '3600.5', '9999999999', 'abc', '1e3', '-1', '0', '', 'Infinity'])('refuses --timeout %j', (v) => {
    expect(() => parseSeconds('--timeout', v, TIMEOUT_SECONDS)).toThrow(UsageError);
    expect(() => parseSeconds('--timeout', v, TIMEOUT_SECONDS)).toThrow(/--timeout/);
  });

  it('names the bound it broke', () => {
    expect(() => parseSeconds('--timeout', '0.0001', TIMEOUT_SECONDS)).toThrow(/at least 0.1 seconds/);
    expect(() => parseSeconds('--timeout', '9999999999', TIMEOUT_SECONDS)).toThrow(/at most 3600 seconds/);
  });

  it('caps a wait at a week by default', () => {
    expect(parseSeconds('--wait-timeout', '604800')).toBe(604800);
    expect(() => parseSeconds('--wait-timeout', '604801')).toThrow(/at most 604800/);
  });
});

describe('parseLimit', () => {
  it('takes 1 or more, and nothing without the flag', async () => {
    const { parseLimit } = await import('../../src/args/values.js');
    expect(parseLimit({})).toBeUndefined();
    expect(parseLimit({ limit: '1' })).toBe(1);
    expect(() => parseLimit({ limit: '0' })).toThrow(/"0": give at least 1$/);
    expect(() => parseLimit({ limit: '-1' })).toThrow(/"-1": give at least 1$/);
  });
});

describe('parseCount', () => {
  it('takes whole numbers from min up to the largest exact integer', () => {
    expect(parseCount('--limit', '0')).toBe(0);
    expect(parseCount('--limit', String(Number.MAX_SAFE_INTEGER))).toBe(Number.MAX_SAFE_INTEGER);
    expect(parseCount('--port', '65535', { max: 65535 })).toBe(65535);
  });

  it.each([
    ['99999999999999999999', /at most 9007199254740991/],
    ['9007199254740992', /at most/],
    ['1.5', /whole number/],
    ['-3', /"-3": give at least 0$/],
    ['abc', /whole number/],
    ['', /whole number/],
  ])('refuses %j', (v, re) => {
    expect(() => parseCount('--oplog-size-mb', v)).toThrow(re);
  });

  it('keeps the old positional min and takes bounds', () => {
    expect(() => parseCount('--shards', '0', 1)).toThrow(/at least 1/);
    expect(() => parseCount('--port', '65536', { max: 65535 })).toThrow(/at most 65535/);
  });
});

describe('parseBool', () => {
  it('reads the usual spellings and refuses others', () => {
    expect(['true', 'YES', '1', 'on'].map((v) => parseBool('--x', v))).toEqual([true, true, true, true]);
    expect(['false', 'No', '0', 'off'].map((v) => parseBool('--x', v))).toEqual([false, false, false, false]);
    expect(() => parseBool('--x', 'maybe')).toThrow(/invalid --x "maybe"/);
  });
});

describe('old import places', () => {
  it('re-export the same parsers', () => {
    expect(fromContext.parseCount).toBe(parseCount);
    expect(fromContext.parseSeconds).toBe(parseSeconds);
    expect(fromShared.parseBool).toBe(parseBool);
    expect(fromShared.parseCount).toBe(parseCount);
  });
});
