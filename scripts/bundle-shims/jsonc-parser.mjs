// jsonc-parser's `main` is a UMD build whose factory require()s its parts through a
// parameter, which a bundler cannot follow; its ES module build is the same code. The
// sources take the CommonJS default export (`import jsonc from 'jsonc-parser'`).
import * as jsonc from '../../node_modules/jsonc-parser/lib/esm/main.js';

export default jsonc;
