import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../scripts/lib/catalog-file.ts';
import { readProcessFile } from '../../../scripts/lib/process-file.ts';
import { reassignmentsOf, reassignProcedures, seedFile } from '../../../scripts/lib/seed-profile.ts';
import { AgencySchema } from '../../../shared/contracts/catalog.ts';
import { resolveAgency, validateRegistry } from '../../../shared/domain/agencies/agency-registry.ts';
import { TIER_PROFILES, type TierProfileName, tiersOf } from '../../../shared/domain/agencies/tiers.ts';
import { validateCatalog } from '../../../shared/domain/intake/catalog-import.ts';
import { validateProcesses } from '../../../shared/domain/process/process-validation.ts';

const profiles = Object.keys(TIER_PROFILES) as TierProfileName[];

function seedOf(profile: TierProfileName) {
  const agencies = AgencySchema.array().parse(
    JSON.parse(readFileSync(seedFile(profile, 'agencies.json'), 'utf8')),
  );
  const rows = reassignProcedures(
    readCatalogFile(seedFile(profile, 'procedures.json')),
    reassignmentsOf(profile),
    (code) => agencies.find((agency) => agency.code === code)?.tier,
  );
  return { agencies, rows };
}

describe.each(profiles)('the sample reference data of the %s profile', (profile) => {
  const { agencies, rows } = seedOf(profile);

  it('is a valid registry for the profile’s tiers, and a catalog whose every procedure has its agency', () => {
    expect(validateRegistry(agencies, tiersOf(profile))).toEqual([]);
    const { procedures, issues } = validateCatalog(rows, agencies);
    expect(issues).toEqual([]);
    expect(procedures).toHaveLength(rows.length);
  });

  it('has sample processes that the import accepts against the profile’s catalog and registry', () => {
    const { procedures } = validateCatalog(rows, agencies);
    const sources = readProcessFile(seedFile(profile, 'processes.json'));
    const { definitions, issues } = validateProcesses(sources, {
      procedures,
      agencies,
      tiers: tiersOf(profile),
    });
    expect(issues).toEqual([]);
    expect(definitions.map((definition) => definition.code)).toEqual([
      'QT-HKD-HUYEN',
      'QT-DAT-DAI-LIEN-THONG',
    ]);
  });

  it('reflects the provincial departments merged on 1 March 2025 and has a public administration service centre', () => {
    const names = agencies.map((agency) => agency.name);
    expect(names).toContain('Sở Nông nghiệp và Môi trường tỉnh Thanh Hóa');
    expect(names).toContain('Sở Tài chính tỉnh Thanh Hóa');
    expect(names).toContain('Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa');
    expect(names.some((name) => /Kế hoạch và Đầu tư|Giao thông vận tải|Thương binh/.test(name))).toBe(false);
    // The absorbed department's code still designates the unit that took it over.
    expect(resolveAgency(agencies, '000.00.15.H56')?.name).toBe('Sở Xây dựng tỉnh Thanh Hóa');
  });
});

describe('the two-level profile (since 1 July 2025)', () => {
  const { agencies, rows } = seedOf('two-level-2025');

  it('has no district-level unit or procedure, and communes report to the province', () => {
    expect(agencies.filter((agency) => agency.tier === 'district')).toEqual([]);
    expect(rows.filter((row) => row.values.tier === 'district')).toEqual([]);
    const province = agencies.find((agency) => agency.tier === 'province' && !agency.parentCode);
    for (const commune of agencies.filter((agency) => agency.tier === 'commune')) {
      expect(commune.parentCode).toBe(province?.code);
    }
  });

  it('keeps the abolished districts’ codes resolvable for the dossiers they held', () => {
    for (const districtCode of ['000.00.22.H56', '000.00.23.H56']) {
      expect(resolveAgency(agencies, districtCode)?.tier).toBe('commune');
    }
  });

  it('moves each district procedure to a commune, keeping the rest where they were', () => {
    const fourTier = seedOf('four-tier-2016').rows;
    const moved = fourTier.filter((row) => row.values.tier === 'district').map((row) => row.values.code);
    expect(moved.length).toBeGreaterThan(0);
    for (const row of rows) {
      const before = fourTier.find((other) => other.values.code === row.values.code);
      if (moved.includes(row.values.code)) expect(row.values.tier).toBe('commune');
      else expect(row.values).toEqual(before?.values);
    }
  });
});
