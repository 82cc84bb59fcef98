import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { buildConnector } from 'undici';

/** Addresses a feed added by a chat user may not reach: loopback, private, link-local, metadata, and the like. */
const blocked = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(network, prefix, 'ipv4');
for (const [network, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) blocked.addSubnet(network, prefix, 'ipv6');

/** True for an address a public feed could live at. IPv4-mapped IPv6 is judged as IPv4. */
export function isPublicAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return isPublicAddress(mapped);
  const family = isIP(address);
  if (family === 0) return false;
  return !blocked.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

export class BlockedAddressError extends Error {
  readonly code = 'NEWSBOT_BLOCKED_ADDRESS';
}

/**
 * An undici connector that resolves the host itself and refuses non-public addresses, for every
 * connection, redirects included. It then connects to the address it checked (the TLS server name
 * stays the host name), so a DNS answer that changes between check and connect changes nothing.
 * Hosts in `allowHosts` (the operator's list, e.g. for tests on 127.0.0.1) are not checked.
 */
export function createGuardedConnector(allowHosts: ReadonlySet<string>, timeoutMs: number): buildConnector.connector {
  const connect = buildConnector({ timeout: timeoutMs });
  return (options, callback) => {
    const host = options.hostname.replace(/^\[|\]$/g, '');
    if (allowHosts.has(host.toLowerCase())) return void connect(options, callback);
    resolvePublic(host).then(
      (address) => connect({ ...options, hostname: address, servername: isIP(host) ? '' : host }, callback),
      (error: Error) => callback(error, null),
    );
  };
}

async function resolvePublic(host: string): Promise<string> {
  const addresses = isIP(host) ? [host] : (await lookup(host, { all: true })).map((entry) => entry.address);
  const refused = addresses.find((address) => !isPublicAddress(address));
  if (refused !== undefined || addresses.length === 0) {
    throw new BlockedAddressError(`refused: ${host} resolves to ${refused ?? 'no address'}, a loopback, private, link-local or metadata address`);
  }
  return addresses[0]!;
}
