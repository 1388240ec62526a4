import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  mergeAgencies,
  type RegisteredAgency,
  renameAgency,
  resolveAgency,
  validateRegistry,
} from '../../../shared/domain/agencies/agency-registry.ts';
import { tiersOf } from '../../../shared/domain/agencies/tiers.ts';

const seeded = JSON.parse(
  readFileSync(new URL('../../../scripts/seed-data/agencies.json', import.meta.url), 'utf8'),
) as RegisteredAgency[];
const fourTier = tiersOf('four-tier-2016');
const province: RegisteredAgency = {
  code: '000.00.00.H56',
  name: 'UBND tỉnh',
  tier: 'province',
  officialEmail: 'a@thanhhoa.gov.vn',
};
const district: RegisteredAgency = {
  code: '000.00.22.H56',
  name: 'UBND huyện',
  tier: 'district',
  parentCode: province.code,
  officialEmail: 'b@thanhhoa.gov.vn',
};
const communeA: RegisteredAgency = {
  code: '000.17.22.H56',
  name: 'UBND xã A',
  tier: 'commune',
  parentCode: district.code,
  officialEmail: 'c@thanhhoa.gov.vn',
};
const communeB: RegisteredAgency = {
  code: '000.18.22.H56',
  name: 'UBND xã B',
  tier: 'commune',
  parentCode: district.code,
  officialEmail: 'd@thanhhoa.gov.vn',
};
const fields = (issues: ReturnType<typeof validateRegistry>) => issues.map((i) => `${i.code}:${i.field}`);

describe('agency registry', () => {
  it('accepts the seeded registry', () => {
    expect(validateRegistry(seeded, fourTier)).toEqual([]);
  });

  it('accepts both official code layouts and refuses anything else', () => {
    const decision20 = { ...communeA, code: 'H55.242' };
    expect(validateRegistry([province, district, decision20], fourTier)).toEqual([]);
    expect(fields(validateRegistry([province, { ...district, code: 'HUYEN-1' }], fourTier))).toEqual([
      'HUYEN-1:code',
    ]);
  });

  it('refuses a public mail service as an agency’s official address', () => {
    expect(
      fields(validateRegistry([{ ...province, officialEmail: 'ubnd.tinh@gmail.com' }], fourTier)),
    ).toEqual(['000.00.00.H56:officialEmail']);
  });

  it('refuses an unknown parent, a parent at a lower tier, and a cycle', () => {
    expect(fields(validateRegistry([{ ...communeA, parentCode: '000.00.99.H56' }], fourTier))).toEqual([
      '000.17.22.H56:parentCode',
    ]);
    expect(
      fields(validateRegistry([communeA, { ...district, parentCode: communeA.code }], fourTier)),
    ).toContain('000.00.22.H56:parentCode');
    const cyclic = [
      { ...district, parentCode: communeA.code, tier: 'commune' as const },
      { ...communeA, parentCode: district.code },
    ];
    expect(validateRegistry(cyclic, fourTier).some((issue) => issue.reason.en.includes('cycle'))).toBe(true);
  });

  it('refuses a district in the two-level 2025 profile', () => {
    expect(fields(validateRegistry([province, district], tiersOf('two-level-2025')))).toEqual([
      '000.00.22.H56:tier',
    ]);
  });

  it('keeps old codes resolvable after a rename, and moves the children', () => {
    const renamed = renameAgency(
      [province, district, communeA],
      district.code,
      '000.00.30.H56',
      'UBND thị xã',
    );
    expect(resolveAgency(renamed, district.code)?.code).toBe('000.00.30.H56');
    expect(renamed.find((a) => a.code === communeA.code)?.parentCode).toBe('000.00.30.H56');
    expect(validateRegistry(renamed, fourTier)).toEqual([]);
  });

  it('merges two communes: the absorbed code resolves to the new unit and cannot be reused', () => {
    const merged = mergeAgencies([province, district, communeA, communeB], communeB.code, communeA.code);
    expect(merged).toHaveLength(3);
    expect(resolveAgency(merged, communeB.code)?.code).toBe(communeA.code);
    expect(validateRegistry(merged, fourTier)).toEqual([]);
    const reused = [...merged, { ...communeB, name: 'Xã mới trùng mã' }];
    expect(fields(validateRegistry(reused, fourTier))).toEqual(['000.18.22.H56:code']);
  });
});
