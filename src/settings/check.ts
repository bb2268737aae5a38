/**
 * What a setting's value must look like, checked in one place: when `config set` or
 * `config init` stores it, and when a command is about to use it.
 */
import { UsageError } from '../errors.js';
import { definition, OUTPUT_FORMATS, type SettingKey } from './definitions.js';
import { firstControl } from '../output/printable.js';

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
  // an id (24 hexadecimal characters) or a name (src/program/names.ts), never control characters
  if ((key === 'projectId' || key === 'orgId') && !HEX24.test(value)) {
    if (firstControl(value) || value.trim() !== value || value.length > 64) {
      throw new UsageError(
        `invalid ${what} ${JSON.stringify(value)}: expected an id (24 hexadecimal characters) or a name (1 to 64 characters, no control characters, no leading or trailing spaces)`,
      );
    }
  }
  if (key === 'baseUrl' && !isHttpUrl(value)) {
    throw new UsageError(`invalid ${what} "${value}"`, 'give an http(s) URL such as https://cloud.mongodb.com');
  }
  return value;
}
