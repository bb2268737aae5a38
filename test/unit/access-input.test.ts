import { describe, expect, it } from 'vitest';
import { checkComment, entryBody, parseAddress, parseAddresses, parseExpiry } from '../../src/commands/whitelist/input.js';
import { usage } from '../helpers/expect.js';

const NOW = Date.parse('2026-03-01T12:00:00Z');

describe('access-list addresses', () => {
  it('takes IPv4 and IPv6 addresses and blocks, IPv6 in the full form the spec patterns take', () => {
    expect(parseAddress('203.0.113.7')).toEqual({ input: '203.0.113.7', value: '203.0.113.7', cidrBlock: '203.0.113.7/32', address: true });
    expect(parseAddress('10.0.0.0/8')).toMatchObject({ value: '10.0.0.0/8', cidrBlock: '10.0.0.0/8', address: false });
    expect(parseAddress('2001:db8::1')).toMatchObject({ value: '2001:db8:0:0:0:0:0:1', cidrBlock: '2001:db8:0:0:0:0:0:1/128', address: true });
    expect(parseAddress('2001:db8::/32')).toMatchObject({ value: '2001:db8:0:0:0:0:0:0/32', address: false });
    expect(parseAddress('0.0.0.0/0').value).toBe('0.0.0.0/0');
  });

  it('refuses invalid addresses and prefix lengths out of range', () => {
    for (const bad of ['256.1.1.1', '1.2.3', '010.1.1.1', 'example.com', '', 'fe80::1%eth0', '10.0.0.0/8/1', '2001:db8::g']) {
      expect(usage(() => parseAddress(bad)).message).toMatch(/not an IPv4 or IPv6 address/);
    }
    expect(usage(() => parseAddress('10.0.0.0/33')).message).toMatch(/prefix length must be 0 to 32/);
    expect(usage(() => parseAddress('2001:db8::/129')).message).toMatch(/0 to 128/);
    expect(usage(() => parseAddress('10.0.0.0/x')).message).toMatch(/prefix length/);
  });

  it('a block with host bits set names the network address it would be', () => {
    const e = usage(() => parseAddress('10.1.2.3/8'));
    expect(e.message).toBe('invalid CIDR block "10.1.2.3/8": host bits are set; the network address is 10.0.0.0/8');
    expect(e.hint).toMatch(/use 10\.0\.0\.0\/8/);
    expect(usage(() => parseAddress('2001:db8::1/32')).message).toMatch(/network address is 2001:db8::\/32/);
  });

  it('the same block twice is sent once', () => {
    expect(parseAddresses(['1.2.3.4', '1.2.3.4/32', '10.0.0.0/8']).map((e) => e.value)).toEqual(['1.2.3.4', '10.0.0.0/8']);
  });

  it('a single address goes as ipAddress, a block as cidrBlock', () => {
    expect(entryBody(parseAddress('1.2.3.4'), 'ci', '2026-03-01T14:00:00Z')).toEqual({ ipAddress: '1.2.3.4', comment: 'ci', deleteAfterDate: '2026-03-01T14:00:00Z' });
    expect(entryBody(parseAddress('10.0.0.0/8'))).toEqual({ cidrBlock: '10.0.0.0/8' });
  });
});

describe('comments and expiry', () => {
  it('a comment has at most 80 characters', () => {
    expect(checkComment('x'.repeat(80))).toHaveLength(80);
    expect(usage(() => checkComment('x'.repeat(81))).message).toMatch(/81 characters long: Atlas keeps at most 80/);
  });

  it('--ttl and --delete-after give deleteAfterDate, at most a week ahead, never in the past', () => {
    expect(parseExpiry({ ttl: '2h' }, NOW)).toBe('2026-03-01T14:00:00Z');
    expect(parseExpiry({ ttl: 'PT30M' }, NOW)).toBe('2026-03-01T12:30:00Z');
    expect(parseExpiry({ ttl: '7d' }, NOW)).toBe('2026-03-08T12:00:00Z');
    expect(parseExpiry({ deleteAfter: '2026-03-02' }, NOW)).toBe('2026-03-02T00:00:00Z');
    expect(parseExpiry({ deleteAfter: '3d' }, NOW)).toBe('2026-03-04T12:00:00Z');
    expect(parseExpiry({}, NOW)).toBeUndefined();
    expect(usage(() => parseExpiry({ ttl: '8d' }, NOW)).message).toMatch(/at most one week/);
    expect(usage(() => parseExpiry({ deleteAfter: '2026-02-01' }, NOW)).message).toMatch(/not in the future/);
    expect(usage(() => parseExpiry({ deleteAfter: '2026-04-01' }, NOW)).message).toMatch(/at most one week/);
    expect(usage(() => parseExpiry({ ttl: '2h', deleteAfter: '2026-03-02' }, NOW)).message).toMatch(/not both/);
    expect(usage(() => parseExpiry({ ttl: 'soon' }, NOW)).message).toMatch(/invalid --ttl/);
  });
});
