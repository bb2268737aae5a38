/**
 * Where the spec data files are (src/spec/*.json: operations, schemas, api-docs), as a
 * folder URL. Two folders up from this module, then src/spec/: the same from
 * src/spec/files.ts (tests), dist/spec/files.js (tsc) and dist/bundle/ (the bundled CLI,
 * whose chunks sit at the same depth), so the package ships src/spec/*.json as they are.
 */
export const SPEC_DATA_DIR = new URL('../../src/spec/', import.meta.url);
