// digest-fetch's `js-sha512` (sha512_256 of a string, hex), from node:crypto. Swapped in by scripts/bundle.js.
const { createHash } = require('node:crypto');
module.exports = { sha512_256: (message) => createHash('sha512-256').update(message).digest('hex') };
