/**
 * What `private-endpoint` and `network` share: the cloud flag, `--wait` with its timeout,
 * and the lists Atlas serves one cloud at a time.
 */
import { requiredFlag } from '../../args/checks.js';
import type { Command, OptionValues } from '@commander-js/extra-typings';
import { parseProvider, PROVIDERS, type Provider } from '../cluster/validate.js';

export { PROVIDERS, type Provider };

export const WAIT_HELP =
  '\nWaiting polls (every 1 s, backing off to 10 s; ATLASCLI_POLL_MS=<ms> for a fixed interval) with a spinner on a terminal, a line per change otherwise, on stderr.';

/** `--wait` and `--wait-timeout` on a command that waits until `until`. */
export function withWait<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(cmd: Command<Args, Opts, Globals>, until: string) {
  return cmd.option('--wait', `wait until ${until}`).option('--wait-timeout <seconds>', 'give up waiting after this long (default 1800)').addHelpText('after', WAIT_HELP);
}

/**
 * `--provider aws` → `AWS` where the command needs one cloud.
 * @throws UsageError when it is missing (`needed` names the command) or not AWS, AZURE or GCP
 */
export function requireProvider(value: string | undefined, needed: string): Provider {
  return parseProvider(requiredFlag(value, '--provider', `${needed} needs the cloud: --provider ${PROVIDERS.join('|')}`));
}

/** The clouds a list covers: the one of `--provider`, else all three (Atlas lists them one cloud at a time). */
export function providersOf(value: string | undefined): Provider[] {
  return value === undefined ? ['AWS', 'AZURE', 'GCP'] : [parseProvider(value)];
}
