/**
 * What `private-endpoint` and `network` share: the cloud flag and
 * the lists Atlas serves one cloud at a time.
 */
import { requiredFlag } from '../../args/checks.js';
import { parseProvider, PROVIDERS, type Provider } from '../cluster/validate.js';

export { PROVIDERS, type Provider };

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
