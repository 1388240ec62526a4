import { describe, expect, it } from 'vitest';
import type { DocumentActionPorts } from '../../../../shared/app/documents/act-on-document.ts';
import { actOnCopy, recallDocument } from '../../../../shared/app/documents/act-on-document.ts';
import {
  documentAsEdxml,
  documentAttachmentLink,
  listBox,
  readDocument,
} from '../../../../shared/app/documents/read-documents.ts';
import { sendDocument } from '../../../../shared/app/documents/send-document.ts';
import { verifyAuditChain } from '../../../../shared/domain/audit/audit.ts';
import { fromEdxml } from '../../../../shared/domain/documents/edxml.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';
import { verifySignature } from '../../../../shared/domain/signing/signature.ts';
import { samplePdf } from '../../../support/sample-files.ts';
import { dispatchRequest } from '../fixtures.ts';
import { commune, district, memoryLog, memoryPresigner, province } from '../memory.ts';
import { memoryDocuments } from './memory-documents.ts';

/** A document the province sent to a commune and a district, both copies arrived. */
async function sent() {
  const memory = memoryDocuments();
  const pdf = await samplePdf('Cong van 12');
  const request = dispatchRequest({
    to: [commune.code, district.code],
    attachments: [
      {
        name: 'cong-van.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.from(pdf).toString('base64'),
      },
    ],
  });
  const ports = {
    ...memory.ports,
    agencies: async () => [commune, district, province],
    policy: { tiers: ['commune', 'district', 'province'] as const, agencyMailDomains: ['gov.vn'] },
  };
  const { id } = await sendDocument(ports, request, { unit: province, username: 'van-thu-tinh' });
  for (const copy of memory.copies.values()) copy.state = 'arrived';
  memory.queued.length = 0;
  memory.lines.length = 0;
  return { ...memory, id, pdf };
}

