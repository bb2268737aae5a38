import type { View } from '../../output/render.js';

/** Day names in Atlas's order: `dayOfWeek` is 1 for Sunday … 7 for Saturday (spec: GroupMaintenanceWindow). */
export const DAYS = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'] as const;

/** `dayOfWeek` 1…7 → `SUNDAY`…`SATURDAY` (the number itself when out of range). */
export function dayName(dayOfWeek: number | undefined): string {
  if (dayOfWeek === undefined) return '';
  return DAYS[dayOfWeek - 1] ?? String(dayOfWeek);
}

export const MAINTENANCE_VIEW: View = {
  columns: [
    { header: 'day', value: (w: { dayOfWeek?: number }) => dayName(w?.dayOfWeek) },
    { header: 'hour', value: 'hourOfDay' },
    { header: 'start asap', value: 'startASAP' },
    { header: 'deferrals', value: 'numberOfDeferrals' },
    { header: 'auto defer', value: 'autoDeferOnceEnabled' },
    { header: 'time zone', value: 'timeZoneId' },
  ],
};
