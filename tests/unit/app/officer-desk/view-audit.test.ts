import { describe, expect, it } from 'vitest';
import { viewAuditTrail } from '../../../../shared/app/officer-desk/view-audit.ts';
import { AuditTrailSchema } from '../../../../shared/contracts/audit.ts';
import type { AuditEntry } from '../../../../shared/domain/audit/audit.ts';
import {
  MAX_MAIL_EVENT_LOOKUPS,
  mailChainOf,
  maskedDetails,
} from '../../../../shared/domain/audit/audit-view.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { mailAuditFields } from '../../../../shared/domain/mail/mail-audit.ts';
import { commune, district, dossier, memoryAudit } from '../memory.ts';

const held = dossier();
const code = held.dossierCode;
const sha256 = '1234567890123456789012345678901234567890123456789012345678901234';

function ports(dossiers: DossierRecord[], events: Record<string, { type: string; at: string }[]> = {}) {
  const memory = memoryAudit();
  const byCode = new Map(dossiers.map((record) => [record.dossierCode, record]));
  const lookups: string[] = [];
  return {
    ...memory,
    lookups,
    ports: {
      dossiers: { get: async (wanted: string) => byCode.get(wanted) },
      audit: { entries: async (chain: string) => memory.chains.get(chain) ?? [] },
      mail: {
        message: async (messageId: string) => {
          lookups.push(messageId);
          const found = events[messageId];
          return found && { events: found };
        },
      },
    },
  };
}

async function withTrail(memory: ReturnType<typeof ports>) {
  const { audit } = memory;
  await audit.append(code, {
    kind: 'submission',
    action: 'submitted',
    actor: 'online',
    at: '2026-12-01T08:00:00+07:00',
    details: { procedure: '1.001193.000.00.00.H56', files: [{ fileName: 'cccd-038190000123.pdf', sha256 }] },
  });
  await audit.append(code, {
    kind: 'state_change',
    action: 'request_supplement',
    actor: 'mot-cua@xa.thanhhoa.gov.vn',
    at: '2026-12-01T09:00:00+07:00',
    details: { status: 'supplement_requested', note: 'Gọi 0912345678 hoặc hoa@example.vn để bổ sung' },
  });
  await audit.append(
    mailChainOf(code),
    mailAuditFields({
      template: 'receipt',
      to: 'hoa@example.vn',
      state: 'sent',
      messageId: 'ses-1',
      at: '2026-12-01T09:01:00+07:00',
    }),
  );
  await audit.append(
    mailChainOf(code),
    mailAuditFields({
      template: 'supplement_request',
      to: 'hoa@example.vn',
      state: 'suppressed',
      at: '2026-12-01T09:02:00+07:00',
    }),
  );
}

