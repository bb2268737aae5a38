// Deterministic pseudo-random numbers for generated data (log lines, slow queries,
// measurements): the same inputs give the same output on every run, so an answer the
// simulator generates can be asserted exactly. No state, no imports.

/** FNV-1a of `s`, 32 bits: an unsigned integer. */
export function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** `b` mixed into the seed `a` (a murmur-like finalizer): an unsigned 32-bit integer. */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ Math.imul(b, 0x27d4eb2d), 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  h ^= h >>> 13;
  return h >>> 0;
}
