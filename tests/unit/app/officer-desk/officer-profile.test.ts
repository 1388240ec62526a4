import { describe, expect, it } from 'vitest';
import { officerProfile } from '../../../../shared/app/officer-desk/officer-profile.ts';
import { DomainError } from '../../../../shared/domain/common/errors.ts';

const units = new Map([
  ['000.17.22.H56', { code: '000.17.22.H56', name: 'UBND xã Quảng Phú', tier: 'commune' as const }],
]);
// A former code resolves to its successor, as the registry does after a merger.
const ports = { unit: async (code: string) => units.get(code === '000.99.22.H56' ? '000.17.22.H56' : code) };

describe('officer profile', () => {
  it('names the unit as the registry does today and each granted role in both languages', async () => {
    const profile = await officerProfile(ports, {
      id: 'sub-1',
      username: 'nguyen.van.a',
      agencyCode: '000.99.22.H56',
      roles: ['tiep_nhan', 'quan_tri'],
    });
    expect(profile.unit).toEqual({ code: '000.17.22.H56', name: 'UBND xã Quảng Phú', tier: 'commune' });
    expect(profile.roles.map(({ role }) => role)).toEqual(['tiep_nhan', 'quan_tri']);
    for (const role of profile.roles) {
      expect(role.vi.length).toBeGreaterThan(0);
      expect(role.en.length).toBeGreaterThan(0);
      expect(role.vi).not.toBe(role.en);
    }
  });

  it('refuses an officer whose unit is no longer in the registry', async () => {
    const profile = officerProfile(ports, {
      id: 'sub-2',
      username: 'le.thi.b',
      agencyCode: '000.55.22.H56',
      roles: ['chuyen_vien'],
    });
    await expect(profile).rejects.toBeInstanceOf(DomainError);
    await expect(profile).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
