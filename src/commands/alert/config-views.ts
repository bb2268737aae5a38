import type { View } from '../../output/render.js';

type Threshold = { metricName?: string; operator?: string; threshold?: number; units?: string };
type AlertConfig = { metricThreshold?: Threshold; threshold?: Threshold; notifications?: { typeName?: string }[] };

const OPERATORS: Readonly<Record<string, string>> = { GREATER_THAN: '>', LESS_THAN: '<' };

/** `NORMALIZED_SYSTEM_CPU_USER > 90 RAW`, `< 1 HOURS`, or '' for an event without a threshold. */
export function thresholdSummary(c: AlertConfig): string {
  const t = c?.metricThreshold ?? c?.threshold;
  if (!t || typeof t !== 'object') return '';
  const op = t.operator === undefined ? undefined : (OPERATORS[t.operator] ?? t.operator);
  return [t.metricName, op, t.threshold, t.units].filter((x) => x !== undefined && x !== '').join(' ');
}

/** `GROUP,SLACK`: the kinds of its notifications, in order, each once. */
export function notificationTypes(c: AlertConfig): string {
  return [...new Set((c?.notifications ?? []).map((n) => n?.typeName).filter(Boolean))].join(',');
}

export const ALERT_CONFIG_VIEW: View = {
  empty: 'alert configurations',
  columns: [
    { header: 'id', value: 'id', identifier: true },
    { header: 'event type', value: 'eventTypeName' },
    { header: 'enabled', value: 'enabled' },
    { header: 'threshold', value: thresholdSummary },
    { header: 'notifications', value: notificationTypes },
  ],
};