describe("a dossier's audit trail, for the unit holding it", () => {
  it('answers the entries newest first, masked, verified, with the mails and their delivery events', async () => {
    const memory = ports([held], {
      'ses-1': [
        { type: 'send', at: '2026-12-01T02:01:01Z' },
        { type: 'delivery', at: '2026-12-01T02:01:03Z' },
      ],
    });
    await withTrail(memory);
    const trail = await viewAuditTrail(memory.ports, { dossierCode: code, unit: commune });
    expect(trail.verified).toBe(true);
    expect(trail.entries.map(({ seq, kind }) => [seq, kind])).toEqual([
      [2, 'mail'],
      [1, 'mail'],
      [2, 'state_change'],
      [1, 'submission'],
    ]);
    expect(trail.entries[2]).toMatchObject({
      actor: 'm*****a@xa.thanhhoa.gov.vn',
      details: { note: 'Gọi 0********8 hoặc h*a@example.vn để bổ sung' },
    });
    // Digests keep their digits; a file name carrying an ID number does not.
    expect(trail.entries[3]?.details).toEqual({
      procedure: '1.001193.000.00.00.H56',
      files: [{ fileName: 'cccd-0********3.pdf', sha256 }],
    });
    expect(trail.mails).toEqual([
      {
        seq: 2,
        at: '2026-12-01T09:02:00+07:00',
        state: 'suppressed',
        template: 'supplement_request',
        to: 'h*a@example.vn',
      },
      {
        seq: 1,
        at: '2026-12-01T09:01:00+07:00',
        state: 'sent',
        template: 'receipt',
        to: 'h*a@example.vn',
        messageId: 'ses-1',
        events: [
          { type: 'send', at: '2026-12-01T02:01:01Z' },
          { type: 'delivery', at: '2026-12-01T02:01:03Z' },
        ],
      },
    ]);
    const answer = JSON.stringify(trail);
    for (const personal of ['hoa@example.vn', '0912345678', '038190000123', 'mot-cua@'])
      expect(answer).not.toContain(personal);
    expect(AuditTrailSchema.parse(trail)).toEqual(trail);
  });

  it('is not itself put on the trail: the answer holds no personal data', async () => {
    const memory = ports([held]);
    await withTrail(memory);
    await viewAuditTrail(memory.ports, { dossierCode: code, unit: commune });
    expect(memory.chains.get(code)).toHaveLength(2);
    expect(memory.chains.get(mailChainOf(code))).toHaveLength(2);
  });

  it('says where a chain is broken when an entry was altered', async () => {
    const memory = ports([held]);
    await withTrail(memory);
    const chain = memory.chains.get(code) ?? [];
    const altered: AuditEntry[] = chain.map((entry) =>
      entry.seq === 2 ? { ...entry, details: { status: 'done' } } : entry,
    );
    memory.chains.set(code, altered);
    const trail = await viewAuditTrail(memory.ports, { dossierCode: code, unit: commune });
    expect(trail.verified).toBe(false);
    expect(trail.problem).toEqual({ seq: 2, reason: expect.stringContaining('altered') });
    expect(AuditTrailSchema.parse(trail)).toEqual(trail);
  });

  it('shows nothing of a dossier another unit holds, nor of one that does not exist', async () => {
    const elsewhere = dossier({ currentAgency: district, currentAgencyCode: district.code });
    const memory = ports([elsewhere]);
    await withTrail(memory);
    for (const dossierCode of [elsewhere.dossierCode, 'H56.17.22-261201-0404'])
      await expect(viewAuditTrail(memory.ports, { dossierCode, unit: commune })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    expect(memory.lookups).toEqual([]);
  });

  it(`looks up the delivery events of the newest ${MAX_MAIL_EVENT_LOOKUPS} sent mails only`, async () => {
    const memory = ports([held]);
    for (let index = 1; index <= MAX_MAIL_EVENT_LOOKUPS + 5; index += 1)
      await memory.audit.append(
        mailChainOf(code),
        mailAuditFields({
          template: 'receipt',
          to: `nguoi${index}@example.vn`,
          state: 'sent',
          messageId: `ses-${index}`,
          at: '2026-12-01T09:01:00+07:00',
        }),
      );
    const trail = await viewAuditTrail(memory.ports, { dossierCode: code, unit: commune });
    expect(trail.mails).toHaveLength(MAX_MAIL_EVENT_LOOKUPS + 5);
    expect(memory.lookups).toHaveLength(MAX_MAIL_EVENT_LOOKUPS);
    expect(memory.lookups[0]).toBe(`ses-${MAX_MAIL_EVENT_LOOKUPS + 5}`);
    expect(memory.lookups).not.toContain('ses-5');
  });
});

describe('masking the details of an audit entry', () => {
  it.each([
    ['an address', { to: 'hoa@example.vn' }, { to: 'h*a@example.vn' }],
    [
      'a long digit run at any depth',
      { recipients: ['000.17.22.H56', { phone: '+84912345678' }] },
      { recipients: ['000.17.22.H56', { phone: '+********8' }] },
    ],
  ])('masks %s', (_what, details, masked) => {
    expect(maskedDetails(details)).toEqual(masked);
  });

  it.each([
    ['a digest', { sha256 }],
    ['a signature', { signature: { value: 'MEUCIQ123456789012', keyId: 'k1' } }],
    ['a receipt signature', { receiptSignature: '987654321987' }],
    ['a message id', { messageId: '010001812345678901-abc' }],
    ['numbers and flags', { count: 12, done: true }],
  ])('leaves %s as it is', (_what, details) => {
    expect(maskedDetails(details)).toEqual(details);
  });
});
