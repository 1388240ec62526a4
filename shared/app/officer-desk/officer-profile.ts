import type { Tier } from '../../domain/agencies/tiers.ts';
import { DomainError } from '../../domain/common/errors.ts';
import {
  OFFICER_ROLE_NAMES,
  type OfficerAuthority,
  type OfficerRole,
} from '../../domain/officers/officers.ts';

export interface OfficerProfile {
  username: string;
  unit: { code: string; name: string; tier: Tier };
  roles: { role: OfficerRole; vi: string; en: string }[];
}

export interface OfficerProfilePorts {
  /** The unit a code designates today (a former code resolves to its successor), if any. */
  unit(code: string): Promise<{ code: string; name: string; tier: Tier } | undefined>;
}

/**
 * Who the signed-in officer is for the workspace: their unit as the registry names it today and their
 * roles there, as the administrator-written record grants them (never from the token's claims).
 */
export async function officerProfile(
  ports: OfficerProfilePorts,
  officer: OfficerAuthority,
): Promise<OfficerProfile> {
  const unit = await ports.unit(officer.agencyCode);
  if (!unit) {
    throw new DomainError('FORBIDDEN', {
      vi: `Cơ quan ${officer.agencyCode} của tài khoản không có trong danh mục.`,
      en: `The account's agency ${officer.agencyCode} is not in the registry.`,
    });
  }
  return {
    username: officer.username,
    unit: { code: unit.code, name: unit.name, tier: unit.tier },
    roles: officer.roles.map((role) => ({ role, ...OFFICER_ROLE_NAMES[role] })),
  };
}