describe('a recipient acts on its copy', () => {
  it('each step is signed, written with its audit entry and sent back to the sender', async () => {
    const { ports, id, copies, sentBack, chains, lines } = await sent();
    const result = await actOnCopy(ports, {
      id,
      unitCode: commune.code,
      action: { type: 'accept' },
      actor: 'can-bo-xa',
    });
    expect(result).toMatchObject({ id, organId: commune.code, state: 'accepted' });
    expect(result.steps).toHaveLength(1);
    expect(copies.get(`${id}#${commune.code}`)).toMatchObject({ state: 'accepted', version: 1 });
    expect(sentBack.map((back) => back.statusCode)).toEqual(['03']);
    expect(chains.get(`document:${id}:${commune.code}`)).toEqual([
      expect.objectContaining({ action: 'status_03', actor: 'can-bo-xa' }),
    ]);
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'document step',
        fields: { id, organId: commune.code, status: '03' },
      }),
    ]);
  });

  it('refuses a step the copy is not ready for, and a unit that holds no copy', async () => {
    const { ports, id, sentBack } = await sent();
    await expect(
      actOnCopy(ports, { id, unitCode: commune.code, action: { type: 'complete' }, actor: 'can-bo-xa' }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    await expect(
      actOnCopy(ports, { id, unitCode: '000.99.22.H56', action: { type: 'accept' }, actor: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      actOnCopy(ports, { id: 'khong-co', unitCode: commune.code, action: { type: 'accept' }, actor: 'x' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(sentBack).toEqual([]);
  });

  it('decides again on the copy as it is now when it changed meanwhile', async () => {
    const memory = await sent();
    let raced = false;
    const ports: DocumentActionPorts = {
      ...memory.ports,
      exchange: {
        ...memory.ports.exchange,
        record: async (copy, change) => {
          if (!raced) {
            raced = true;
            const held = memory.copies.get(`${copy.id}#${copy.recipient.organId}`);
            if (held) held.version += 1;
          }
          return memory.ports.exchange.record(copy, change);
        },
      },
    };
    const action = { type: 'accept' as const };
    await expect(
      actOnCopy(ports, { id: memory.id, unitCode: commune.code, action, actor: 'a' }),
    ).resolves.toMatchObject({
      state: 'accepted',
    });
    expect(memory.sentBack).toHaveLength(1);
  });
});

describe('the sender recalls its document', () => {
  it('signs the recall once, logs it and sends it to every copy that can still be recalled', async () => {
    const { ports, id, copies, queued, chains, signer } = await sent();
    const refused = copies.get(`${id}#${district.code}`);
    if (refused) refused.state = 'refused';
    const recall = await recallDocument(ports, {
      id,
      unitCode: province.code,
      reason: 'Ban hành nhầm',
      actor: 'van-thu-tinh',
    });
    expect(recall.recipients).toEqual([commune.code]);
    const signed = {
      documentId: '000.00.00.H56,2026/11/24,12/UBND-VP',
      recall: [commune.code],
      reason: 'Ban hành nhầm',
      at: recall.recallRequestedAt,
    };
    expect(verifySignature(signer.publicKeyPem, canonicalJson(signed), recall.signature)).toBe(true);
    expect(chains.get(`document:${id}`)?.at(-1)).toMatchObject({
      action: 'recall_requested',
      details: { ...signed, signature: recall.signature },
    });
    expect(queued).toEqual([
      {
        tier: 'commune',
        messages: [
          expect.objectContaining({ type: 'document.recall', organId: commune.code, by: province.code }),
        ],
      },
    ]);
  });

  it('only the sender recalls, and only while a copy can still be recalled', async () => {
    const { ports, id, copies, queued } = await sent();
    await expect(
      recallDocument(ports, { id, unitCode: commune.code, reason: 'x', actor: 'can-bo-xa' }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    for (const copy of copies.values()) copy.state = 'completed';
    await expect(
      recallDocument(ports, { id, unitCode: province.code, reason: 'x', actor: 'van-thu-tinh' }),
    ).rejects.toMatchObject({ code: 'ILLEGAL_TRANSITION' });
    expect(queued).toEqual([]);
  });
});

describe("a unit's document boxes", () => {
  it('the outbox lists what it sent, the inbox what it received', async () => {
    const { ports, id } = await sent();
    expect((await listBox(ports, province.code, 'outbox')).items).toEqual([
      expect.objectContaining({ id, recipients: 2, subject: 'Về việc triển khai dịch vụ công' }),
    ]);
    expect((await listBox(ports, commune.code, 'inbox')).items).toEqual([
      expect.objectContaining({ id, from: province.code, state: 'arrived' }),
    ]);
    expect((await listBox(ports, commune.code, 'outbox')).items).toEqual([]);
  });

  it('the sender sees every copy with recall open; a recipient only its own, with its own actions', async () => {
    const { ports, id } = await sent();
    const asSender = await readDocument(ports, province.code, id);
    expect(asSender.role).toBe('sender');
    expect(asSender.recipients.map((copy) => [copy.organId, copy.allowedActions])).toEqual([
      [commune.code, ['recall']],
      [district.code, ['recall']],
    ]);
    const asRecipient = await readDocument(ports, commune.code, id);
    expect(asRecipient.role).toBe('recipient');
    expect(asRecipient.recipients).toEqual([
      expect.objectContaining({ organId: commune.code, allowedActions: ['accept', 'refuse'] }),
    ]);
    await expect(readDocument(ports, '000.99.22.H56', id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('gives the document as an edXML message with its attachments, to its sender and recipients only', async () => {
    const { ports, id, pdf, headers } = await sent();
    const message = fromEdxml(await documentAsEdxml(ports, commune.code, id));
    expect(message.envelope).toEqual(headers.get(id)?.envelope);
    expect(message.attachments.map((file) => Buffer.from(file.bytes))).toEqual([Buffer.from(pdf)]);
    await expect(documentAsEdxml(ports, '000.99.22.H56', id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('links the sender and each recipient to an attachment, shown in the browser, and no other unit', async () => {
    const { linkPorts, open, id, files, headers } = await linking();
    const stored = headers.get(id)?.attachments[0];
    for (const unitCode of [province.code, commune.code, district.code]) {
      const link = await documentAttachmentLink(linkPorts, open(unitCode, id, 0));
      expect(link).toEqual({
        url: `https://bucket.test/${stored?.key}?X-Amz-Expires=300`,
        expiresAt: '2026-12-01T09:05:00+07:00',
        fileName: 'cong-van.pdf',
        contentType: 'application/pdf',
        sha256: stored?.sha256,
        sizeBytes: stored?.size,
      });
    }
    expect(files.has(stored?.key ?? '')).toBe(true);
    expect(linkPorts.presigned[0]).toEqual({
      key: stored?.key,
      seconds: 300,
      contentType: 'application/pdf',
      contentDisposition: `inline; filename="cong-van.pdf"; filename*=UTF-8''cong-van.pdf`,
    });
    expect(linkPorts.lines.map((line) => line.fields)).toContainEqual({
      id,
      unit: commune.code,
      officer: `sub-${commune.code}`,
      index: 0,
    });
  });

  it('puts each link on the reading unit’s chain: a recipient’s copy, the sender’s document', async () => {
    const { linkPorts, open, id, headers, chains } = await linking();
    const lengthOf = (chain: string) => chains.get(chain)?.length ?? 0;
    const senderEntries = lengthOf(`document:${id}`);
    const districtEntries = lengthOf(`document:${id}:${district.code}`);
    await documentAttachmentLink(linkPorts, open(commune.code, id, 0));
    await documentAttachmentLink(linkPorts, open(commune.code, id, 0));
    await documentAttachmentLink(linkPorts, open(province.code, id, 0));
    const key = headers.get(id)?.attachments[0]?.key;
    const opened = (unitCode: string) =>
      expect.objectContaining({
        kind: 'download',
        action: 'officer_attachment',
        actor: `can-bo-${unitCode}`,
        at: '2026-12-01T09:00:00.000+07:00',
        details: { key, agency: unitCode, index: 0 },
      });
    expect(chains.get(`document:${id}:${commune.code}`)).toEqual([
      opened(commune.code),
      opened(commune.code),
    ]);
    expect(chains.get(`document:${id}`)?.slice(senderEntries)).toEqual([opened(province.code)]);
    expect(lengthOf(`document:${id}:${district.code}`)).toBe(districtEntries);
    // Each entry is a link of its chain: the trail still verifies.
    for (const chain of [`document:${id}`, `document:${id}:${commune.code}`])
      expect(verifyAuditChain(chain, chains.get(chain) ?? [])).toMatchObject({ intact: true });
  });

  it('writes nothing and hands out nothing for a refused request', async () => {
    const { linkPorts, open, id, chains } = await linking();
    const snapshot = structuredClone([...chains.entries()]);
    await expect(documentAttachmentLink(linkPorts, open('000.99.22.H56', id, 0))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(documentAttachmentLink(linkPorts, open(commune.code, id, 1))).rejects.toMatchObject({
      code: 'NOT_FOUND',
      bilingual: { vi: 'Văn bản không có tệp đính kèm này.', en: 'The document has no such attachment.' },
    });
    await expect(documentAttachmentLink(linkPorts, open(commune.code, 'khong-co', 0))).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect([...chains.entries()]).toEqual(snapshot);
    expect(linkPorts.presigned).toEqual([]);
  });

  it('hands out no link when its audit entry cannot be written', async () => {
    const { linkPorts, open, id } = await linking();
    const failing = {
      ...linkPorts,
      audit: {
        append: async () => {
          throw new Error('audit table unavailable');
        },
      },
    };
    await expect(documentAttachmentLink(failing, open(commune.code, id, 0))).rejects.toThrow(
      'audit table unavailable',
    );
    expect(linkPorts.presigned).toEqual([]);
  });
});

/** The sent document, and the ports and request of an officer of a unit opening one of its files. */
async function linking() {
  const memory = await sent();
  const { files: presigner, links: presigned } = memoryPresigner();
  const { log, lines } = memoryLog();
  const linkPorts = {
    documents: memory.ports.documents,
    files: presigner,
    audit: memory.ports.audit,
    log,
    now: memory.clock.now,
    presigned,
    lines,
  };
  const open = (unitCode: string, id: string, index: number) => ({
    unitCode,
    id,
    index,
    officer: { id: `sub-${unitCode}`, username: `can-bo-${unitCode}`, agencyCode: unitCode },
  });
  return { ...memory, linkPorts, open };
}
