import { describe, expect, it } from 'vitest';
import { sendDocument } from '../../../../shared/app/documents/send-document.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';
import { verifySignature } from '../../../../shared/domain/signing/signature.ts';
import { samplePdf } from '../../../support/sample-files.ts';
import { dispatchRequest } from '../fixtures.ts';
import { commune, district, province } from '../memory.ts';
import { memoryDocuments } from './memory-documents.ts';

const commune2 = { ...commune, code: '000.18.22.H56', name: 'UBND xã Quảng Hải' };
const registry = [commune, commune2, district, province];

function exchange() {
  const memory = memoryDocuments();
  const ports = {
    ...memory.ports,
    agencies: async () => registry,
    policy: { tiers: ['commune', 'district', 'province'] as const, agencyMailDomains: ['gov.vn'] },
  };
  return { ...memory, ports };
}

const request = (overrides: Record<string, unknown> = {}) =>
  dispatchRequest({ to: [commune.code, commune2.code, district.code], ...overrides });
const sender = { unit: province, username: 'van-thu-tinh' };

describe('sending an official document', () => {
  it('signs the envelope, stores the attachments and a copy per recipient, and queues each on its tier', async () => {
    const { ports, headers, copies, files, queued, chains, lines, signer } = exchange();
    const pdf = await samplePdf('Cong van 12');
    const attachments = [
      {
        name: 'cong-van.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.from(pdf).toString('base64'),
      },
    ];
    const sent = await sendDocument(ports, request({ attachments }), sender);
    expect(sent).toMatchObject({
      documentId: '000.00.00.H56,2026/11/24,12/UBND-VP',
      recipients: [
        { organId: commune.code, tier: 'commune' },
        { organId: commune2.code, tier: 'commune' },
        { organId: district.code, tier: 'district' },
      ],
    });
    const header = headers.get(sent.id);
    if (!header) throw new Error('no header was stored');
    expect(header.routedAt).toBeDefined();
    expect(verifySignature(signer.publicKeyPem, canonicalJson(header.envelope), header.signature)).toBe(true);
    expect([...files.values()].map((file) => Buffer.from(file.bytes))).toEqual([Buffer.from(pdf)]);
    expect([...copies.values()].map((copy) => [copy.recipient.organId, copy.state])).toEqual([
      [commune.code, 'sent'],
      [commune2.code, 'sent'],
      [district.code, 'sent'],
    ]);
    const sentTo = (organId: string) => ({
      type: 'document.sent',
      id: sent.id,
      organId,
      sentAt: header.sentAt,
    });
    expect(queued).toEqual([
      {
        tier: 'commune',
        messages: [
          { ...sentTo(commune.code), tier: 'commune' },
          { ...sentTo(commune2.code), tier: 'commune' },
        ],
      },
      { tier: 'district', messages: [{ ...sentTo(district.code), tier: 'district' }] },
    ]);
    expect(chains.get(`document:${sent.id}`)).toEqual([
      expect.objectContaining({ action: 'sent', actor: 'van-thu-tinh' }),
    ]);
    expect(lines.map((line) => line.message)).toEqual(['document sent']);
  });

  it('resumes a retried send with the same content: the same document, no second copy', async () => {
    const { ports, headers, copies } = exchange();
    const first = await sendDocument(ports, request(), sender);
    const again = await sendDocument(ports, request(), sender);
    expect(again.id).toBe(first.id);
    expect(headers.size).toBe(1);
    expect(copies.size).toBe(3);
  });

  it('refuses other content under a document number already used, routing nothing', async () => {
    const { ports, queued } = exchange();
    await sendDocument(ports, request(), sender);
    queued.length = 0;
    await expect(sendDocument(ports, request({ subject: 'Nội dung khác' }), sender)).rejects.toMatchObject({
      code: 'DOCUMENT_EXISTS',
    });
    expect(queued).toEqual([]);
  });

  it('refuses a classified document before storing or queueing anything', async () => {
    const { ports, headers, files, queued } = exchange();
    await expect(sendDocument(ports, request({ confidentiality: 'mat' }), sender)).rejects.toMatchObject({
      code: 'CONFIDENTIAL_NOT_ALLOWED',
    });
    expect([headers.size, files.size, queued.length]).toEqual([0, 0, 0]);
  });

  it('mails meeting invitations only to official addresses', async () => {
    const { ports, headers } = exchange();
    const personal = { ...commune, officialEmail: 'xa.quangbinh@gmail.com' };
    const withPersonal = { ...ports, agencies: async () => [personal, district, province] };
    await expect(
      sendDocument(withPersonal, request({ kind: 'meeting_invitation', to: [commune.code] }), sender),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    expect(headers.size).toBe(0);
  });

  it('refuses a recipient outside the registry', async () => {
    const { ports } = exchange();
    await expect(sendDocument(ports, request({ to: ['000.99.99.H56'] }), sender)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ field: 'to' }],
    });
  });
});
