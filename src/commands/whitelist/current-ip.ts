import { isIP } from 'node:net';
import { CliError } from '../../errors.js';
import type { AtlasClient } from '../../atlas/client.js';
import { parseAddress, type AddressEntry } from './input.js';

/**
 * `--current-ip`: the caller's public address as Atlas sees it, from
 * `GET <base>/api/private/ipinfo` (`{"currentIpv4Address": "…"}`, outside the OpenAPI
 * spec; what Atlas's own tools use). Throws a CliError when the answer holds no address.
 */
export async function currentIp(client: AtlasClient): Promise<AddressEntry> {
  const doc = await client.getOutsideSpec<{ currentIpv4Address?: unknown }>('/api/private/ipinfo');
  const ip = doc?.currentIpv4Address;
  if (typeof ip !== 'string' || isIP(ip) === 0) {
    throw new CliError('Atlas did not say which address it sees for this machine (GET /api/private/ipinfo)', 'give the address yourself instead of --current-ip');
  }
  return parseAddress(ip);
}
