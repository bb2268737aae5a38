// digest-fetch's `base-64` (encode a latin1 string), from Buffer. Swapped in by scripts/bundle.js.
module.exports = { encode: (text) => Buffer.from(text, 'latin1').toString('base64') };
