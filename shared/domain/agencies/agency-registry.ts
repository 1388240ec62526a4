import { domainOf, PUBLIC_MAIL_DOMAINS } from '../mail/mail-policy.ts';
import { isAgencyCode } from './agency.ts';
import type { Tier } from './tiers.ts';

/** An agency as registered: its current code, the codes it was known by, and where it sits. */
export interface RegisteredAgency {
  code: string;
  name: string;
  tier: Tier;
  parentCode?: string | undefined;
  officialEmail: string;
  /** Earlier codes (renames, merged units): dossiers received under them stay resolvable. */
  aliases?: string[] | undefined;
}

export interface RegistryIssue {
  code: string;
  field: string;
  reason: { vi: string; en: string };
}

/** Tiers from the top; a unit's parent must sit higher than the unit itself. */
const TIER_RANK: Record<Tier, number> = { central: 0, province: 1, district: 2, commune: 3 };

/**
 * Checks a whole registry: codes in one of the official layouts, unique codes and aliases, tiers of
 * the active profile, known parents at a higher tier, and no cycles.
 */
export function validateRegistry(
  agencies: readonly RegisteredAgency[],
  profileTiers: readonly Tier[],
): RegistryIssue[] {
  const issues: RegistryIssue[] = [];
  const byCode = new Map<string, RegisteredAgency>();
  const claimed = new Map<string, string>();
  const claim = (code: string, owner: string, field: string) => {
    const previous = claimed.get(code);
    if (previous) {
      issues.push({
        code: owner,
        field,
        reason: {
          vi: `Mã ${code} đã thuộc ${previous}.`,
          en: `Code ${code} is already used by ${previous}.`,
        },
      });
    } else {
      claimed.set(code, owner);
    }
  };
  for (const agency of agencies) {
    if (!isAgencyCode(agency.code)) {
      issues.push({
        code: agency.code,
        field: 'code',
        reason: {
          vi: 'Mã không theo QCVN 102:2016 (000.00.00.H56) hay Quyết định 20/2020 (H55.242).',
          en: 'The code matches neither QCVN 102:2016 (000.00.00.H56) nor Decision 20/2020 (H55.242).',
        },
      });
    }
    claim(agency.code, agency.code, 'code');
    for (const alias of agency.aliases ?? []) {
      if (!isAgencyCode(alias)) {
        issues.push({
          code: agency.code,
          field: 'aliases',
          reason: { vi: `Mã cũ ${alias} sai định dạng.`, en: `Former code ${alias} is malformed.` },
        });
      }
      claim(alias, agency.code, 'aliases');
    }
    if (PUBLIC_MAIL_DOMAINS.has(domainOf(agency.officialEmail))) {
      issues.push({
        code: agency.code,
        field: 'officialEmail',
        reason: {
          vi: `${agency.officialEmail} là hộp thư công cộng; cơ quan phải dùng thư điện tử công vụ.`,
          en: `${agency.officialEmail} is a public mail service; agencies must use an official address.`,
        },
      });
    }
    if (!profileTiers.includes(agency.tier)) {
      issues.push({
        code: agency.code,
        field: 'tier',
        reason: {
          vi: `Cấp ${agency.tier} không có trong mô hình đang dùng.`,
          en: `Tier ${agency.tier} is not in the active profile.`,
        },
      });
    }
    byCode.set(agency.code, agency);
  }
  for (const agency of agencies) {
    if (!agency.parentCode) continue;
    const parent = byCode.get(agency.parentCode);
    if (!parent) {
      issues.push({
        code: agency.code,
        field: 'parentCode',
        reason: {
          vi: `Không có cơ quan cấp trên ${agency.parentCode}.`,
          en: `Unknown parent ${agency.parentCode}.`,
        },
      });
    } else if (TIER_RANK[parent.tier] > TIER_RANK[agency.tier]) {
      issues.push({
        code: agency.code,
        field: 'parentCode',
        reason: { vi: 'Cơ quan cấp trên thuộc cấp thấp hơn.', en: 'The parent sits at a lower tier.' },
      });
    }
  }
  for (const agency of agencies) {
    const seen = new Set<string>([agency.code]);
    for (let parent = agency.parentCode; parent; parent = byCode.get(parent)?.parentCode) {
      if (seen.has(parent)) {
        issues.push({
          code: agency.code,
          field: 'parentCode',
          reason: { vi: 'Quan hệ cấp trên tạo thành vòng lặp.', en: 'The parent chain forms a cycle.' },
        });
        break;
      }
      seen.add(parent);
    }
  }
  return issues;
}

/** The agency a code designates today, following renames and mergers. */
export function resolveAgency(
  agencies: readonly RegisteredAgency[],
  code: string,
): RegisteredAgency | undefined {
  return agencies.find((agency) => agency.code === code || agency.aliases?.includes(code));
}

/** A new code (and optionally name); the old code becomes an alias and children follow. */
export function renameAgency(
  agencies: readonly RegisteredAgency[],
  oldCode: string,
  newCode: string,
  newName?: string,
): RegisteredAgency[] {
  return agencies.map((agency) => {
    if (agency.code === oldCode) {
      return {
        ...agency,
        code: newCode,
        name: newName ?? agency.name,
        aliases: [...(agency.aliases ?? []), oldCode],
      };
    }
    return agency.parentCode === oldCode ? { ...agency, parentCode: newCode } : agency;
  });
}

/** `from` is absorbed by `into`: its codes become aliases of `into` and its children move there. */
export function mergeAgencies(
  agencies: readonly RegisteredAgency[],
  fromCode: string,
  intoCode: string,
): RegisteredAgency[] {
  const from = agencies.find((agency) => agency.code === fromCode);
  if (!from) return [...agencies];
  return agencies
    .filter((agency) => agency.code !== fromCode)
    .map((agency) => {
      if (agency.code === intoCode) {
        return { ...agency, aliases: [...(agency.aliases ?? []), from.code, ...(from.aliases ?? [])] };
      }
      return agency.parentCode === fromCode ? { ...agency, parentCode: intoCode } : agency;
    });
}
