import type { Command } from '@commander-js/extra-typings';
import { lazy, withDryRun, type Prints, type Runtime } from '../../program/action.js';
import { MAINTENANCE_VIEW } from './views.js';

const WINDOW: Prints = { operationId: 'getGroupMaintenanceWindow', view: MAINTENANCE_VIEW };

const run =
  <N extends keyof typeof import('./run.js')>(name: N) =>
  async () =>
    (await import('./run.js'))[name];

/** The subcommands of `maintenance`, added to the group's command when it is used (its header is in ../groups.ts). */
export function registerMaintenance(m: Command, rt: Runtime): void {
  m.command('get')
    .description('show the maintenance window: day, hour, start ASAP, deferrals, auto-defer')
    .option('--all-projects', "every project the credentials reach (with --org: that organization's), one window each, with a PROJECT column (JSON: the window with its groupId)")
    .addHelpText('after', '\nExamples:\n  $ atlascli maintenance get\n  $ atlascli maintenance get -o json')
    .action(lazy(rt, run('get'), WINDOW));

  withDryRun(
    m
      .command('set')
      .description('change the maintenance window: the day and hour it starts (in its time zone, UTC unless changed in the UI), start ASAP, auto-defer; each flag works alone'),
  )
    .option('--day <day>', 'SUNDAY, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY or SATURDAY')
    .option('--hour <0-23>', 'hour of the day maintenance starts')
    .option('--start-asap', 'start scheduled maintenance as soon as possible')
    .option('--auto-defer', 'defer every scheduled maintenance by one week')
    .option('--no-auto-defer', 'stop deferring scheduled maintenance automatically')
    .addHelpText(
      'after',
      '\nWhat is not given is kept (read from the window first: Atlas needs the day in every change).\n\nExamples:\n  $ atlascli maintenance set --day SUNDAY --hour 3\n  $ atlascli maintenance set --day saturday --hour 22 --auto-defer\n  $ atlascli maintenance set --no-auto-defer',
    )
    .action(lazy(rt, run('set'), WINDOW));

  withDryRun(m.command('defer').description('defer the scheduled maintenance by one week (Atlas allows two deferrals)'))
    .addHelpText('after', '\nExamples:\n  $ atlascli maintenance defer')
    .action(lazy(rt, run('defer'), WINDOW));

  withDryRun(m.command('reset').description('remove the custom window: Atlas picks one again (asks first; --force in scripts)'))
    .addHelpText('after', '\nExamples:\n  $ atlascli maintenance reset --force')
    .action(lazy(rt, run('reset'), { fields: ['reset', 'groupId'] }));
}
