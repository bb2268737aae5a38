/** The version of atlascli: package.json's, read when asked (`--version`, the User-Agent). */
import { readFileSync } from 'node:fs';

/** package.json's `version` (two folders up: from src/program/ and from dist/bundle/ alike). */
export function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}
