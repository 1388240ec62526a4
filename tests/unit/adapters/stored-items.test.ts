import { describe, expect, it } from 'vitest';
import {
  parseItem,
  parseOptionalItem,
  StoredAuditEntrySchema,
  StoredDeliverySchema,
  StoredDossierSchema,
  StoredFlowCellSchema,
  wellFormedItems,
} from '../../../shared/adapters/stored-items.ts';
import { nextAuditEntry, verifyAuditChain } from '../../../shared/domain/audit/audit.ts';
import { mailAuditFields } from '../../../shared/domain/mail/mail-audit.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const dossier = storedDossier({
  kpiShard: '3',
  attachments: [{ key: 'dossiers/x/a.pdf', fileName: 'a.pdf', contentType: 'application/pdf' }],
  history: [{ status: 'routed', at: '2026-11-24T09:15:01+07:00', by: 'system' }],
  routing: { tier: 'commune', queuedAt: '2026-11-24T09:15:01+07:00' },
});
const commune = dossier.agency;

describe('items read from DynamoDB', () => {
  it('come back as stored, with attributes the schema does not name (index keys of other writers)', () => {
    const item = { ...dossier, awaitingRouting: '3' };
    expect(parseItem(StoredDossierSchema, item, 'Dossiers')).toEqual(item);
  });

  it('in a listing, leave one malformed item out and report it, keeping every other', () => {
    const second = { ...dossier, dossierCode: '000.17.22.H56-261124-0002' };
    const broken = { ...dossier, dossierCode: '000.17.22.H56-261124-0003', receipt: { canonical: '{}' } };
    const reported: { table: string; key: unknown; issues: string }[] = [];
    const listed = [
      ...wellFormedItems(StoredDossierSchema, [dossier, broken, second], 'Dossiers', (problem) =>
        reported.push(problem),
      ),
    ];
    expect(listed.map((item) => item.dossierCode)).toEqual([dossier.dossierCode, second.dossierCode]);
    expect(reported).toEqual([
      { table: 'Dossiers', key: broken.dossierCode, issues: expect.stringContaining('receipt') },
    ]);
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

  it('read back a chain with a mail entry, which the verify command and the anchoring then check', () => {
    const chain = dossier.dossierCode;
    const first = nextAuditEntry(chain, undefined, {
      kind: 'submission',
      action: 'submitted',
      actor: 'online',
      at: '2026-11-24T09:15:00+07:00',
      details: {},
    });
    const mail = nextAuditEntry(
      chain,
      first,
      mailAuditFields({
        template: 'receipt',
        to: 'hoa@example.vn',
        state: 'sent',
        messageId: 'ses-1',
        at: '2026-11-24T09:16:00+07:00',
      }),
    );
    const read = [first, mail].map((entry) => parseItem(StoredAuditEntrySchema, entry, 'Audit'));
    expect(read[1]).toMatchObject({ kind: 'mail', action: 'mail.sent' });
    expect(verifyAuditChain(chain, read)).toEqual({ chain, intact: true, length: 2 });
  });
});
