import {
  authorityOf,
  OFFICER_ROLE_NAMES,
  type OfficerAuthority,
  type OfficerRecord,
  type OfficerRole,
} from '../../domain/officers/officers.ts';

/** An officer as their colleagues see them: no e-mail, no phone, nothing an administrator keeps. */
export interface Colleague {
  username: string;
  /** The name the administrator registered, or the username when none was. */
  displayName: string;
  roles: { role: OfficerRole; vi: string; en: string }[];
}

export interface Colleagues {
  unitCode: string;
  colleagues: Colleague[];
}

export interface ColleaguesPorts {
  /** The administrator-written records of a unit's officers (by the unit index). */
  officersOf(unitCode: string): Promise<OfficerRecord[]>;
  now(): Date;
}

/**
 * The officers of the caller's own unit who may act today (active and within their validity), for the
 * leader's assign form. The unit is the caller's record's, which only an administrator writes; the
 * answer carries names and roles only.
 */
export async function listColleagues(ports: ColleaguesPorts, officer: OfficerAuthority): Promise<Colleagues> {
  const now = ports.now();
  const records = await ports.officersOf(officer.agencyCode);
  const colleagues = records
    .filter((record) => record.agencyCode === officer.agencyCode && authorityOf(record, now).granted)
    .sort((a, b) => a.username.localeCompare(b.username))
    .map(
      (record): Colleague => ({
        username: record.username,
        displayName: record.fullName?.trim() || record.username,
        roles: [...new Set(record.roles)].map((role) => ({ role, ...OFFICER_ROLE_NAMES[role] })),
      }),
    );
  return { unitCode: officer.agencyCode, colleagues };
}
