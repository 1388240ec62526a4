import { randomBytes } from 'node:crypto';

/**
 * A caller address of its own, as the X-Forwarded-For a proxy would send: the emulator takes the
 * caller's address from the header's first entry, and the lookup lock counts per address. An
 * address from the IPv6 documentation prefix with 96 random bits is never shared with another
 * test (a /24 of IPv4 was: one test's locked attacker could be another test's honest citizen).
 */
export function testSourceAddress(): string {
  const groups = randomBytes(12).toString('hex').match(/.{4}/g) ?? [];
  return `2001:db8:${groups.join(':')}, 198.51.100.1`;
}
