import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importCatalog, readCatalogFile } from '../../scripts/lib/catalog-file.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import type { Procedure } from '../../shared/contracts/catalog.ts';
import { documentsToCsv } from '../../shared/domain/intake/catalog-import.ts';
import { api, completeDossierRequest, dataOutput, postJson } from '../support/deployment.ts';

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
  'pausesForPayment',
] as const;

function toCsv(procedures: readonly Procedure[]): string {
  const quote = (value: unknown) => `"${String(value).replaceAll('"', '""')}"`;
  const lines = procedures.map((p) =>
    COLUMNS.map((column) =>
      quote(column === 'requiredDocuments' ? documentsToCsv(p.requiredDocuments) : (p[column] ?? '')),
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
  requiredDocuments: [
    {
      code: 'VAN_BAN_DANG_KY',
      name: 'Văn bản đăng ký',
      form: 'original',
      copies: 1,
      mandatory: true,
      alternates: [],
    },
  ],
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
    const submitted = await postJson(
      '/dossiers',
      await completeDossierRequest({ procedureCode: newProcedure.code }),
    );
    expect(submitted.status).toBe(201);
  });

  it('never mixes two imports started together: the catalog served is one of them, whole', async () => {
    const before = await store().activeCatalogVersion();
    const current = await store().listProcedures();
    const extra = (suffix: string, name: string) => ({
      ...newProcedure,
      code: `1.01234${suffix}.000.00.00.H56`,
      name,
    });
    const extras = [extra('6', ''), extra('7', ''), extra('8', '')].map((p) => p.code);
    const base = current.filter((p) => !extras.includes(p.code));
    const importA = [...base, extra('6', 'Thủ tục của lần nhập A')];
    const importB = [
      ...base,
      extra('7', 'Thủ tục của lần nhập B'),
      extra('8', 'Thủ tục thứ hai của lần nhập B'),
    ];
    const outcomes = await Promise.allSettled([
      store().publishCatalog(importA),
      store().publishCatalog(importB),
    ]);
    const versions = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    // Started together, both read the same active version: one claims the next, the other is refused.
    // (Should one finish before the other starts, both publish, one version after the other.)
    expect(versions.length).toBeGreaterThanOrEqual(1);
    expect(new Set(versions).size).toBe(versions.length);
    for (const outcome of outcomes)
      if (outcome.status === 'rejected') expect(String(outcome.reason)).toMatch(/Another catalog import/);
    const active = await store().activeCatalogVersion();
    expect(active).toBe(Math.max(...versions));
    expect(active).toBe(before + versions.length);
    const winner = outcomes[1].status === 'fulfilled' && outcomes[1].value === active ? importB : importA;
    const served = (await store().listProcedures()).map((p) => p.code).sort();
    expect(served).toEqual(winner.map((p) => p.code).sort());
    // A refused import leaves nothing in the way of the next one.
    expect(await store().publishCatalog(current)).toBe(active + 1);
    expect((await store().listProcedures()).map((p) => p.code).sort()).toEqual(
      current.map((p) => p.code).sort(),
    );
  });

  it('serves a registry change at once, though the function keeps the catalog it read', async () => {
    type Served = { procedures: Procedure[]; agencies: { code: string; name: string }[] };
    const first = await api<Served>('/procedures');
    // A second call of the now warm function answers the same from what it keeps.
    expect((await api<Served>('/procedures')).body).toEqual(first.body);
    const agencies = await store().listAgencies();
    const agency = agencies.find((candidate) => candidate.code === newProcedure.agencyCode);
    if (!agency) throw new Error(`agency ${newProcedure.agencyCode} is not seeded`);
    const renamed = { ...agency, name: `${agency.name} (đổi tên thử)` };
    try {
      await store().putAgencies([renamed]);
      const served = await api<Served>('/procedures');
      expect(served.body.agencies.find((candidate) => candidate.code === agency.code)?.name).toBe(
        renamed.name,
      );
      expect(served.body.procedures).toEqual(first.body.procedures);
    } finally {
      await store().putAgencies([agency]);
    }
    const restored = await api<Served>('/procedures');
    expect(restored.body.agencies.find((candidate) => candidate.code === agency.code)?.name).toBe(
      agency.name,
    );
  });
});
