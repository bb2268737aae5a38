import { describe, expect, it } from 'vitest';
import { dayName, parseDay, parseHour, windowBody } from '../../src/commands/maintenance/options.js';
import { usage } from '../helpers/expect.js';

describe('maintenance options', () => {
  it('days map to Atlas dayOfWeek: 1 = Sunday … 7 = Saturday (spec: GroupMaintenanceWindow)', () => {
    expect(parseDay('SUNDAY')).toBe(1);
    expect(parseDay('saturday')).toBe(7);
    expect(parseDay('Wed')).toBe(4);
    expect(dayName(1)).toBe('SUNDAY');
    expect(dayName(7)).toBe('SATURDAY');
    expect(usage(() => parseDay('FUNDAY')).hint).toMatch(/did you mean SUNDAY/);
    expect(usage(() => parseDay('0')).hint).toMatch(/by name/);
    usage(() => parseDay('S'));
  });

  it('hours are whole numbers 0 to 23', () => {
    expect(parseHour('0')).toBe(0);
    expect(parseHour('23')).toBe(23);
    for (const bad of ['24', '-1', '3.5', '', 'noon', '007']) usage(() => parseHour(bad));
  });

  it('the body holds what was asked for; --day and --hour are both needed', () => {
    expect(windowBody({ day: 'MONDAY', hour: '3' })).toEqual({ dayOfWeek: 2, hourOfDay: 3 });
    expect(windowBody({ day: 'MONDAY', hour: '3', startAsap: true, autoDefer: false })).toEqual({ dayOfWeek: 2, hourOfDay: 3, startASAP: true, autoDeferOnceEnabled: false });
    expect(usage(() => windowBody({ hour: '3' })).message).toMatch(/missing --day/);
    expect(usage(() => windowBody({})).message).toMatch(/missing --day and --hour/);
  });
});
