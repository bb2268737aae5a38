import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Where the spec data files are (src/spec/*.json: operations, schemas, api-docs), as a
 * folder URL. Two folders up from this module, then src/spec/: the same from
 * src/spec/files.ts (tests), dist/spec/files.js (tsc) and dist/bundle/ (the bundled CLI,
 * whose chunks sit at the same depth), so the package ships src/spec/*.json as they are.
 */
export const SPEC_DATA_DIR = new URL('../../src/spec/', import.meta.url);

/**
 * One spec data file (`schemas.json`, `api-docs.json`…), parsed: the JSON as generated when
 * it is there (a clone), else its gzip copy (`<name>.gz`, written by the build and shipped
 * instead of the JSON: the package stays small; gunzip of the largest takes a few ms).
 * @throws Error when neither is there or the content is not JSON
 */
export function readSpecData<T>(name: string): T {
  let text: string;
  try {
    text = readFileSync(new URL(name, SPEC_DATA_DIR), 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    text = gunzipSync(readFileSync(new URL(`${name}.gz`, SPEC_DATA_DIR))).toString('utf8');
  }
  return JSON.parse(text) as T;
}
