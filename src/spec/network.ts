/**
 * Atlas's rules for the CIDR block of a network peering container, read from the spec
 * (`atlasCidrBlock` of AWSCloudProviderContainer, AzureCloudProviderContainer and
 * GCPCloudProviderContainer): the block must fall within the private ranges of RFC 1918;
 * AWS and Azure take a `/24` to a `/21`; GCP takes a `/18` or larger ("GCP further limits the
 * block to a lower bound of the `/18` range"). The CLI checks them before sending (exit 2)
 * and the simulator answers them as Atlas does; one module so the two never disagree.
 */
import ipaddr from 'ipaddr.js';

export type ContainerCloud = 'AWS' | 'AZURE' | 'GCP';

/** The prefix lengths Atlas takes per cloud, inclusive. */
export const CONTAINER_PREFIX: Readonly<Record<ContainerCloud, { min: number; max: number }>> = {
  AWS: { min: 21, max: 24 },
  AZURE: { min: 21, max: 24 },
  GCP: { min: 8, max: 18 },
};

/** RFC 1918's private ranges. */
export const RFC1918 = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] as const;

export interface ParsedCidr {
  /** the block as given, normalised (`10.8.0.0/21`) */
  cidr: string;
  first: number;
  last: number;
  prefix: number;
}

/**
 * Parses an IPv4 CIDR block and checks it against Atlas's rules for `cloud`.
 * @returns the block, or a reason (one line) it is refused
 */
export function checkContainerCidr(cloud: ContainerCloud, value: string): ParsedCidr | { reason: string } {
  const parsed = parseCidr(value);
  if ('reason' in parsed) return parsed;
  const { min, max } = CONTAINER_PREFIX[cloud];
  if (parsed.prefix < min || parsed.prefix > max) {
    const want = cloud === 'GCP' ? `a /${max} or larger (a prefix of ${max} or less)` : `a /${max} to a /${min}`;
    return { reason: `${parsed.cidr} is a /${parsed.prefix}: Atlas takes ${want} on ${cloud}` };
  }
  if (!RFC1918.some((r) => within(parsed, parseCidr(r) as ParsedCidr))) {
    return { reason: `${parsed.cidr} is not in a private range of RFC 1918 (${RFC1918.join(', ')})` };
  }
  return parsed;
}

/**
 * An IPv4 block `a.b.c.d/n` without host bits.
 * @returns the block, or the reason it is not one
 */
export function parseCidr(value: string): ParsedCidr | { reason: string } {
  const m = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value.trim());
  if (!m || !ipaddr.IPv4.isValidFourPartDecimal(m[1]!) || Number(m[2]) > 32) return { reason: `${value} is not an IPv4 CIDR block such as 10.8.0.0/21` };
  const prefix = Number(m[2]);
  const network = ipaddr.IPv4.networkAddressFromCIDR(`${m[1]}/${prefix}`).toString();
  if (network !== m[1]) return { reason: `${value} has host bits set: the block is ${network}/${prefix}` };
  const first = toNumber(network);
  const last = first + 2 ** (32 - prefix) - 1;
  return { cidr: `${network}/${prefix}`, first, last, prefix };
}

/** Whether two blocks share an address. */
export function overlaps(a: ParsedCidr, b: ParsedCidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

function within(inner: ParsedCidr, outer: ParsedCidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

function toNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}
