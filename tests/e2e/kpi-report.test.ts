import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodsOf } from '../../shared/domain/kpi/kpi-periods.ts';
import { api, apiBase, completeDossierRequest, invokeFunction, postJson } from '../support/deployment.ts';

const COMMUNE = '000.17.22.H56';
const month = periodsOf(new Date()).month;

describe('GET /kpi/report', () => {
  beforeAll(async () => {
    expect((await postJson('/dossiers', await completeDossierRequest())).status).toBe(201);
    await invokeFunction('Kpi', 'AggregatorFunctionName');
  });

  it.each([
    ['a unit', `kpi/report?unit=${COMMUNE}&period=${month}`],
    ['the province, this month by default', 'kpi/report'],
  ])('answers %s with a one-page PDF', async (_, path) => {
    const response = await fetch(new URL(path, apiBase));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(Buffer.from(bytes).subarray(0, 4).toString()).toBe('%PDF');
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(1);
    expect(pdf.getTitle()).toContain('Báo cáo kết quả giải quyết thủ tục hành chính');
  });

  it('says in both languages that an unknown unit has no figures', async () => {
    const { status, body } = await api<{ error: { code: string; message: { vi: string; en: string } } }>(
      `/kpi/report?unit=000.99.99.H56&period=${month}`,
    );
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message.vi).toContain('000.99.99.H56');
    expect(body.error.message.en).toContain('000.99.99.H56');
  });

  it('refuses a period that is not a period key, naming the field in both languages', async () => {
    const { status, body } = await api<{
      error: { code: string; message: { vi: string; en: string }; fields: { field: string }[] };
    }>('/kpi/report?period=2026-13');
    expect(status).toBe(400);
    expect(body.error.code).toBe('VALIDATION_FAILED');
    expect(body.error.message.vi).toBeTruthy();
    expect(body.error.message.en).toBeTruthy();
    expect(body.error.fields.map((field) => field.field)).toContain('period');
  });
});
