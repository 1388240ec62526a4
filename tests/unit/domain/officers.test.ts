import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  authorityOf,
  OFFICER_ROLES,
  type OfficerRecord,
  OfficerRecordSchema,
  parseRoles,
} from '../../../shared/domain/officers/officers.ts';

const record: OfficerRecord = {
  officerId: 'sub-1',
  username: 'can-bo-1',
  agencyCode: '000.17.22.H56',
  roles: ['tiep_nhan'],
  active: true,
  validFrom: '2026-01-01T00:00:00+07:00',
  validTo: '2027-01-01T00:00:00+07:00',
  updatedAt: '2026-01-01T00:00:00+07:00',
  updatedBy: 'operator:x',
};

describe('officer authority from the administrator’s record', () => {
  it('grants unit and roles only while the record is active and within its validity', () => {
    const from = Date.parse(record.validFrom);
    const to = Date.parse(record.validTo ?? '');
    fc.assert(
      fc.property(
        fc.integer({ min: from - 10 * 86_400_000, max: to + 10 * 86_400_000 }),
        fc.boolean(),
        (at, active) => {
          const verdict = authorityOf({ ...record, active }, new Date(at));
          const expected = active && at >= from && at < to;
          expect(verdict.granted).toBe(expected);
          if (verdict.granted) {
            expect(verdict.authority).toEqual({
              id: 'sub-1',
              username: 'can-bo-1',
              agencyCode: '000.17.22.H56',
              roles: ['tiep_nhan'],
            });
          } else {
            expect(verdict.reason).toBe(!active ? 'inactive' : at < from ? 'not_yet_valid' : 'expired');
          }
        },
      ),
    );
  });

  it('grants nothing without a record', () => {
    expect(authorityOf(undefined, new Date())).toEqual({ granted: false, reason: 'not_registered' });
  });

  it('refuses records that name no role, an unknown role or something that is not an agency code', () => {
    expect(OfficerRecordSchema.safeParse({ ...record, roles: [] }).success).toBe(false);
    expect(OfficerRecordSchema.safeParse({ ...record, roles: ['superuser'] }).success).toBe(false);
    expect(OfficerRecordSchema.safeParse({ ...record, agencyCode: 'UBND' }).success).toBe(false);
    expect(OfficerRecordSchema.safeParse(record).success).toBe(true);
  });

  it('reads a role list as operators type it and names what is not a role', () => {
    expect(parseRoles('tiep_nhan, chuyen_vien tiep_nhan')).toEqual({
      roles: ['tiep_nhan', 'chuyen_vien'],
      unknown: [],
    });
    expect(parseRoles('lanh_dao,admin')).toEqual({ roles: ['lanh_dao'], unknown: ['admin'] });
    expect(parseRoles(OFFICER_ROLES.join(',')).roles).toEqual([...OFFICER_ROLES]);
  });
});
