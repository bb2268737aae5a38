// The bundle (scripts/bundle.js) gives digest-fetch node:crypto versions of its hashing
// libraries: they must compute exactly what the libraries do, or every digest answer
// to Atlas would be refused.
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const shim = (name: string) => require(`../../scripts/bundle-shims/${name}.cjs`);
const INPUTS = ['', 'abc', 'simpublickey:MMS Public API:sim-private-key-0000', 'GET:/api/atlas/v2/groups?pageNum=1', 'pässwörd ✓ 密码'];

describe('bundle shims for digest-fetch', () => {
  it('md5 equals the md5 package, for ASCII and UTF-8 text', () => {
    const md5 = require('md5') as (s: string) => string;
    for (const s of INPUTS) expect(shim('md5')(s)).toBe(md5(s));
  });

  it('sha256 and sha512_256 equal js-sha256 and js-sha512', () => {
    const { sha256 } = require('js-sha256') as { sha256: (s: string) => string };
    const { sha512_256 } = require('js-sha512') as { sha512_256: (s: string) => string };
    for (const s of INPUTS) {
      expect(shim('js-sha256').sha256(s)).toBe(sha256(s));
      expect(shim('js-sha512').sha512_256(s)).toBe(sha512_256(s));
    }
  });

  it('base64 encode equals base-64 for latin1 text', () => {
    const { encode } = require('base-64') as { encode: (s: string) => string };
    for (const s of ['', 'user:pass', 'us\u00e9r:p\u00e4ss']) expect(shim('base-64').encode(s)).toBe(encode(s));
  });
});
