import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../common/errors.ts';

/**
 * Which webhook receivers the platform may call. A receiver must be a globally reachable unicast
 * address: the platform's own network, the cloud's metadata service and every block the IANA
 * special-purpose registries set aside are refused, however the address is spelled or wrapped.
 */

interface SpecialPurposeBlock {
  prefix: string;
  name: string;
  rfc: string;
}

/**
 * IANA IPv4 Special-Purpose Address Registry, with the multicast block. Entries the registry marks
 * globally reachable (anycast services such as AS112 or AMT) are refused too: no agency system
 * lives there, and ipaddr.js files them outside unicast anyway.
 */
export const IPV4_SPECIAL_PURPOSE: readonly SpecialPurposeBlock[] = [
  { prefix: '0.0.0.0/32', name: '"This host on this network"', rfc: 'RFC 1122' },
  { prefix: '0.0.0.0/8', name: '"This network"', rfc: 'RFC 791' },
  { prefix: '10.0.0.0/8', name: 'Private-Use', rfc: 'RFC 1918' },
  { prefix: '100.64.0.0/10', name: 'Shared Address Space', rfc: 'RFC 6598' },
  { prefix: '127.0.0.0/8', name: 'Loopback', rfc: 'RFC 1122' },
  { prefix: '169.254.0.0/16', name: 'Link Local', rfc: 'RFC 3927' },
  { prefix: '172.16.0.0/12', name: 'Private-Use', rfc: 'RFC 1918' },
  { prefix: '192.0.0.0/29', name: 'IPv4 Service Continuity Prefix', rfc: 'RFC 7335' },
  { prefix: '192.0.0.8/32', name: 'IPv4 dummy address', rfc: 'RFC 7600' },
  { prefix: '192.0.0.9/32', name: 'Port Control Protocol Anycast', rfc: 'RFC 7723' },
  { prefix: '192.0.0.10/32', name: 'Traversal Using Relays around NAT Anycast', rfc: 'RFC 8155' },
  { prefix: '192.0.0.170/31', name: 'NAT64/DNS64 Discovery', rfc: 'RFC 8880' },
  { prefix: '192.0.0.0/24', name: 'IETF Protocol Assignments', rfc: 'RFC 6890' },
  { prefix: '192.0.2.0/24', name: 'Documentation (TEST-NET-1)', rfc: 'RFC 5737' },
  { prefix: '192.31.196.0/24', name: 'AS112-v4', rfc: 'RFC 7535' },
  { prefix: '192.52.193.0/24', name: 'AMT', rfc: 'RFC 7450' },
  { prefix: '192.88.99.0/24', name: 'Deprecated (6to4 Relay Anycast)', rfc: 'RFC 7526' },
  { prefix: '192.168.0.0/16', name: 'Private-Use', rfc: 'RFC 1918' },
  { prefix: '192.175.48.0/24', name: 'Direct Delegation AS112 Service', rfc: 'RFC 7534' },
  { prefix: '198.18.0.0/15', name: 'Benchmarking', rfc: 'RFC 2544' },
  { prefix: '198.51.100.0/24', name: 'Documentation (TEST-NET-2)', rfc: 'RFC 5737' },
  { prefix: '203.0.113.0/24', name: 'Documentation (TEST-NET-3)', rfc: 'RFC 5737' },
  { prefix: '224.0.0.0/4', name: 'Multicast', rfc: 'RFC 5771' },
  { prefix: '255.255.255.255/32', name: 'Limited Broadcast', rfc: 'RFC 8190' },
  { prefix: '240.0.0.0/4', name: 'Reserved', rfc: 'RFC 1112' },
];

/**
 * IANA IPv6 Special-Purpose Address Registry, with the blocks of the IPv6 Address Space registry
 * that are not global unicast (multicast, deprecated site-local, IPv4-compatible). The forms that
 * carry an IPv4 address are unwrapped first (see `embeddedIpv4`).
 */
