/**
 * Checks of what users type for access lists and temporary users, before any request
 * (each failure is a UsageError, exit 2): IP addresses and CIDR blocks, comments,
 * expiry dates and TTLs. Addresses are checked by node:net (`isIP`), network
 * addresses computed by ipaddr.js.
 */
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { UsageError } from '../../errors.js';
import { isoSeconds, parseDate, parseDuration } from '../../args/dates.js';

/** One access-list entry as typed, checked and put in the form Atlas takes. */
export interface AddressEntry {
  /** what was typed */
  input: string;
  /**
   * The entry in the form sent and shown: an IPv4 address (203.0.113.7), an IPv6
   * address in full form (2001:db8:0:0:0:0:0:1, what the spec's patterns take), or a
   * block (10.0.0.0/8). In a path its `/` is sent as %2F.
   */
  value: string;
  /** the entry's CIDR block, as Atlas keys it: a single address as /32 or /128 */
  cidrBlock: string;
  /** a single address typed without a prefix length: sent as `ipAddress`, else `cidrBlock` */
  address: boolean;
}

/** The longest comment Atlas keeps on an access-list entry. */
export const MAX_COMMENT = 80;
/** How far ahead an entry or a temporary user may expire (Atlas: one week). */
export const MAX_EXPIRY_MS = 7 * 24 * 3600 * 1000;

/**
 * An IPv4 or IPv6 address, or a CIDR block whose host bits are zero. Throws a
 * UsageError naming the problem; for a block with host bits set, the hint names the
 * network address it would be.
 */
export function parseAddress(input: string): AddressEntry {
  const text = input.trim();
  const [addr = '', prefix, extra] = text.split('/');
  const family = isIP(addr);
  if (!text || extra !== undefined || family === 0 || addr.includes('%')) {
    throw new UsageError(`invalid address "${input}": not an IPv4 or IPv6 address or CIDR block`, 'give e.g. 203.0.113.7, 10.0.0.0/8 or 2001:db8::/32');
  }
  const ip = ipaddr.parse(addr);
  const max = family === 4 ? 32 : 128;
  const shown = family === 4 ? ip.toString() : ip.toNormalizedString();
  if (prefix === undefined) return { input, value: shown, cidrBlock: `${shown}/${max}`, address: true };
  if (!/^\d{1,3}$/.test(prefix) || Number(prefix) > max) {
    throw new UsageError(`invalid CIDR block "${input}": the prefix length must be 0 to ${max} for an IPv${family} address`);
  }
  const bits = Number(prefix);
  const network = family === 4 ? ipaddr.IPv4.networkAddressFromCIDR(`${addr}/${bits}`) : ipaddr.IPv6.networkAddressFromCIDR(`${addr}/${bits}`);
  const net = family === 4 ? network.toString() : network.toNormalizedString();
  if (net !== shown) {
    const compact = family === 4 ? net : network.toString();
    throw new UsageError(
      `invalid CIDR block "${input}": host bits are set; the network address is ${compact}/${bits}`,
      `use ${compact}/${bits} for the block, or ${addr} alone for the single address`,
    );
  }
  return { input, value: `${shown}/${bits}`, cidrBlock: `${shown}/${bits}`, address: false };
}

/** Parses every entry; the same block given twice is kept once. */
export function parseAddresses(inputs: readonly string[]): AddressEntry[] {
  const out = new Map<string, AddressEntry>();
  for (const i of inputs) {
    const e = parseAddress(i);
    if (!out.has(e.cidrBlock)) out.set(e.cidrBlock, e);
  }
  return [...out.values()];
}

/** `--comment`: at most 80 characters. */
export function checkComment(comment: string | undefined): string | undefined {
  if (comment === undefined) return undefined;
  if ([...comment].length > MAX_COMMENT) {
    throw new UsageError(`--comment is ${[...comment].length} characters long: Atlas keeps at most ${MAX_COMMENT}`);
  }
  return comment;
}

/**
 * `--delete-after <date>` or `--ttl <duration>`: when the entry or user expires, as
 * Atlas's `deleteAfterDate` (ISO 8601, seconds). Refuses both at once, a date that is
 * not in the future, and one more than a week ahead. `now` in epoch ms.
 */
export function parseExpiry(opts: { deleteAfter?: string; ttl?: string }, now = Date.now()): string | undefined {
  if (opts.deleteAfter !== undefined && opts.ttl !== undefined) throw new UsageError('give --delete-after or --ttl, not both');
  let at: number;
  let flag: string;
  if (opts.ttl !== undefined) {
    flag = `--ttl ${opts.ttl}`;
    at = now + parseDuration('--ttl', opts.ttl).ms;
  } else if (opts.deleteAfter !== undefined) {
    flag = `--delete-after ${opts.deleteAfter}`;
    at = parseDate('--delete-after', opts.deleteAfter, { now, relative: 'future' }).getTime();
    if (at <= now) throw new UsageError(`invalid --delete-after "${opts.deleteAfter}": ${isoSeconds(new Date(at))} is not in the future`);
  } else return undefined;
  if (at - now > MAX_EXPIRY_MS) {
    throw new UsageError(`invalid ${flag}: Atlas keeps temporary entries and users at most one week`, `give at most 7d (until ${isoSeconds(new Date(now + MAX_EXPIRY_MS))})`);
  }
  return isoSeconds(new Date(at));
}

/** The request-body item of an entry (`ipAddress` or `cidrBlock`, with comment and expiry). */
export function entryBody(e: AddressEntry, comment?: string, deleteAfterDate?: string): Record<string, string> {
  return {
    ...(e.address ? { ipAddress: e.value } : { cidrBlock: e.value }),
    ...(comment !== undefined ? { comment } : {}),
    ...(deleteAfterDate !== undefined ? { deleteAfterDate } : {}),
  };
}
