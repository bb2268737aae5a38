import { describe, expect, it } from 'vitest';
import { dayName, needsCurrentWindow, parseDay, parseHour, windowBody, windowChanges } from '../../src/commands/maintenance/options.js';
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

  it('the body holds what was asked for; every flag works alone, the day and hour not given kept from the window as it is', () => {
    const now = { dayOfWeek: 3, hourOfDay: 4, autoDeferOnceEnabled: false };
    expect(windowBody(windowChanges({ day: 'MONDAY', hour: '3' }))).toEqual({ dayOfWeek: 2, hourOfDay: 3 });
    expect(windowBody(windowChanges({ day: 'MONDAY', hour: '3', startAsap: true, autoDefer: false }))).toEqual({
      dayOfWeek: 2,
      hourOfDay: 3,
      startASAP: true,
      autoDeferOnceEnabled: false,
    });
    // the spec requires dayOfWeek in every body: a flag alone sends the current day and hour with it
    expect(windowBody(windowChanges({ autoDefer: true }), now)).toEqual({ dayOfWeek: 3, hourOfDay: 4, autoDeferOnceEnabled: true });
    expect(windowBody(windowChanges({ autoDefer: false }), now)).toEqual({ dayOfWeek: 3, hourOfDay: 4, autoDeferOnceEnabled: false });
    expect(windowBody(windowChanges({ startAsap: true }), now)).toEqual({ dayOfWeek: 3, hourOfDay: 4, startASAP: true });
    expect(windowBody(windowChanges({ hour: '22' }), now)).toEqual({ dayOfWeek: 3, hourOfDay: 22 });
    expect(windowBody(windowChanges({ day: 'sat' }), now)).toEqual({ dayOfWeek: 7, hourOfDay: 4 });
    expect(needsCurrentWindow(windowChanges({ day: 'MONDAY', hour: '3', autoDefer: true }))).toBe(false);
    expect(needsCurrentWindow(windowChanges({ autoDefer: true }))).toBe(true);
    expect(usage(() => windowChanges({})).message).toBe('nothing to change');
    expect(usage(() => windowBody(windowChanges({ autoDefer: true }), {})).message).toMatch(/no maintenance window yet: give --day and --hour/);
  });
});
