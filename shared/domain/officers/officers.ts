import * as z from 'zod';
import { isAgencyCode } from '../agencies/agency.ts';
import { OFFICER_ROLES, type OfficerRole } from './roles.ts';

/**
 * Who an officer is for the platform: their unit and roles come from a record that only an
 * administrator writes (the operator command, later the agency administrators' pages), never from a
 * token claim the officer could change.
 */
export { OFFICER_ROLE_NAMES, OFFICER_ROLES, type OfficerRole } from './roles.ts';

export const OfficerRoleSchema = z.enum(OFFICER_ROLES);

const instant = z.iso.datetime({ offset: true });

export const OfficerRecordSchema = z.object({
  /** The Cognito `sub` of the officer's account: stable across renames of the username. */
  officerId: z.string().min(1).max(128),
  username: z.string().min(1).max(128),
  agencyCode: z.string().refine(isAgencyCode, 'not an agency code'),
  roles: z.array(OfficerRoleSchema).min(1),
  active: z.boolean(),
  validFrom: instant,
  validTo: instant.optional(),
  fullName: z.string().max(200).optional(),
  /** Where alerts about the officer's work go (a step running late): written by an administrator. */
  email: z.email().max(254).optional(),
  updatedAt: instant,
  updatedBy: z.string().min(1).max(128),
});
export type OfficerRecord = z.infer<typeof OfficerRecordSchema>;

export interface OfficerAuthority {
  id: string;
  username: string;
  agencyCode: string;
  roles: readonly OfficerRole[];
}

export type AuthorityVerdict =
  | { granted: true; authority: OfficerAuthority }
  | { granted: false; reason: 'not_registered' | 'inactive' | 'not_yet_valid' | 'expired' };

/** What a verified account may do now, from its administrator-written record (if any). */
export function authorityOf(record: OfficerRecord | undefined, now: Date): AuthorityVerdict {
  if (!record) return { granted: false, reason: 'not_registered' };
  if (!record.active) return { granted: false, reason: 'inactive' };
  if (Date.parse(record.validFrom) > now.getTime()) return { granted: false, reason: 'not_yet_valid' };
  if (record.validTo && Date.parse(record.validTo) <= now.getTime())
    return { granted: false, reason: 'expired' };
  return {
    granted: true,
    authority: {
      id: record.officerId,
      username: record.username,
      agencyCode: record.agencyCode,
      roles: [...new Set(record.roles)],
    },
  };
}

export const REFUSAL_MESSAGES: Record<
  Exclude<AuthorityVerdict, { granted: true }>['reason'],
  { vi: string; en: string }
> = {
  not_registered: {
    vi: 'Tài khoản chưa được quản trị viên đăng ký làm cán bộ của cơ quan nào.',
    en: 'This account has not been registered as an officer of any agency by an administrator.',
  },
  inactive: {
    vi: 'Tài khoản cán bộ đã bị vô hiệu hóa.',
    en: 'This officer account has been deactivated.',
  },
  not_yet_valid: {
    vi: 'Tài khoản cán bộ chưa đến ngày có hiệu lực.',
    en: 'This officer account is not valid yet.',
  },
  expired: {
    vi: 'Tài khoản cán bộ đã hết thời hạn hiệu lực.',
    en: 'This officer account is no longer valid.',
  },
};

export function hasRole(authority: Pick<OfficerAuthority, 'roles'>, role: OfficerRole): boolean {
  return authority.roles.includes(role);
}

/** Parses a comma-separated role list as operators type it, naming what is not a role. */
export function parseRoles(text: string): { roles: OfficerRole[]; unknown: string[] } {
  const words = text
    .split(/[,\s]+/)
    .map((word) => word.trim())
    .filter(Boolean);
  const roles: OfficerRole[] = [];
  const unknown: string[] = [];
  for (const word of words) {
    const parsed = OfficerRoleSchema.safeParse(word);
    if (parsed.success) {
      if (!roles.includes(parsed.data)) roles.push(parsed.data);
    } else unknown.push(word);
  }
  return { roles, unknown };
}
