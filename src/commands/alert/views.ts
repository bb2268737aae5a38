import type { View } from '../../output/render.js';

type Alert = { clusterName?: string; hostnameAndPort?: string; replicaSetName?: string };

/** Where an alert fired: its cluster, else its host, else its replica set. */
export function alertTarget(a: Alert): string {
  return a?.clusterName ?? a?.hostnameAndPort ?? a?.replicaSetName ?? '';
}

export const ALERT_VIEW: View = {
  empty: 'alerts',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'type', value: 'eventTypeName' },
    { header: 'status', value: 'status' },
    { header: 'cluster or host', value: alertTarget },
    { header: 'created', value: 'created' },
    { header: 'acknowledged until', value: 'acknowledgedUntil' },
  ],
};
