// digest-fetch's `md5` (hex digest of a string), from node:crypto: same results, no
// hashing library to load. Swapped in by scripts/bundle.js.
const { createHash } = require('node:crypto');
module.exports = (message) => createHash('md5').update(message).digest('hex');
