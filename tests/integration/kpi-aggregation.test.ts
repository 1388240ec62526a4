import { describe, expect, it } from 'vitest';
import { api, dossierRequest, invokeFunction, postJson } from '../support/deployment.ts';

/** Enterprise registration at the provincial Department of Planning and Investment. */
const PROCEDURE = '2.001610.000.00.00.H56';
const AGENCY = '000.00.12.H56';

interface KpiRow {
  agencyCode: string;
  day: string;
  received: number;
  receivedOnline: number;
  documentsIssued: number;
  documentsSigned: number;
  signingTarget: number;
  signingTargetMet: boolean | null;
  onlineRate: { numerator: number; denominator: number; value: number | null };
  signedRate: { numerator: number; denominator: number; value: number | null };
}

async function totals() {
  const { status, body } = await api<{ rows: KpiRow[] }>(`/kpi?agencyCode=${AGENCY}`);
  expect(status).toBe(200);
  const sum = (field: 'received' | 'receivedOnline' | 'documentsSigned') =>
    body.rows.reduce((n, row) => n + row[field], 0);
  return {
    rows: body.rows,
    received: sum('received'),
    online: sum('receivedOnline'),
    signed: sum('documentsSigned'),
  };
}

const runAggregator = () =>
  invokeFunction<{ dossiers: number; rows: number }>('Kpi', 'AggregatorFunctionName');

describe('scheduled KPI aggregation', () => {
  it('counts new dossiers per agency with numerators and denominators, readable through GET /kpi', async () => {
    await runAggregator();
    const before = await totals();
    for (const channel of ['online', 'online', 'counter']) {
      const answer = await postJson('/dossiers', dossierRequest({ procedureCode: PROCEDURE, channel }));
      expect(answer.status).toBe(201);
    }
    const summary = await runAggregator();
    expect(summary.rows).toBeGreaterThan(0);
    const after = await totals();
    expect(after.received - before.received).toBe(3);
    expect(after.online - before.online).toBe(2);
    expect(after.signed - before.signed).toBe(3);
    for (const row of after.rows) {
      expect(row.agencyCode).toBe(AGENCY);
      expect(row.onlineRate).toMatchObject({ numerator: row.receivedOnline, denominator: row.received });
      expect(row.onlineRate.value).toBeCloseTo(row.receivedOnline / row.received);
      // Every receipt is signed, so the provincial department meets its 80% target.
      expect(row).toMatchObject({ signingTarget: 0.8, signingTargetMet: true });
    }
  });
});
