import { describe, expect, it } from 'vitest';
import { type SupplyPorts, supplyDocuments } from '../../../../shared/app/lookup/supply-documents.ts';
import { viewDossier } from '../../../../shared/app/lookup/view-dossier.ts';
import { SupplementRequestSchema } from '../../../../shared/contracts/dossiers.ts';
import { vietnameseCivilServiceCalendar } from '../../../../shared/domain/calendar/holidays.ts';
import { newUploadClaim } from '../../../../shared/domain/intake/attachment.ts';
import {
  type Actor,
  applyAction,
  auditFieldsOf,
  type LifecycleAction,
} from '../../../../shared/domain/lifecycle/lifecycle.ts';
import type { CitizenMailMessage } from '../../../../shared/domain/mail/citizen-mail.ts';
import { queueEntry } from '../../../../shared/domain/officers/officer-view.ts';
import { samplePdf } from '../../../support/sample-files.ts';
import { codeOf, memoryProcesses } from '../fixtures.ts';
import { memoryGate, RefusedWrite, receivedDossier } from '../memory-ports.ts';

const SCAN = 'uploads/2026-11-25/00000000-0000-4000-8000-0000000000a1.pdf';
const SECOND = 'uploads/2026-11-25/00000000-0000-4000-8000-0000000000a2.pdf';
const officer: Actor = { id: 'mot.cua', kind: 'officer' };
const officerAt = new Date('2026-11-24T14:00:00+07:00');
const suppliedAt = new Date('2026-11-25T10:00:00+07:00');

const requestOf = (attachments: { key: string; fileName: string; documentCode?: string }[], note?: string) =>
  SupplementRequestSchema.parse({ attachments, ...(note ? { note } : {}) });

/**
 * A dossier received, taken up and then asked for a birth certificate (form 02), with the citizen's
 * ports; `clockStarted: false` asks at reception instead, before the dossier was received.
 */
async function awaitingSupplement({
  clockStarted = true,
  secret = (s: string): string | undefined => s,
} = {}) {
  // A request at reception is made on a dossier submitted online and not received yet.
  const received = await receivedDossier(undefined, { submittedOnline: !clockStarted });
  const { dossiers, dossierCode, uploads, files } = received;
  const step = async (action: LifecycleAction) => {
    const current = dossiers.records.get(dossierCode);
    if (!current) throw new Error('no dossier');
    const outcome = applyAction(current, action, officer, officerAt, workingCalendar);
    const entry = await dossiers.audit.next(dossierCode, auditFieldsOf(outcome, action.type, officer.id));
    await dossiers.applyLifecycle(current, outcome, entry);
  };
  if (clockStarted) await step({ type: 'start_processing' });
  await step({
    type: 'request_supplement',
    reason: 'Thiếu giấy chứng sinh',
    documents: ['Giấy chứng sinh (bản chính)'],
  });
  uploads.set(SCAN, { bytes: await samplePdf(), etag: '"v1"', contentType: 'application/pdf' });
  const mails: Omit<CitizenMailMessage, 'type'>[] = [];
  const logs: { message: string; fields: Record<string, unknown> }[] = [];
  const ports: SupplyPorts<unknown> = {
    gate: memoryGate(secret(received.secret)),
    dossiers,
    uploads: received.ports.uploads,
    claims: received.ports.claims.uploads,
    refusedWrite: (error) => error instanceof RefusedWrite,
    audit: dossiers.audit,
    mail: {
      enqueue: async (message) => {
        mails.push(message);
      },
    },
    log: {
      info: (message, fields) => logs.push({ message, fields }),
      error: (message, fields) => logs.push({ message, fields }),
    },
    now: () => suppliedAt,
  };
  const record = () => {
    const current = dossiers.records.get(dossierCode);
    if (!current) throw new Error('no dossier');
    return current;
  };
  return { ports, dossiers, dossierCode, uploads, files, mails, logs, record, secret: received.secret };
}

