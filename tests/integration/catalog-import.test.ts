import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCatalog, readCatalogFile } from '../../scripts/lib/catalog-file.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import type { Procedure } from '../../shared/contracts/catalog.ts';
import { api, dataOutput, dossierRequest, postJson } from '../support/deployment.ts';

const COLUMNS = [
  'code',
  'name',
  'field',
  'agencyCode',
  'tier',
  'processingTime',
  'processingUnit',
  'onlineLevel',
  'legacyLevel',
  'requiredDocuments',
  'feeVnd',
  'resultSigned',
  'countsFromNextDayAfter15h',
] as const;

function toCsv(procedures: readonly Procedure[]): string {
  const quote = (value: unknown) => `"${String(value).replaceAll('"', '""')}"`;
  const lines = procedures.map((p) =>
    COLUMNS.map((column) =>
      quote(
        column === 'requiredDocuments'
          ? p.requiredDocuments.map((d) => `${d.code}|${d.name}|${d.mandatory}`).join('; ')
          : p[column],
      ),
    ).join(','),
  );
  return [COLUMNS.join(','), ...lines].join('\n');
}

const newProcedure: Procedure = {
  code: '1.012345.000.00.00.H56',
  name: 'Đăng ký hoạt động tín ngưỡng',
  field: 'Tín ngưỡng, tôn giáo',
  agencyCode: '000.17.22.H56',
  tier: 'commune',
  processingTime: 15,
  processingUnit: 'working_days',
  onlineLevel: 'full',
  legacyLevel: 4,
  requiredDocuments: [{ code: 'VAN_BAN_DANG_KY', name: 'Văn bản đăng ký', mandatory: true }],
  feeVnd: 0,
  resultSigned: true,
  countsFromNextDayAfter15h: false,
};

describe('operators import the procedures catalog', () => {
  const store = () => new ReferenceStore(dataOutput('ReferenceTableName'));
  const file = (name: string, content: string) => {
    const target = path.join(mkdtempSync(path.join(tmpdir(), 'catalog-')), name);
    writeFileSync(target, content);
    return target;
  };

  it('imports nothing when one line is wrong, and the citizen catalog stays as it was', async () => {
    const before = await store().activeCatalogVersion();
    const current = await store().listProcedures();
    const broken = [...current, { ...newProcedure, agencyCode: '000.00.99.H56' }];
    const result = await importCatalog(store(), readCatalogFile(file('broken.csv', toCsv(broken))));
    expect(result.issues).toEqual([
      expect.objectContaining({ line: current.length + 2, field: 'agencyCode' }),
    ]);
    expect(await store().activeCatalogVersion()).toBe(before);
    const served = await api<{ procedures: { code: string }[] }>('/procedures');
    expect(served.body.procedures.map((p) => p.code)).not.toContain(newProcedure.code);
  });

  it('publishes a valid file as the next catalog version, used at once by intake', async () => {
    const before = await store().activeCatalogVersion();
    const current = await store().listProcedures();
    const result = await importCatalog(
      store(),
      readCatalogFile(file('catalog.csv', toCsv([...current, newProcedure]))),
    );
    expect(result.issues).toEqual([]);
    expect(result.version).toBe(before + 1);
    const served = await api<{ procedures: Procedure[] }>('/procedures');
    expect(served.body.procedures.find((p) => p.code === newProcedure.code)).toEqual(newProcedure);
    expect(served.body.procedures).toHaveLength(current.length + 1);
    const submitted = await postJson('/dossiers', dossierRequest({ procedureCode: newProcedure.code }));
    expect(submitted.status).toBe(201);
  });
});
