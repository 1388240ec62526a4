import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readCatalogFile } from '../../../scripts/lib/catalog-file.ts';
import type { AgencyRecord } from '../../../shared/contracts/catalog.ts';
import { fromCsvCells, validateCatalog } from '../../../shared/domain/intake/catalog-import.ts';

const fixture = (name: string) => new URL(`../../fixtures/${name}`, import.meta.url).pathname;
const agencies = JSON.parse(
  readFileSync(new URL('../../../scripts/seed-data/agencies.json', import.meta.url), 'utf8'),
) as AgencyRecord[];

describe('procedures catalog import', () => {
  it('accepts the seeded JSON catalog whole', () => {
    const { procedures, issues } = validateCatalog(
      readCatalogFile(new URL('../../../scripts/seed-data/procedures.json', import.meta.url).pathname),
      agencies,
    );
    expect(issues).toEqual([]);
    expect(procedures.length).toBeGreaterThanOrEqual(24);
  });

  it('reports every problem of a CSV file by line, field and reason', () => {
    const rows = readCatalogFile(fixture('catalog-with-errors.csv'));
    const { procedures, issues } = validateCatalog(rows, agencies);
    expect(issues.map((issue) => [issue.line, issue.field])).toEqual([
      [3, 'tier'],
      [4, 'code'],
      [5, 'agencyCode'],
      [6, 'code'],
      [7, 'processingTime'],
      [7, 'resultSigned'],
    ]);
    for (const issue of issues) {
      expect(issue.reason.vi.length).toBeGreaterThan(0);
      expect(issue.reason.en.length).toBeGreaterThan(0);
    }
    expect(issues[0]?.reason.en).toContain('commune tier, not district');
    expect(procedures.map((p) => p.code)).toEqual(['1.001193.000.00.00.H56']);
  });

  it('reads CSV documents, numbers and Vietnamese booleans', () => {
    const [first] = readCatalogFile(fixture('catalog-with-errors.csv'));
    expect(first?.values).toMatchObject({
      processingTime: 1,
      legacyLevel: 4,
      resultSigned: true,
      countsFromNextDayAfter15h: true,
      requiredDocuments: [
        {
          code: 'TO_KHAI',
          name: 'Tờ khai theo mẫu',
          form: 'original',
          copies: 1,
          mandatory: true,
          alternates: [],
        },
        {
          code: 'GIAY_CHUNG_SINH',
          name: 'Giấy chứng sinh',
          nameEn: 'Birth certificate',
          form: 'original',
          copies: 1,
          mandatory: true,
          alternates: ['VAN_BAN_LAM_CHUNG'],
        },
        {
          code: 'VAN_BAN_LAM_CHUNG',
          name: 'Văn bản làm chứng',
          form: 'original',
          copies: 1,
          mandatory: false,
          alternates: ['GIAY_CHUNG_SINH'],
        },
      ],
    });
  });

  it('reads the clock kind in Vietnamese and the payment pause from CSV cells', () => {
    const certifiedCopy = {
      code: '2.000908.000.00.00.H56',
      name: 'Chứng thực bản sao từ bản chính',
      field: 'Chứng thực',
      agencyCode: '000.17.22.H56',
      tier: 'commune',
      processingTime: '0',
      processingUnit: 'trong ngày',
      onlineLevel: 'partial',
      legacyLevel: '2',
      requiredDocuments: 'BAN_CHINH|Bản chính giấy tờ|original|1|true',
      feeVnd: '2000',
      resultSigned: 'true',
      countsFromNextDayAfter15h: 'có',
    };
    const row = (cells: Record<string, string>) => ({
      line: 2,
      values: fromCsvCells({ ...certifiedCopy, ...cells }),
    });
    const { procedures, issues } = validateCatalog(
      [row({ processingUnit: 'Trong ngày', pausesForPayment: 'có' })],
      agencies,
    );
    expect(issues).toEqual([]);
    expect(procedures[0]).toMatchObject({ processingUnit: 'same_day', pausesForPayment: true });
    expect(fromCsvCells({ processingUnit: 'giờ làm việc', pausesForPayment: '' })).toMatchObject({
      processingUnit: 'working_hours',
    });
    expect(fromCsvCells({ processingUnit: 'working_days' }).pausesForPayment).toBeUndefined();
    // A spreadsheet with the column left empty is the default ("no"), not a refusal.
    const empty = validateCatalog([row({ pausesForPayment: '' })], agencies);
    expect(empty.issues).toEqual([]);
    expect(empty.procedures[0]?.pausesForPayment).toBeUndefined();
    expect(validateCatalog([row({ processingUnit: 'tuần' })], agencies).issues).toEqual([
      expect.objectContaining({ line: 2, field: 'processingUnit' }),
    ]);
  });

  it('has the seeded same-day procedures as "trong ngày"', () => {
    const { procedures } = validateCatalog(
      readCatalogFile(new URL('../../../scripts/seed-data/procedures.json', import.meta.url).pathname),
      agencies,
    );
    const unitOf = (code: string) => procedures.find((p) => p.code === code)?.processingUnit;
    expect(unitOf('2.000908.000.00.00.H56')).toBe('same_day');
    expect(unitOf('1.001193.000.00.00.H56')).toBe('same_day');
    expect(unitOf('1.003622.000.00.00.H56')).toBe('working_days');
  });

  it('refuses an empty file', () => {
    expect(validateCatalog([], agencies).issues).toEqual([expect.objectContaining({ field: '(file)' })]);
  });
});
