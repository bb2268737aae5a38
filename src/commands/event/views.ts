import type { View } from '../../output/render.js';

type Event = { username?: string; publicKey?: string; userId?: string; apiKeyId?: string };

/** Who caused an event: a user's name or an API key's public key; empty for Atlas's own. */
export function eventActor(e: Event): string {
  return e?.username ?? e?.publicKey ?? '';
}

export const EVENT_VIEW: View = {
  empty: 'events',
  columns: [
    { header: 'id', value: 'id' },
    { header: 'created', value: 'created' },
    { header: 'type', value: 'eventTypeName' },
    { header: 'cluster', value: 'clusterName' },
    { header: 'by', value: eventActor },
  ],
};