const certificate = { key: SCAN, fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' };

const workingCalendar = vietnameseCivilServiceCalendar();

describe('a citizen supplying documents', () => {
  it('binds the file, appends it marked supplied, keeps the paused dossier waiting and acknowledges it', async () => {
    const memory = await awaitingSupplement();
    const clockBefore = memory.record().clock;
    const answer = await supplyDocuments(memory.ports, memory.dossierCode, () =>
      requestOf([certificate], 'Bản chụp giấy chứng sinh'),
    );
    expect(answer).toEqual({
      dossierCode: memory.dossierCode,
      status: 'supplement_requested',
      syncCode: 5,
      suppliedAt: '2026-11-25T10:00:00+07:00',
      attachments: [{ fileName: 'giay-chung-sinh.pdf', documentCode: 'GIAY_CHUNG_SINH' }],
    });
    const dossier = memory.record();
    const target = `dossiers/${memory.dossierCode}/attachments/00000000-0000-4000-8000-0000000000a1.pdf`;
    expect(dossier.attachments).toEqual([
      {
        key: target,
        uploadKey: SCAN,
        fileName: 'giay-chung-sinh.pdf',
        documentCode: 'GIAY_CHUNG_SINH',
        contentType: 'application/pdf',
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        sizeBytes: expect.any(Number),
        suppliedAt: '2026-11-25T10:00:00+07:00',
      },
    ]);
    expect(memory.files.get(target)?.from).toBe(SCAN);
    expect(memory.dossiers.uploadClaims.get(SCAN)?.dossierCode).toBe(memory.dossierCode);
    expect(dossier.clock).toEqual(clockBefore);
    expect(dossier.supplement).toEqual({
      requestedAt: '2026-11-24T14:00:00+07:00',
      reason: 'Thiếu giấy chứng sinh',
      documents: ['Giấy chứng sinh (bản chính)'],
      suppliedAt: '2026-11-25T10:00:00+07:00',
    });
    expect(dossier.history.at(-1)).toEqual({
      status: 'supplement_requested',
      at: '2026-11-25T10:00:00+07:00',
      by: 'citizen',
      note: 'Công dân đã bổ sung: giay-chung-sinh.pdf — Bản chụp giấy chứng sinh',
    });
    expect(memory.dossiers.chains.get(memory.dossierCode)?.at(-1)).toMatchObject({
      kind: 'state_change',
      action: 'supply_documents',
      actor: 'citizen',
      details: { status: 'supplement_requested', files: [{ fileName: 'giay-chung-sinh.pdf' }] },
    });
    expect(memory.mails).toEqual([{ template: 'supplement_received', dossierCode: memory.dossierCode }]);
  });

  it('shows the desk that the citizen supplied, until the officer receives the supplement and the clock resumes', async () => {
    const memory = await awaitingSupplement();
    expect(queueEntry(memory.record(), suppliedAt, workingCalendar).suppliedAt).toBeUndefined();
    await supplyDocuments(memory.ports, memory.dossierCode, () => requestOf([certificate]));
    expect(queueEntry(memory.record(), suppliedAt, workingCalendar).suppliedAt).toBe(
      '2026-11-25T10:00:00+07:00',
    );
    const resumed = applyAction(
      memory.record(),
      { type: 'receive_supplement' },
      officer,
      new Date('2026-11-25T14:00:00+07:00'),
      workingCalendar,
    );
    await memory.dossiers.applyLifecycle(
      memory.record(),
      resumed,
      await memory.dossiers.audit.next(memory.dossierCode, auditFieldsOf(resumed, 'receive_supplement', 'x')),
    );
    expect(memory.record()).toMatchObject({ status: 'in_progress', clock: undefined });
    expect(queueEntry(memory.record(), suppliedAt, workingCalendar).suppliedAt).toBeUndefined();
  });

  it('returns a dossier asked at reception, before its clock started, to the desk as new', async () => {
    const memory = await awaitingSupplement({ clockStarted: false });
    const answer = await supplyDocuments(memory.ports, memory.dossierCode, () => requestOf([certificate]));
    expect(answer).toMatchObject({ status: 'submitted', syncCode: 1 });
    expect(memory.record()).toMatchObject({ status: 'submitted' });
    expect(memory.record().clock).toBeUndefined();
    expect(queueEntry(memory.record(), suppliedAt, workingCalendar)).toMatchObject({
      status: 'submitted',
      suppliedAt: '2026-11-25T10:00:00+07:00',
      allowedActions: expect.arrayContaining(['accept', 'refuse']),
    });
  });

  it('shows the citizen what was asked for and when it was supplied', async () => {
    const memory = await awaitingSupplement();
    const before = await viewDossier(
      {
        ...memory.ports,
        audit: memory.dossiers.audit,
        calendar: workingCalendar,
        processes: memoryProcesses(),
      },
      memory.dossierCode,
    );
    expect(before.supplement).toEqual({
      requestedAt: '2026-11-24T14:00:00+07:00',
      reason: 'Thiếu giấy chứng sinh',
      documents: ['Giấy chứng sinh (bản chính)'],
    });
    await supplyDocuments(memory.ports, memory.dossierCode, () => requestOf([certificate]));
    const after = await viewDossier(
      {
        ...memory.ports,
        audit: memory.dossiers.audit,
        calendar: workingCalendar,
        processes: memoryProcesses(),
      },
      memory.dossierCode,
    );
    expect(after.supplement?.suppliedAt).toBe('2026-11-25T10:00:00+07:00');
  });
});

describe('a supplement refused', () => {
  it('answers 409 when no supplement is requested, before reading any file', async () => {
    const memory = await awaitingSupplement();
    const record = memory.record();
    memory.dossiers.records.set(memory.dossierCode, { ...record, status: 'in_progress' });
    let read = 0;
    const counting = {
      ...memory.ports,
      uploads: {
        ...memory.ports.uploads,
        readUpload: async (key: string, max: number) => {
          read += 1;
          return memory.ports.uploads.readUpload(key, max);
        },
      },
    };
    const refusal = supplyDocuments(counting, memory.dossierCode, () => requestOf([certificate]));
    await expect(refusal).rejects.toMatchObject({
      code: 'ILLEGAL_TRANSITION',
      bilingual: {
        vi: expect.stringContaining('"Đang xử lý"'),
        en: expect.stringContaining('"In progress"'),
      },
    });
    expect(await codeOf(refusal)).toEqual(['ILLEGAL_TRANSITION', 409]);
    expect(read).toBe(0);
    expect(memory.dossiers.uploadClaims.has(SCAN)).toBe(false);
    expect(memory.mails).toEqual([]);
  });

  it('answers 404 to a wrong secret without reading the request', async () => {
    const memory = await awaitingSupplement({ secret: () => 'AAAAAAAAAAAAAAAAAAAAAA' });
    let requested = false;
    const refusal = supplyDocuments(memory.ports, memory.dossierCode, () => {
      requested = true;
      return requestOf([certificate]);
    });
    expect(await codeOf(refusal)).toEqual(['NOT_FOUND', 404]);
    expect(requested).toBe(false);
    expect(memory.record().status).toBe('supplement_requested');
  });

  it('answers 409 for an upload that already belongs to a dossier', async () => {
    const memory = await awaitingSupplement();
    memory.dossiers.uploadClaims.set(SCAN, newUploadClaim(SCAN, 'another', '2026-11-25T09:00:00+07:00'));
    const version = memory.record().version;
    expect(
      await codeOf(supplyDocuments(memory.ports, memory.dossierCode, () => requestOf([certificate]))),
    ).toEqual(['ATTACHMENT_ALREADY_USED', 409]);
    expect(memory.record().version).toBe(version);
  });

  it('answers 409 when another dossier claims the upload between its check and the write', async () => {
    const memory = await awaitingSupplement();
    const { dossiers } = memory;
    const racing = {
      ...memory.ports,
      dossiers: {
        get: (code: string) => dossiers.get(code),
        recordSupplement: (...args: Parameters<typeof dossiers.recordSupplement>) => {
          dossiers.uploadClaims.set(SCAN, newUploadClaim(SCAN, 'another', '2026-11-25T09:59:59+07:00'));
          return dossiers.recordSupplement(...args);
        },
      },
    };
    expect(await codeOf(supplyDocuments(racing, memory.dossierCode, () => requestOf([certificate])))).toEqual(
      ['ATTACHMENT_ALREADY_USED', 409],
    );
    expect(memory.record().attachments).toEqual([]);
    expect(memory.record().status).toBe('supplement_requested');
  });

  it('answers 422 naming a file that is not what its name says, and changes nothing', async () => {
    const memory = await awaitingSupplement();
    memory.uploads.set(SECOND, { bytes: new TextEncoder().encode('not a pdf'), etag: '"v1"' });
    const refusal = supplyDocuments(memory.ports, memory.dossierCode, () =>
      requestOf([certificate, { key: SECOND, fileName: 'to-khai.pdf' }]),
    );
    await expect(refusal).rejects.toMatchObject({
      code: 'ATTACHMENT_REJECTED',
      fields: [expect.objectContaining({ field: 'attachments.1.key' })],
    });
    expect(memory.record().attachments).toEqual([]);
    expect(memory.files.size).toBe(0);
  });

  it('answers 400 to a request naming one upload twice', async () => {
    const memory = await awaitingSupplement();
    const refusal = supplyDocuments(memory.ports, memory.dossierCode, () =>
      requestOf([certificate, { key: SCAN, fileName: 'lan-2.pdf' }]),
    );
    expect(await codeOf(refusal)).toEqual(['VALIDATION_FAILED', 400]);
  });

  it('answers 422 for a file replaced between its check and its copy', async () => {
    const memory = await awaitingSupplement();
    const replacing = {
      ...memory.ports,
      uploads: {
        readUpload: memory.ports.uploads.readUpload,
        bindUpload: async () => false,
      },
    };
    expect(
      await codeOf(supplyDocuments(replacing, memory.dossierCode, () => requestOf([certificate]))),
    ).toEqual(['ATTACHMENT_REJECTED', 422]);
    expect(memory.record().attachments).toEqual([]);
  });

  it('keeps a stored supplement when its acknowledgement cannot be queued', async () => {
    const memory = await awaitingSupplement();
    const failing = {
      ...memory.ports,
      mail: {
        enqueue: async () => {
          throw new Error('queue unreachable');
        },
      },
    };
    const answer = await supplyDocuments(failing, memory.dossierCode, () => requestOf([certificate]));
    expect(answer.status).toBe('supplement_requested');
    expect(memory.record().attachments).toHaveLength(1);
    expect(memory.logs.map((line) => line.message)).toContain(
      'supplement stored but its acknowledgement not queued',
    );
  });
});
