import { describe, expect, it } from 'vitest';
import {
  parseItem,
  parseOptionalItem,
  StoredDeliverySchema,
  StoredDossierSchema,
  StoredFlowCellSchema,
} from '../../../shared/adapters/stored-items.ts';
import type { DossierRecord } from '../../../shared/domain/dossier.ts';

const commune = { code: '000.17.22.H56', name: 'Ủy ban nhân dân xã Quảng Bình', tier: 'commune' as const };

const dossier: DossierRecord = {
  dossierCode: '000.17.22.H56-261124-0001',
  kpiShard: '3',
  version: 3,
  currentAgencyCode: commune.code,
  agency: commune,
  currentAgency: commune,
  procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
  channel: 'online',
  status: 'in_progress',
  receivedAt: '2026-11-24T09:15:00+07:00',
  dueAt: '2026-11-27T09:15:00+07:00',
  applicant: { fullName: 'Trần Văn Bình', idNumber: '038088001111', address: 'Thôn 2', phone: '0987000111' },
  attachments: [{ key: 'dossiers/x/a.pdf', fileName: 'a.pdf', contentType: 'application/pdf' }],
  wantsMail: false,
  lookupSecretHash: 'ab',
  receipt: {
    document: {},
    canonical: '{}',
    signature: { keyId: 'k', algorithm: 'ECDSA_SHA_256', canonicalization: 'RFC8785-JCS', value: 'AA==' },
  },
  history: [{ status: 'routed', at: '2026-11-24T09:15:01+07:00', by: 'system' }],
  routing: { tier: 'commune', queuedAt: '2026-11-24T09:15:01+07:00' },
  supplementRequests: 0,
  controlSlip: [],
};

describe('items read from DynamoDB', () => {
  it('come back as stored, with attributes the schema does not name (index keys of other writers)', () => {
    const item = { ...dossier, awaitingRouting: '3' };
    expect(parseItem(StoredDossierSchema, item, 'Dossiers')).toEqual(item);
  });

  it('fail loudly, naming the table and the attribute, when malformed', () => {
    const { status: _, ...withoutStatus } = dossier;
    expect(() => parseItem(StoredDossierSchema, withoutStatus, 'Dossiers')).toThrow(
      /Malformed item in Dossiers[\s\S]*status/,
    );
    expect(() =>
      parseItem(StoredDossierSchema, { ...dossier, routing: { tier: 'hamlet' } }, 'Dossiers'),
    ).toThrow(/routing\.tier/);
  });

  it('read nothing as nothing', () => {
    expect(parseOptionalItem(StoredDossierSchema, undefined, 'Dossiers')).toBeUndefined();
  });

  it('keep a timed-out delivery attempt with the numeric code it was recorded with', () => {
    const delivery = {
      agencyCode: commune.code,
      subscriptionId: 's1',
      event: { id: 'e1', type: 'dossier.received', agencyCode: commune.code, occurredAt: 'now', data: {} },
      status: 'failed',
      failures: 1,
      attempts: [{ at: 'now', outcome: 'timeout', latencyMs: 5000, response: 23 }],
      createdAt: 'now',
    };
    expect(parseItem(StoredDeliverySchema, delivery, 'Webhooks').attempts[0]?.response).toBe(23);
  });

  it('take every attribute of a counter cell besides its keys and tier as a count', () => {
    const cell = { bucket: '2026-11#0', cell: commune.code, tier: 'commune', received: 2, onTime: 1 };
    expect(parseItem(StoredFlowCellSchema, cell, 'KpiCounters')).toEqual(cell);
    expect(() => parseItem(StoredFlowCellSchema, { ...cell, received: 'two' }, 'KpiCounters')).toThrow(
      /received/,
    );
  });
});
