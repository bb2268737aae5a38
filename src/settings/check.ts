/**
 * What a setting's value must look like, checked in one place: when `config set` or
 * `config init` stores it, and when a command is about to use it.
 */
import { UsageError } from '../errors.js';
import { definition, OUTPUT_FORMATS, type SettingKey } from './definitions.js';

export { OUTPUT_FORMATS };

const HEX24 = /^[0-9a-f]{24}$/i;

function isHttpUrl(value: string): boolean {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** The value unchanged, or a usage error (exit 2) saying what is wrong with it. */
export function checkSetting(key: SettingKey, value: string): string {
  const what = definition(key).description;
  if (value === '') throw new UsageError(`empty ${what}`, `use: atlascli config unset ${key}`);
  if (key === 'output' && !(OUTPUT_FORMATS as readonly string[]).includes(value)) {
    throw new UsageError(`invalid ${what} "${value}"`, `use one of: ${OUTPUT_FORMATS.join(', ')}`);
  }
  if ((key === 'projectId' || key === 'orgId') && !HEX24.test(value)) {
    throw new UsageError(`invalid ${what} "${value}": expected 24 hexadecimal characters`);
  }
  if (key === 'baseUrl' && !isHttpUrl(value)) {
    throw new UsageError(`invalid ${what} "${value}"`, 'give an http(s) URL such as https://cloud.mongodb.com');
  }
  return value;
}
