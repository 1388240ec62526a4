import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import {
  assertReceiverUrl,
  checkReceiverUrl,
  classifyAddress,
} from '../../../shared/domain/webhooks/webhook-address.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { ACCEPTED_RECEIVER_URLS, fakeResolver, REFUSED_RECEIVER_URLS } from '../../support/ssrf-spellings.ts';

const noAllowList = { resolve: fakeResolver, allowList: [] };

describe('receiver address classification', () => {
  it.each([
    ['127.0.0.3', /Loopback/],
    ['0.0.0.0', /This host|This network/],
    ['10.1.2.3', /Private-Use/],
    ['100.64.0.1', /Shared Address Space/],
    ['169.254.169.254', /Link Local/],
    ['192.0.0.170', /NAT64\/DNS64 Discovery|IETF Protocol Assignments/],
    ['192.0.2.1', /Documentation/],
    ['198.18.0.1', /Benchmarking/],
    ['240.0.0.1', /Reserved/],
    ['255.255.255.255', /Limited Broadcast/],
    ['224.0.0.251', /Multicast/],
    ['::1', /Loopback/],
    ['::', /Unspecified/],
    ['::ffff:7f00:3', /IPv4-mapped.*127\.0\.0\.3.*Loopback/],
    ['::ffff:169.254.169.254', /IPv4-mapped.*Link Local/],
    ['::7f00:2', /IPv4-compatible.*127\.0\.0\.2/],
    ['::127.0.0.2', /IPv4-compatible.*127\.0\.0\.2/],
    ['::1.0.0.0', /IPv4-compatible.*1\.0\.0\.0/],
    ['::ffff:0:1.0.0.0', /IPv4-translated/],
    ['2002:cb71:8301::1', /6to4.*203\.113\.131\.1/],
    ['64:ff9b::a9fe:a9fe', /NAT64.*169\.254\.169\.254.*Link Local/],
    ['64:ff9b:1::a00:1', /local-use NAT64.*10\.0\.0\.1/],
    ['2002:7f00:1::1', /6to4.*127\.0\.0\.1/],
    ['2001:0:4136:e378:8000:63bf:80ff:fffe', /TEREDO.*127\.0\.0\.1/],
    ['fec0::1', /Site-Local/],
    ['100::1', /Discard-Only/],
    ['2001:db8::1', /Documentation/],
    ['fe80::1%eth0', /Link-Local/],
    ['fd00:ec2::254', /Unique-Local/],
    ['ff02::1', /Multicast/],
    ['5f00::1', /Segment Routing/],
    ['4000::1', /not global unicast/],
    ['not-an-address', /not an IP address/],
  ])('refuses %s and names the registry entry', (address, reason) => {
    expect(classifyAddress(address)).toMatch(reason);
  });

  it.each([
    '8.8.8.8',
    '203.113.131.1',
    '172.32.0.1',
    '2001:4860:4860::8888',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
  ])('accepts the public address %s', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('classifies IPv4 carried in a mapped or NAT64 address like the IPv4 address itself', () => {
    fc.assert(
      fc.property(fc.ipV4(), (v4) => {
        const bare = classifyAddress(v4) === undefined;
        expect(classifyAddress(`::ffff:${v4}`) === undefined).toBe(bare);
        expect(classifyAddress(`64:ff9b::${v4}`) === undefined).toBe(bare);
        // The deprecated transition forms are never a receiver, whatever they carry.
        expect(classifyAddress(`::${v4}`)).toBeDefined();
      }),
    );
  });
});

describe('receiver URL check at subscription', () => {
  it('refuses an internal IPv4 address written as one decimal, hex or octal number', async () => {
    const internal = fc.oneof(
      fc.integer({ min: 0x0a000000, max: 0x0affffff }),
      fc.integer({ min: 0x7f000000, max: 0x7fffffff }),
      fc.integer({ min: 0xa9fe0000, max: 0xa9feffff }),
      fc.integer({ min: 0xc6120000, max: 0xc613ffff }),
    );
    await fc.assert(
      fc.asyncProperty(internal, fc.constantFrom(10, 16, 8), async (value, radix) => {
        const spelled =
          radix === 16 ? `0x${value.toString(16)}` : radix === 8 ? `0${value.toString(8)}` : `${value}`;
        expect((await checkReceiverUrl(`https://${spelled}/hook`, noAllowList)).ok).toBe(false);
      }),
    );
  });

  it.each(REFUSED_RECEIVER_URLS)('refuses %s with a 400 naming the field url', async (url) => {
    const error = await assertReceiverUrl(url, noAllowList).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(DomainError);
    const domainError = error as DomainError;
    expect(statusOf(domainError)).toBe(400);
    expect(domainError.fields.map((field) => field.field)).toEqual(['url']);
    const message = domainError.fields[0]?.message;
    expect(message?.vi).not.toBe(message?.en);
  });

  it.each(ACCEPTED_RECEIVER_URLS)('accepts the public receiver %s', async (url) => {
    await expect(assertReceiverUrl(url, noAllowList)).resolves.toBeUndefined();
  });

  it('lets plain http through only to an allow-listed address, and only that exact address', async () => {
    const local = { resolve: fakeResolver, allowList: ['127.0.0.1'] };
    await expect(checkReceiverUrl('http://127.0.0.1:8080/hook', local)).resolves.toMatchObject({
      ok: true,
      address: '127.0.0.1',
    });
    for (const url of [
      'http://127.0.0.2:8080/hook',
      'http://[::ffff:127.0.0.1]:8080/hook',
      'http://localhost:8080/hook',
      'http://10.0.0.1/hook',
      'http://203.113.131.1/hook',
    ])
      expect((await checkReceiverUrl(url, local)).ok, url).toBe(false);
  });

  it('refuses a name when any of its answers is private, not only the first', async () => {
    const check = await checkReceiverUrl('https://mixed.agency.vn/hook', noAllowList);
    expect(check).toMatchObject({ ok: false, reason: expect.stringMatching(/10\.0\.0\.7/) });
  });
});
