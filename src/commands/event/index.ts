import type { Command } from '@commander-js/extra-typings';
import { lazy, withLimit, type Runtime } from '../../program/action.js';
import { EVENT_VIEW } from './views.js';

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `event`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerEvent(event: Command, rt: Runtime): void {
  withLimit(event.command('list').description('list events, newest first, of the project or, with --org <id>, of the organization'))
    .option('--since <date>', 'events at or after: ISO 8601 (2026-11-01, 2026-11-01T10:00:00Z) or a time ago (2h, 3d)')
    .option('--until <date>', 'events at or before: ISO 8601 or a time ago')
    .option('--type <EVENT_TYPE...>', 'only these event types (repeat, or separate with commas), e.g. CLUSTER_CREATED')
    .option('--cluster <name...>', 'only events of these clusters (project events)')
    .addHelpText(
      'after',
      [
        '',
        'Dates go to Atlas as minDate/maxDate, so only the events of the window are fetched.',
        'Event types are checked against the API specification before anything is sent.',
        '',
        'Examples:',
        '  $ atlascli event list --since 2h',
        '  $ atlascli event list --since 2026-11-01 --until 2026-11-02 --type CLUSTER_CREATED --type CLUSTER_DELETED',
        '  $ atlascli event list --since 1d --cluster Cluster0 -o jsonl | jq -r .eventTypeName',
        '  $ atlascli event list --org a1123456789abcdef012345a --since 7d --type GROUP_CREATED',
      ].join('\n'),
    )
    .action(lazy(rt, run('list'), { operationId: ['listGroupEvents', 'listOrgEvents'], view: EVENT_VIEW }));
}
