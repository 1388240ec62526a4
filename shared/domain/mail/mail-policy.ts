import { DomainError } from '../common/errors.ts';

/** Free public mail services that officials must not use for agency exchange (seen in the seeds). */
export const PUBLIC_MAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.com.vn',
  'outlook.com',
  'hotmail.com',
  'live.com',
  'icloud.com',
  'aol.com',
  'proton.me',
  'protonmail.com',
  'zoho.com',
  'mail.ru',
  'yandex.com',
]);

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1).toLowerCase();
}

/** An agency address: not at a public service, and under one of the official domains (e.g. `gov.vn`). */
export function isOfficialAddress(address: string, officialDomainSuffixes: readonly string[]): boolean {
  const domain = domainOf(address);
  if (PUBLIC_MAIL_DOMAINS.has(domain)) return false;
  return officialDomainSuffixes.some((suffix) => domain === suffix || domain.endsWith(`.${suffix}`));
}

/** Refuses, with the address named, any agency-exchange recipient or sender outside the official domains. */
export function requireOfficialAddresses(
  addresses: readonly { field: string; address: string }[],
  officialDomainSuffixes: readonly string[],
): void {
  const refused = addresses.filter(({ address }) => !isOfficialAddress(address, officialDomainSuffixes));
  if (refused.length === 0) return;
  throw new DomainError(
    'VALIDATION_FAILED',
    {
      vi: 'Thư công vụ giữa các cơ quan chỉ được gửi từ và tới địa chỉ thư điện tử công vụ.',
      en: 'Agency mail may only be sent from and to official government addresses.',
    },
    refused.map(({ field, address }) => ({
      field,
      message: PUBLIC_MAIL_DOMAINS.has(domainOf(address))
        ? {
            vi: `${address} là hộp thư công cộng, không dùng cho công vụ.`,
            en: `${address} is a public mail service, not allowed for official exchange.`,
          }
        : { vi: `${address} không thuộc tên miền công vụ.`, en: `${address} is not at an official domain.` },
    })),
  );
}
