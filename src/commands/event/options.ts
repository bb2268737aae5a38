/**
 * Define: `event list` arguments → the checked query of listGroupEvents or listOrgEvents.
 * Everything here throws a UsageError (exit 2) before any request is sent.
 */
import { UsageError } from '../../errors.js';
import { checkWindow, isoSeconds, parseDate } from '../../args/dates.js';
import { suggestionHint } from '../../args/suggest.js';
import { checkClusterName } from '../../args/names.js';
import { operation } from '../../spec/index.js';

export type EventScope = 'project' | 'org';

export const LIST_OPERATION: Record<EventScope, 'listGroupEvents' | 'listOrgEvents'> = { project: 'listGroupEvents', org: 'listOrgEvents' };

/** The event types Atlas takes for a scope: the enum of the list operation's `eventType` (hundreds, from the spec). */
export function eventTypes(scope: EventScope): readonly string[] {
  const values = operation(LIST_OPERATION[scope])?.query?.eventType?.enum ?? [];
  return values.map(String);
}

export interface EventListFlags {
  since?: string;
  until?: string;
  type?: string[];
  cluster?: string[];
}

/** The query of the list operation (minus paging), as the client sends it. */
export interface EventQuery {
  minDate?: string;
  maxDate?: string;
  eventType?: string[];
  clusterNames?: string[];
}

/**
 * `--since`/`--until` (ISO 8601 or a time ago: `2h`, `3d`) become Atlas's inclusive
 * `minDate`/`maxDate`, rounded inwards to whole seconds (Atlas dates events to the second,
 * so the window holds exactly the events at or after --since and at or before --until);
 * `--type` (repeatable, or comma-separated) must be in the spec's list for the scope;
 * `--cluster` filters project events only. `now` is epoch ms.
 */
export function eventQuery(flags: EventListFlags, scope: EventScope, now = Date.now()): EventQuery {
  const query: EventQuery = {};
  const since = flags.since === undefined ? undefined : parseDate('--since', flags.since, { now });
  const until = flags.until === undefined ? undefined : parseDate('--until', flags.until, { now });
  if (since && until) checkWindow('--since', since, '--until', until);
  if (since) query.minDate = isoSeconds(new Date(Math.ceil(since.getTime() / 1000) * 1000));
  if (until) query.maxDate = isoSeconds(new Date(Math.floor(until.getTime() / 1000) * 1000));

  const types = split(flags.type);
  if (types.length) {
    const known = eventTypes(scope);
    const knownSet = new Set(known);
    const what = scope === 'org' ? 'organization event types' : 'project event types';
    query.eventType = [
      ...new Set(
        types.map((t) => {
          const v = t.toUpperCase();
          if (!knownSet.has(v)) throw new UsageError(`unknown event type "${t}" for ${scope === 'org' ? 'organization' : 'project'} events`, suggestionHint(v, known, what));
          return v;
        }),
      ),
    ];
  }

  const clusters = split(flags.cluster);
  if (clusters.length) {
    if (scope === 'org') throw new UsageError('--cluster filters project events; organization events have no cluster', 'leave out --org to list the events of the project');
    for (const c of clusters) checkClusterName(c);
    query.clusterNames = [...new Set(clusters)];
  }
  return query;
}

function split(values: string[] | undefined): string[] {
  return (values ?? [])
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}
