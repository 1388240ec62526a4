/**
 * Ways of writing a webhook receiver URL that lands on the platform's own network, its cloud
 * metadata service or a range that is not publicly routed. Names resolve through `fakeResolver`,
 * standing in for DNS (including the answers a hostile zone can give).
 */

/** An IDN name that a hostile zone points at a private address. */
const IDN_PRIVATE = new URL('https://bưuđiện.vn/').hostname;

const ZONE: Record<string, readonly string[]> = {
  localhost: ['127.0.0.1', '::1'],
  'metadata.google.internal': ['169.254.169.254'],
  '127.0.0.1.nip.io': ['127.0.0.1'],
  [IDN_PRIVATE]: ['10.0.0.5'],
  'mixed.agency.vn': ['203.113.131.1', '10.0.0.7'],
  'mapped.agency.vn': ['::ffff:10.0.0.1'],
  'nat64.agency.vn': ['64:ff9b::a9fe:a9fe'],
  'benchmark.agency.vn': ['198.18.0.1'],
  'sitelocal.agency.vn': ['fec0::1'],
  'hooks.agency.vn': ['203.113.131.1'],
  'v6.agency.vn': ['2001:4860:4860::8888'],
};

export const resolverCalls: string[] = [];

/** DNS as a map; a name it does not know does not resolve. */
export async function fakeResolver(hostname: string): Promise<readonly string[]> {
  resolverCalls.push(hostname);
  const answers = ZONE[hostname.toLowerCase().replace(/\.$/, '')];
  if (!answers) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
  return answers;
}

/** Teredo stores the client's IPv4 address inverted in the last 32 bits: 127.0.0.1 becomes 80ff:fffe. */
const TEREDO_LOOPBACK = '2001:0:4136:e378:8000:63bf:80ff:fffe';

export const REFUSED_RECEIVER_URLS: readonly string[] = [
  // IPv4 loopback in every spelling the URL parser turns into 127.0.0.1.
  'https://127.0.0.1/hook',
  'https://127.0.0.2/hook',
  'https://2130706433/hook',
  'https://0177.0.0.1/hook',
  'https://017700000001/hook',
  'https://0x7f.1/hook',
  'https://0x7f000001/hook',
  'https://127.1/hook',
  'https://127.0.1/hook',
  'https://①②⑦.⓪.⓪.①/hook',
  'https://127.0.0.1.:443/hook',
  // This host, private, shared, link-local, metadata services.
  'https://0.0.0.0/hook',
  'https://0/hook',
  'https://10.0.0.1/hook',
  'https://172.16.0.1/hook',
  'https://192.168.1.1/hook',
  'https://100.64.0.1/hook',
  'https://100.100.100.200/latest/meta-data',
  'https://169.254.169.254/latest/meta-data/iam/security-credentials/',
  'https://169.254.170.2/v2/credentials',
  'https://[fd00:ec2::254]/latest/meta-data',
  // IANA special-purpose blocks beyond the private ranges.
  'https://198.18.0.1/hook',
  'https://198.19.255.254/hook',
  'https://192.0.0.1/hook',
  'https://192.0.2.1/hook',
  'https://198.51.100.7/hook',
  'https://203.0.113.9/hook',
  'https://192.88.99.1/hook',
  'https://240.0.0.1/hook',
  'https://255.255.255.255/hook',
  'https://224.0.0.1/hook',
  // IPv6 and IPv4 carried inside IPv6.
  'https://[::1]/hook',
  'https://[::]/hook',
  'https://[0:0:0:0:0:0:0:1]/hook',
  'https://[::ffff:127.0.0.3]/hook',
  'https://[::ffff:7f00:1]/hook',
  'https://[::ffff:169.254.169.254]/hook',
  'https://[::ffff:a00:1]/hook',
  'https://[::ffff:0:7f00:1]/hook',
  'https://[::127.0.0.2]/hook',
  'https://[::a9fe:a9fe]/hook',
  'https://[64:ff9b::127.0.0.1]/hook',
  'https://[64:ff9b::a9fe:a9fe]/hook',
  'https://[64:ff9b::10.0.0.1]/hook',
  'https://[64:ff9b:1::a00:1]/hook',
  'https://[2002:7f00:1::1]/hook',
  'https://[2002:a9fe:a9fe::1]/hook',
  `https://[${TEREDO_LOOPBACK}]/hook`,
  'https://[fe80::1]/hook',
  'http://[fe80::1%25eth0]/hook',
  'https://[fec0::1]/hook',
  'https://[fc00::1]/hook',
  'https://[ff02::1]/hook',
  'https://[100::1]/hook',
  'https://[2001:db8::1]/hook',
  'https://[2001:2::1]/hook',
  'https://[3fff::1]/hook',
  'https://[5f00::1]/hook',
  // Names: special-use, single-label, and hostile DNS answers.
  'https://localhost/hook',
  'https://localhost./hook',
  'https://LOCALHOST:8443/hook',
  'https://ｌｏｃａｌｈｏｓｔ/hook',
  'https://api.localhost/hook',
  'https://metadata.google.internal/computeMetadata/v1/',
  'https://intranet/hook',
  'https://127.0.0.1.nip.io/hook',
  'https://bưuđiện.vn/hook',
  'https://mixed.agency.vn/hook',
  'https://mapped.agency.vn/hook',
  'https://nat64.agency.vn/hook',
  'https://benchmark.agency.vn/hook',
  'https://sitelocal.agency.vn/hook',
  'https://does-not-resolve.agency.vn/hook',
  // Credentials in the URL, plain http to a public receiver, and other schemes.
  'https://user:secret@hooks.agency.vn/hook',
  'http://203.113.131.1/hook',
  'http://hooks.agency.vn/hook',
  'ftp://hooks.agency.vn/hook',
  'file:///etc/passwd',
  'not a url',
];

/** Public receivers, so the table above is not passing by refusing everything. */
export const ACCEPTED_RECEIVER_URLS: readonly string[] = [
  'https://203.113.131.1/hook',
  'https://hooks.agency.vn/hook',
  'https://hooks.agency.vn./hook',
  'https://v6.agency.vn:8443/hook',
  'https://[2001:4860:4860::8888]/hook',
  'https://[::ffff:203.113.131.1]/hook',
  'https://[64:ff9b::cb71:8301]/hook',
];
