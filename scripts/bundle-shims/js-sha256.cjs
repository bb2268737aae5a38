// digest-fetch's `js-sha256` (sha256 of a string, hex), from node:crypto. Swapped in by scripts/bundle.js.
const { createHash } = require('node:crypto');
module.exports = { sha256: (message) => createHash('sha256').update(message).digest('hex') };
