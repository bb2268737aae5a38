/**
 * The one way atlascli writes a file of its own (the config file, the service-account
 * token cache): a JSON document written atomically (a temporary file renamed over the
 * old one, by `conf`, through its `atomically` writer), mode 0600 in a 0700 folder, so
 * two runs at once, or a run killed mid-write, never leave half a file. `conf` is loaded
 * only when something is written.
 */
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Writes `data` as `<dir>/<name>.json` atomically, mode 0600 (the folder made 0700 when
 * missing). A file there that is not valid JSON is replaced.
 * @throws the file system's error (EACCES, EROFS, ENOSPC…) when it cannot be written
 */
export async function writeJsonFile(dir: string, name: string, data: Record<string, unknown>): Promise<void> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const { default: Conf } = await import('conf');
  const file = new Conf<Record<string, unknown>>({
    cwd: dir,
    configName: name,
    projectName: 'atlascli',
    configFileMode: 0o600,
    accessPropertiesByDotNotation: false,
    // what is there is replaced whole: a file that does not parse is no reason to fail
    clearInvalidConfig: true,
  });
  file.store = data;
  // conf applies the mode when it creates the file; an older file keeps its own
  chmodSync(join(dir, `${name}.json`), 0o600);
}
