/**
 * `atlascli alert config …` (alias `alert settings`): the project's alert configurations,
 * what makes alerts fire and whom they notify. Registered from alert/index.ts with one call;
 * the handlers are in config-run.ts.
 */
import type { Command } from '@commander-js/extra-typings';
import { examples, lazy, withDryRun, withIfExists, withLimit, type Prints, type Runtime } from '../../program/action.js';
import { ALERT_CONFIG_VIEW } from './config-views.js';

const run =
  <N extends keyof typeof import('./config-run.js')>(name: N) =>
  async () =>
    (await import('./config-run.js'))[name];

const ONE: Prints = { operationId: 'getGroupAlertConfig', view: ALERT_CONFIG_VIEW };
const ID = '65a1b2c3d4e5f60718293a01';
const SECRETS = '\nNotification credentials (API tokens, service keys, webhook secrets…) are never printed: masked in tables, JSON, --debug and errors.';

export function registerAlertConfig(alert: Command, rt: Runtime): void {
  const config = alert
    .command('config')
    .alias('settings')
    .description('the alert configurations of the project: what fires alerts and who is notified')
    .addHelpText('after', examples('atlascli alert config list', `atlascli alert config disable ${ID}`, 'atlascli alert config create --file cpu.json'));

  withLimit(config.command('list').description('list the alert configurations of the project'))
    .addHelpText('after', `${SECRETS}\n${examples('atlascli alert config list', "atlascli alert config list -o json | jq -r '.[] | select(.enabled) | .id'")}`)
    .action(lazy(rt, run('list'), { operationId: 'listGroupAlertConfigs', view: ALERT_CONFIG_VIEW }));

  config
    .command('get <alertConfigId>')
    .description('one alert configuration')
    .addHelpText('after', `${SECRETS}\n${examples(`atlascli alert config get ${ID} -o json > cpu.json`)}`)
    .action(lazy(rt, run('get'), ONE));

  withDryRun(
    config
      .command('create')
      .description("create an alert configuration from a JSON file (the API's document; checked against the spec before sending)")
      .option('--file <file>', 'the configuration as JSON (- for stdin); what `alert config get -o json` prints may be given back'),
  )
    .addHelpText(
      'after',
      `\nThe file is checked against the request schema of the API before anything is sent: a problem is named by its JSON pointer (/notifications/0/typeName).${SECRETS}\n${examples(
        'atlascli alert config create --file cpu.json',
        `atlascli alert config get ${ID} -o json | atlascli alert config create --file -`,
      )}`,
    )
    .action(lazy(rt, run('create'), ONE));

  withDryRun(
    config
      .command('update <alertConfigId>')
      .description('replace an alert configuration with the one in a JSON file (get → edit → update)')
      .option('--file <file>', 'the configuration as JSON (- for stdin): what `alert config get -o json` prints, edited'),
  )
    .addHelpText(
      'after',
      `\nRead-only fields (id, created, updated, links) are dropped. A masked credential (********) is left out and Atlas keeps the stored one when its notification keeps its notifierId.${SECRETS}\n${examples(
        `atlascli alert config get ${ID} -o json > cpu.json && $EDITOR cpu.json && atlascli alert config update ${ID} --file cpu.json`,
      )}`,
    )
    .action(lazy(rt, run('update'), ONE));

  withDryRun(config.command('enable <alertConfigId>').description('turn an alert configuration on'))
    .addHelpText('after', examples(`atlascli alert config enable ${ID}`))
    .action(lazy(rt, run('enable'), { operationId: 'toggleGroupAlertConfig', view: ALERT_CONFIG_VIEW }));

  withDryRun(config.command('disable <alertConfigId>').description('turn an alert configuration off (it is kept)'))
    .addHelpText('after', examples(`atlascli alert config disable ${ID}`))
    .action(lazy(rt, run('disable'), { operationId: 'toggleGroupAlertConfig', view: ALERT_CONFIG_VIEW }));

  withIfExists(withDryRun(config.command('delete <alertConfigId>').description('delete an alert configuration (asks first; --force in scripts)')))
    .addHelpText('after', examples(`atlascli alert config delete ${ID} --force`))
    .action(lazy(rt, run('remove'), { fields: ['id', 'deleted'] }));
}
