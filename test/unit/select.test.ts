// --select (src/args/select.ts): parsing refuses bad terms with exit 2's UsageError; terms all hold.
import { describe, expect, it } from 'vitest';
import { parseSelect, type SelectSubject } from '../../src/args/select.js';
import { UsageError } from '../../src/errors.js';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const subject = (over: Partial<SelectSubject> = {}): SelectSubject => ({
  name: 'ci-1234',
  project: 'payments-dev',
  tags: { env: 'dev', team: 'pay' },
  tiers: ['M10'],
  providers: ['AWS'],
  state: 'IDLE',
  paused: false,
  createDate: '2026-12-04T12:00:00Z',
  ...over,
});

describe('parseSelect', () => {
  it('every term must hold', () => {
    const s = parseSelect('name=ci-*,project=*-dev,tag:env=dev,tier=m10,provider=aws,state=idle,paused=false,older-than=1d,newer-than=1w');
    expect(s.terms.length).toBe(9);
    expect(s.matches(subject(), NOW)).toBe(true);
    expect(s.matches(subject({ tags: { env: 'prod' } }), NOW)).toBe(false);
    expect(s.matches(subject({ createDate: '2026-12-06T00:00:00Z' }), NOW)).toBe(false);
    expect(s.matches(subject({ createDate: undefined }), NOW)).toBe(false);
  });

  it('a brace glob keeps its commas', () => {
    const s = parseSelect('name=ci-{1234,9},paused=false');
    expect(s.terms).toEqual(['name=ci-{1234,9}', 'paused=false']);
    expect(s.matches(subject(), NOW)).toBe(true);
    expect(s.matches(subject({ name: 'ci-5' }), NOW)).toBe(false);
  });

  it('a missing tag does not match', () => {
    expect(parseSelect('tag:owner=*').matches(subject(), NOW)).toBe(false);
    expect(parseSelect('tag:team=p*').matches(subject(), NOW)).toBe(true);
  });

  for (const [text, message] of [
    ['', /a term is empty/],
    ['name', /expected key=value/],
    ['=x', /expected key=value/],
    ['name=', /the value is empty/],
    ['colour=red', /unknown key "colour"/],
    ['tag:=x', /needs a key/],
    ['paused=yes', /paused is true or false/],
    ['provider=IBM', /one of AWS, GCP, AZURE/],
    ['older-than=soon', /not a duration/],
    ['newer-than=0h', /not a duration/],
  ] as const) {
    it(`refuses "${text}"`, () => {
      expect(() => parseSelect(text)).toThrow(UsageError);
      expect(() => parseSelect(text)).toThrow(message);
    });
  }
});
