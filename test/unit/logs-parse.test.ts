import { describe, expect, it } from 'vitest';
import { fileNameFrom } from '../../src/commands/logs/download.js';
import { keep, parseFilter, parseLine, severityAt, severityRank } from '../../src/commands/logs/parse.js';
import { usage } from '../helpers/expect.js';

describe('log lines', () => {
  it('parses structured JSON lines (4.4+)', () => {
    const e = parseLine('{"t":{"$date":"2026-11-01T10:00:00.000+00:00"},"s":"W","c":"REPL","id":21402,"ctx":"ReplCoord-1","msg":"Heartbeat failed","attr":{"x":1}}');
    expect(e).toMatchObject({ t: '2026-11-01T10:00:00.000+00:00', s: 'W', c: 'REPL', ctx: 'ReplCoord-1', msg: 'Heartbeat failed', attr: { x: 1 }, id: 21402 });
  });
  it('parses the older text lines', () => {
    expect(parseLine('2019-04-05T15:38:24.123+0000 I NETWORK  [conn123] end connection 10.0.0.1:5000')).toMatchObject({
      s: 'I',
      c: 'NETWORK',
      ctx: 'conn123',
      msg: 'end connection 10.0.0.1:5000',
    });
    expect(parseLine('2019-04-05T15:38:24.123+0000 D2 QUERY    [conn9] plan')).toMatchObject({ s: 'D2', c: 'QUERY' });
  });
  it('keeps lines of no known form as messages', () => {
    expect(parseLine('hello')).toMatchObject({ msg: 'hello', s: '' });
  });
  it('filters by severity and worse, component and regex', () => {
    const f = parseFilter({ severity: 'warning', component: ['repl,network'], grep: 'Heart' });
    expect(keep(parseLine('{"s":"W","c":"REPL","msg":"Heartbeat failed"}'), f)).toBe(true);
    expect(keep(parseLine('{"s":"E","c":"REPL","msg":"Heartbeat failed"}'), f)).toBe(true);
    expect(keep(parseLine('{"s":"I","c":"REPL","msg":"Heartbeat failed"}'), f)).toBe(false);
    expect(keep(parseLine('{"s":"W","c":"ACCESS","msg":"Heartbeat failed"}'), f)).toBe(false);
    usage(() => parseFilter({ severity: 'loud' }));
    usage(() => parseFilter({ grep: '(' }));
  });
});

describe('file names from Content-Disposition', () => {
  it('takes the recorded form and refuses paths', () => {
    expect(fileNameFrom('attachment; filename="h_2026-08-09T03:44:46.000000781_2026-08-10T03:44:46.000000781_MONGODB.log.gz"', 'h', 'mongodb')).toBe(
      'h_2026-08-09T03:44:46.000000781_2026-08-10T03:44:46.000000781_MONGODB.log.gz',
    );
    expect(fileNameFrom('attachment; filename="../../etc/passwd"', 'h', 'mongodb')).toBe('passwd');
    expect(fileNameFrom('attachment; filename=".hidden"', 'h', 'mongodb')).toBe('hidden');
    expect(fileNameFrom(null, 'h', 'mongos')).toBe('h_mongos.log.gz');
    expect(fileNameFrom('garbage;;', 'h', 'mongodb')).toBe('h_mongodb.log.gz');
  });
});

describe('severityAt', () => {
  const at = (line: string) => {
    // the line in the middle of a chunk, as logs show meets it
    const buf = Buffer.from(`xx\n${line}\nyy`);
    return severityAt(buf, 3, 3 + Buffer.byteLength(line));
  };

  it('reads the severity of a structured line in place, as parseLine would rank it', () => {
    for (const s of ['F', 'E', 'W', 'I', 'D']) {
      const line = `{"t":{"$date":"2026-11-01T10:00:00.123+00:00"},"s":"${s}",  "c":"NETWORK",  "id":22943,   "ctx":"listener","msg":"é"}`;
      expect(at(line), s).toBe(severityRank(parseLine(line).s));
    }
  });

  it('is undefined (the line is parsed whole) for any other form', () => {
    expect(at('{"atype":"authenticate","ts":{"$date":"2026-11-01T10:00:00.000+00:00"},"result":0}')).toBeUndefined();
    expect(at('2019-04-05T15:38:24.123+0000 I NETWORK  [conn12] msg')).toBeUndefined();
    expect(at('{"t":{"$date":"2026-11-01T10:00:00.123+00:00"}, "padding": "' + 'x'.repeat(80) + '", "s":"F"}')).toBeUndefined();
    expect(at('{"t":')).toBeUndefined();
    expect(at('')).toBeUndefined();
  });
});
