import type { Command } from '@commander-js/extra-typings';
import { lazy, withDryRun, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { ALERT_VIEW } from './views.js';
import { registerAlertConfig } from './config.js';

const ALERT: Prints = { operationId: 'getGroupAlert', view: ALERT_VIEW };
const ACK: Prints = { operationId: 'acknowledgeGroupAlert', view: ALERT_VIEW };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `alert`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerAlert(alert: Command, rt: Runtime): void {
  withLimit(alert.command('list').description('list the alerts of the project, oldest first'))
    .option('--status <status>', 'only OPEN, TRACKING or CLOSED alerts')
    .option('--all-projects', "every project the credentials reach (with --org: that organization's), with a PROJECT column")
    .addHelpText('after', "\nExamples:\n  $ atlascli alert list --status OPEN\n  $ atlascli alert list -o json | jq -r '.[] | select(.acknowledgedUntil == null) | .id'")
    .action(lazy(rt, run('list'), { operationId: 'listGroupAlerts', view: ALERT_VIEW }));

  alert
    .command('get <alertId>')
    .description('one alert')
    .addHelpText('after', '\nExamples:\n  $ atlascli alert get f0123456789abcdef012345f -o json')
    .action(lazy(rt, run('get'), ALERT));

  withDryRun(alert.command('ack <alertId>').alias('acknowledge').description('acknowledge an alert: no more notifications until a date'))
    .option('--until <date>', 'until when: ISO 8601 (2026-12-01T09:00:00Z) or a time from now (8h, 3d)')
    .option('--forever', 'for good (a hundred years, as the official CLI does)')
    .option('--comment <text>', `why (at most 200 characters)`)
    .addHelpText(
      'after',
      '\nExamples:\n  $ atlascli alert ack f0123456789abcdef012345f --until 8h --comment "CPU runs high during the migration"\n  $ atlascli alert ack f0123456789abcdef012345f --forever',
    )
    .action(lazy(rt, run('ack'), ACK));

  withDryRun(alert.command('unack <alertId>').alias('unacknowledge').description('take back the acknowledgement of an alert'))
    .addHelpText('after', '\nExamples:\n  $ atlascli alert unack f2123456789abcdef012345f')
    .action(lazy(rt, run('unack'), ACK));

  registerAlertConfig(alert, rt);
}