export const IPV6_SPECIAL_PURPOSE: readonly SpecialPurposeBlock[] = [
  { prefix: '::1/128', name: 'Loopback Address', rfc: 'RFC 4291' },
  { prefix: '::/128', name: 'Unspecified Address', rfc: 'RFC 4291' },
  { prefix: '::ffff:0:0/96', name: 'IPv4-mapped Address', rfc: 'RFC 4291' },
  { prefix: '::ffff:0:0:0/96', name: 'IPv4-translated Address', rfc: 'RFC 2765' },
  { prefix: '::/96', name: 'IPv4-compatible Address (deprecated)', rfc: 'RFC 4291' },
  { prefix: '64:ff9b::/96', name: 'IPv4-IPv6 Translat. (NAT64 well-known prefix)', rfc: 'RFC 6052' },
  { prefix: '64:ff9b:1::/48', name: 'IPv4-IPv6 Translat. (local-use NAT64)', rfc: 'RFC 8215' },
  { prefix: '100::/64', name: 'Discard-Only Address Block', rfc: 'RFC 6666' },
  { prefix: '100:0:0:1::/64', name: 'Dummy IPv6 Prefix', rfc: 'RFC 9780' },
  { prefix: '2001:1::1/128', name: 'Port Control Protocol Anycast', rfc: 'RFC 7723' },
  { prefix: '2001:1::2/128', name: 'Traversal Using Relays around NAT Anycast', rfc: 'RFC 8155' },
  { prefix: '2001:1::3/128', name: 'DNS-SD Service Registration Protocol Anycast', rfc: 'RFC 9665' },
  { prefix: '2001:2::/48', name: 'Benchmarking', rfc: 'RFC 5180' },
  { prefix: '2001:3::/32', name: 'AMT', rfc: 'RFC 7450' },
  { prefix: '2001:4:112::/48', name: 'AS112-v6', rfc: 'RFC 7535' },
  { prefix: '2001:10::/28', name: 'Deprecated (previously ORCHID)', rfc: 'RFC 4843' },
  { prefix: '2001:20::/28', name: 'ORCHIDv2', rfc: 'RFC 7343' },
  { prefix: '2001:30::/28', name: 'Drone Remote ID Protocol Entity Tags (DETs) Prefix', rfc: 'RFC 9374' },
  { prefix: '2001::/32', name: 'TEREDO', rfc: 'RFC 4380' },
  { prefix: '2001::/23', name: 'IETF Protocol Assignments', rfc: 'RFC 2928' },
  { prefix: '2001:db8::/32', name: 'Documentation', rfc: 'RFC 3849' },
  { prefix: '2002::/16', name: '6to4', rfc: 'RFC 3056' },
  { prefix: '2620:4f:8000::/48', name: 'Direct Delegation AS112 Service', rfc: 'RFC 7534' },
  { prefix: '3fff::/20', name: 'Documentation', rfc: 'RFC 9637' },
  { prefix: '5f00::/16', name: 'Segment Routing (SRv6) SIDs', rfc: 'RFC 9602' },
  { prefix: 'fc00::/7', name: 'Unique-Local', rfc: 'RFC 4193' },
  { prefix: 'fe80::/10', name: 'Link-Local Unicast', rfc: 'RFC 4291' },
  { prefix: 'fec0::/10', name: 'Site-Local (deprecated)', rfc: 'RFC 3879' },
  { prefix: 'ff00::/8', name: 'Multicast', rfc: 'RFC 4291' },
];

/** Only this block of the IPv6 space is allocated for global unicast. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');
/** The NAT64 well-known prefix reaches the public IPv4 address it carries (DNS64 answers use it). */
const WELL_KNOWN_NAT64 = ipaddr.IPv6.parseCIDR('64:ff9b::/96');

type Parsed<T> = { block: SpecialPurposeBlock; range: [T, number] };
const v4Blocks: Parsed<ipaddr.IPv4>[] = IPV4_SPECIAL_PURPOSE.map((block) => ({
  block,
  range: ipaddr.IPv4.parseCIDR(block.prefix),
}));
const v6Blocks: Parsed<ipaddr.IPv6>[] = IPV6_SPECIAL_PURPOSE.map((block) => ({
  block,
  range: ipaddr.IPv6.parseCIDR(block.prefix),
}));

const named = (block: SpecialPurposeBlock) => `${block.name}, ${block.prefix} (${block.rfc})`;

function ipv4FromBits(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

/**
 * The IPv4 address an IPv6 address carries, for the forms that carry one: mapped and translated
 * (::ffff:a.b.c.d, ::ffff:0:a.b.c.d), compatible (::a.b.c.d), NAT64 (64:ff9b::a.b.c.d and the /96
 * layout under 64:ff9b:1::/48), 6to4 (2002:aabb:ccdd::) and Teredo (the client address inverted in
 * the last 32 bits).
 */
export function embeddedIpv4(address: ipaddr.IPv6): { form: string; v4: ipaddr.IPv4 } | undefined {
  const p = address.parts;
  const last = () => ipv4FromBits(p[6] ?? 0, p[7] ?? 0);
  const zeros = (from: number, to: number) => p.slice(from, to).every((part) => part === 0);
  if (zeros(0, 5) && p[5] === 0xffff) return { form: 'IPv4-mapped', v4: last() };
  if (zeros(0, 4) && p[4] === 0xffff && p[5] === 0) return { form: 'IPv4-translated', v4: last() };
  if (zeros(0, 6) && !(p[6] === 0 && (p[7] ?? 0) <= 1)) return { form: 'IPv4-compatible', v4: last() };
  if (p[0] === 0x64 && p[1] === 0xff9b && (p[2] === 0 || p[2] === 1)) return { form: 'NAT64', v4: last() };
  if (p[0] === 0x2002) return { form: '6to4', v4: ipv4FromBits(p[1] ?? 0, p[2] ?? 0) };
  if (p[0] === 0x2001 && p[1] === 0)
    return { form: 'Teredo', v4: ipv4FromBits(~(p[6] ?? 0) & 0xffff, ~(p[7] ?? 0) & 0xffff) };
  return undefined;
}

function refuseIpv4(address: ipaddr.IPv4): string | undefined {
  const hit = v4Blocks.find(({ range }) => address.match(range));
  if (hit) return named(hit.block);
  const range = address.range();
  return range === 'unicast' ? undefined : `${range} (ipaddr.js)`;
}

function refuseIpv6(address: ipaddr.IPv6): string | undefined {
  const reason = refuseUnscoped(address);
  if (!address.zoneId) return reason;
  return `${reason ?? 'scoped address'} (zone ${address.zoneId})`;
}

function refuseUnscoped(address: ipaddr.IPv6): string | undefined {
  const hit = v6Blocks.find(({ range }) => address.match(range));
  const carried = embeddedIpv4(address);
  if (carried) {
    const inner = refuseIpv4(carried.v4);
    // Mapped and NAT64 (well-known prefix) addresses reach exactly the IPv4 address they carry.
    const transparent =
      carried.form === 'IPv4-mapped' || (carried.form === 'NAT64' && address.match(WELL_KNOWN_NAT64));
    if (transparent) return inner ? `${carried.form} of ${carried.v4.toString()}: ${inner}` : undefined;
    const outer = hit ? named(hit.block) : carried.form;
    return `${outer}, carrying ${carried.v4.toString()}${inner ? ` (${inner})` : ''}`;
  }
  if (hit) return named(hit.block);
  if (!address.match(GLOBAL_UNICAST_V6)) return 'not global unicast (outside 2000::/3)';
  const range = address.range();
  return range === 'unicast' ? undefined : `${range} (ipaddr.js)`;
}

/**
 * Parses an address as the socket layer reads it. ipaddr.js reads `::a.b.c.d` as IPv4-mapped, while
 * the system (and inet_ntop, which prints IPv4-compatible answers that way) means `::hhhh:hhhh`; the
 * dotted tail is rewritten to hex first. Legacy IPv4 spellings (`127.1`, `0x7f.1`) are not addresses
 * here: the URL parser has already turned them into dotted quads.
 */
function parseAddress(text: string): ipaddr.IPv4 | ipaddr.IPv6 | undefined {
  if (isIP(text) === 0) return undefined;
  const [bare = '', zone] = text.split('%');
  const tail = /^(.*:)(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(bare);
  const hex = (high: string | undefined, low: string | undefined) =>
    ((Number(high) << 8) | Number(low)).toString(16);
  const spelled = tail ? `${tail[1]}${hex(tail[2], tail[3])}:${hex(tail[4], tail[5])}` : bare;
  return ipaddr.parse(zone === undefined ? spelled : `${spelled}%${zone}`);
}

/** Why an address may not receive webhooks, or undefined when it is globally reachable unicast. */
export function classifyAddress(text: string): string | undefined {
  const address = parseAddress(text);
  if (!address) return `${text} is not an IP address`;
  return address instanceof ipaddr.IPv4 ? refuseIpv4(address) : refuseIpv6(address);
}

const normalized = (text: string) => parseAddress(text)?.toString() ?? text;

/**
 * IANA special-use domain names (and `internal`, set aside for private use), which never name a
 * public receiver; a single label would be completed by the resolver's search list.
 */
const SPECIAL_USE_DOMAINS = [
  'localhost',
  'local',
  'internal',
  'test',
  'invalid',
  'example',
  'onion',
  'alt',
  'home.arpa',
];

function refuseName(hostname: string): string | undefined {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  if (!name.includes('.')) return `${hostname} is not a fully qualified domain name`;
  const special = SPECIAL_USE_DOMAINS.find((domain) => name === domain || name.endsWith(`.${domain}`));
  return special ? `${hostname} is under the special-use domain ${special}` : undefined;
}

export type Resolver = (hostname: string) => Promise<readonly string[]>;
export interface ReceiverOptions {
  /** Resolves a name to every address it has (A and AAAA). */
  resolve: Resolver;
  /** Non-public addresses a receiver may still use, over plain http too (the local test receivers). */
  allowList: readonly string[];
}
export type ReceiverCheck =
  | { ok: true; url: URL; hostname: string; address: string; family: 4 | 6 }
  | { ok: false; reason: string };

const refused = (reason: string): ReceiverCheck => ({ ok: false, reason });

/**
 * Parses the URL as the HTTP client will, resolves a name once and checks every answer. The address
 * returned is the one to connect to: connecting anywhere else would reopen a DNS-rebinding window.
 */
export async function checkReceiverUrl(url: string, options: ReceiverOptions): Promise<ReceiverCheck> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return refused('not a valid URL');
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return refused(`scheme ${parsed.protocol} is not https`);
  if (parsed.username || parsed.password) return refused('credentials in the URL are not accepted');
  const hostname = parsed.hostname.replace(/^\[|\]$/g, '');
  let addresses: readonly string[];
  if (isIP(hostname) !== 0) addresses = [hostname];
  else {
    const badName = refuseName(hostname);
    if (badName) return refused(badName);
    try {
      addresses = await options.resolve(hostname);
    } catch {
      return refused(`${hostname} does not resolve`);
    }
    if (addresses.length === 0) return refused(`${hostname} does not resolve`);
  }
  const allowed = new Set(options.allowList.map(normalized));
  const problems = addresses
    .filter((address) => !allowed.has(normalized(address)))
    .map((address) => [address, classifyAddress(address)] as const)
    .filter(([, problem]) => problem !== undefined)
    .map(([address, problem]) => `${address} (${problem})`);
  if (problems.length > 0) return refused(`${parsed.hostname} points to ${problems.join('; ')}`);
  const everyAllowed = addresses.every((address) => allowed.has(normalized(address)));
  if (parsed.protocol !== 'https:' && !everyAllowed) return refused('only https receivers are accepted');
  const [address = ''] = addresses;
  return { ok: true, url: parsed, hostname, address, family: isIP(address) === 4 ? 4 : 6 };
}

/** The subscription-time check: the same rules, as a 400 naming the field. */
export async function assertReceiverUrl(url: string, options: ReceiverOptions): Promise<void> {
  const check = await checkReceiverUrl(url, options);
  if (check.ok) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    { vi: 'Địa chỉ nhận webhook không được chấp nhận.', en: 'The webhook endpoint is not allowed.' },
    [
      {
        field: 'url',
        message: {
          vi: `Chỉ nhận địa chỉ https công khai; địa chỉ nội bộ, dành riêng hoặc không phân giải được bị từ chối: ${check.reason}.`,
          en: `Only public https endpoints are accepted; internal, reserved or unresolvable addresses are refused: ${check.reason}.`,
        },
      },
    ],
  );
}
