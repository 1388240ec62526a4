import { describe, expect, it } from 'vitest';
import { type RoutingPorts, routeMessage } from '../../../../shared/app/routing/route-message.ts';
import type { HistoryEntry } from '../../../../shared/contracts/dossiers.ts';
import type { RoutingMessage } from '../../../../shared/contracts/routing.ts';
import type { Signature } from '../../../../shared/contracts/signing.ts';
import { type RecipientRecord, statusMessageOf } from '../../../../shared/domain/documents/documents.ts';
import { recipientCopy } from '../fixtures.ts';

const COMMUNE = {
  organId: '000.17.22.H56',
  organName: 'UBND xã Hoằng Hóa',
  email: 'vanthu@hoanghoa.thanhhoa.gov.vn',
};

function copy(overrides: Partial<RecipientRecord> = {}): RecipientRecord {
  return recipientCopy(COMMUNE, overrides);
}

const signatureOf = (n: number): Signature => ({
  keyId: 'alias/motcua-signing',
  algorithm: 'ECDSA_SHA_256',
  canonicalization: 'RFC8785-JCS',
  value: Buffer.from(`signature ${n}`).toString('base64'),
});

/** Dossiers, document copies, the signing exchange and the mail queue in memory. */
function memoryPorts(
  options: {
    dossiers?: string[];
    received?: boolean;
    copies?: RecipientRecord[];
    racesBeforeRecord?: number;
  } = {},
) {
  const receivedAt = options.received ? '2026-12-01T07:58:00+07:00' : undefined;
  const stored = new Map(
    (options.dossiers ?? []).map((code) => [
      code,
      { dossierCode: code, receivedAt, history: [] as HistoryEntry[] },
    ]),
  );
  const copies = new Map((options.copies ?? []).map((c) => [`${c.id}|${c.recipient.organId}`, c]));
  const sentBack: { id: string; statusId: string; signature: Signature }[] = [];
  const citizenMail: unknown[] = [];
  const agencyMail: unknown[] = [];
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  let races = options.racesBeforeRecord ?? 0;
  let signatures = 0;
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  const ports: RoutingPorts = {
    dossiers: {
      recordArrival: async (code, entries) => {
        const dossier = stored.get(code);
        if (!dossier || dossier.history.some((entry) => entry.status === 'routed')) return false;
        dossier.history.push(...entries);
        return true;
      },
      get: async (code) => stored.get(code),
    },
    documents: {
      recipient: async (id, organId) => structuredClone(copies.get(`${id}|${organId}`)),
      header: async () => ({
        envelope: {
          from: { organId: '000.00.00.H56', organName: 'UBND tỉnh Thanh Hóa' },
          subject: 'Họp giao ban',
          code: { codeNumber: '7', codeNotation: 'GM-UBND' },
          dueDate: '2026-12-05T08:00:00+07:00',
          meetingPlace: 'Hội trường A',
        },
      }),
      recordAcknowledgement: async (id, organId, statusId, ack) => {
        const current = copies.get(`${id}|${organId}`);
        if (!current || current.acks[statusId]) return false;
        current.acks[statusId] = ack;
        return true;
      },
    },
    exchange: {
      record: async (read, change) => {
        // Another writer changed the copy between the read and this write.
        if (races > 0) {
          races -= 1;
          return undefined;
        }
        const signature = signatureOf(++signatures);
        const key = `${read.id}|${read.recipient.organId}`;
        copies.set(key, {
          ...read,
          state: change.state,
          steps: [...read.steps, { ...change.step, signature }],
        });
        return { status: statusMessageOf(read, change.step), signature };
      },
      sendBack: async (record, status, signature) => {
        sentBack.push({ id: record.id, statusId: status.statusId, signature });
      },
    },
    mail: {
      citizen: async (message) => {
        citizenMail.push(message);
      },
      agency: async (message) => {
        agencyMail.push(message);
      },
    },
    tier: 'commune',
    log: { info: log, warn: log, error: log },
    now: () => new Date('2026-12-01T08:00:00+07:00'),
  };
  return { ports, stored, copies, sentBack, citizenMail, agencyMail, lines };
}

const dossierReceived: RoutingMessage = {
  type: 'dossier.received',
  dossierCode: 'H56.17.22-261201-0001',
  agencyCode: '000.17.22.H56',
  tier: 'commune',
  sentAt: '2026-12-01T07:59:00+07:00',
};
const documentSent: RoutingMessage = {
  type: 'document.sent',
  id: 'doc-1',
  organId: COMMUNE.organId,
  tier: 'commune',
  sentAt: '2026-12-01T07:59:00+07:00',
};

describe('routing a tier queue message', () => {
  it('a dossier arrives once: a duplicate delivery is not routed twice', async () => {
    const memory = memoryPorts({ dossiers: [dossierReceived.dossierCode] });
    await routeMessage(memory.ports, dossierReceived);
    await routeMessage(memory.ports, dossierReceived);
    expect(memory.stored.get(dossierReceived.dossierCode)?.history).toEqual([
      { status: 'routed', at: '2026-12-01T08:00:00+07:00', by: 'queue:commune', note: '000.17.22.H56' },
      { status: 'acknowledged', at: '2026-12-01T08:00:00+07:00', by: '000.17.22.H56', note: undefined },
    ]);
    expect(memory.lines.map((line) => line.fields.firstDelivery)).toEqual([true, false]);
    // An online dossier was only submitted: that mail is queued each time; the mail sender sends it once.
    expect(memory.citizenMail).toEqual([
      { template: 'submission', dossierCode: dossierReceived.dossierCode },
      { template: 'submission', dossierCode: dossierReceived.dossierCode },
    ]);
  });

  it('a dossier received at once (counter, postal) gets its receipt mail on arrival', async () => {
    const memory = memoryPorts({ dossiers: [dossierReceived.dossierCode], received: true });
    await routeMessage(memory.ports, dossierReceived);
    expect(memory.citizenMail).toEqual([{ template: 'receipt', dossierCode: dossierReceived.dossierCode }]);
  });

  it('a dossier that is not stored fails the message and queues no mail', async () => {
    const memory = memoryPorts();
    await expect(routeMessage(memory.ports, dossierReceived)).rejects.toThrow('is not stored');
    expect(memory.citizenMail).toEqual([]);
  });

  it('a document arrives once; a redelivery sends the same signed status back again', async () => {
    const memory = memoryPorts({ copies: [copy()] });
    await routeMessage(memory.ports, documentSent);
    await routeMessage(memory.ports, documentSent);
    const stored = memory.copies.get(`doc-1|${COMMUNE.organId}`);
    expect(stored?.state).toBe('arrived');
    expect(stored?.steps).toHaveLength(1);
    expect(memory.sentBack).toHaveLength(2);
    expect(memory.sentBack[1]).toEqual(memory.sentBack[0]);
    expect(memory.lines.map((line) => line.fields.first)).toEqual([true, false]);
    expect(memory.agencyMail).toEqual([]);
  });

  it('a copy changed meanwhile is read again before its step is recorded', async () => {
    const memory = memoryPorts({ copies: [copy()], racesBeforeRecord: 2 });
    await routeMessage(memory.ports, documentSent);
    expect(memory.copies.get(`doc-1|${COMMUNE.organId}`)?.steps).toHaveLength(1);
    expect(memory.sentBack).toHaveLength(1);
  });

  it("a meeting invitation also queues mail to the recipient's official address", async () => {
    const memory = memoryPorts({ copies: [copy({ kind: 'meeting_invitation' })] });
    await routeMessage(memory.ports, documentSent);
    expect(memory.agencyMail).toEqual([
      {
        documentId: '000.00.00.H56,2026/11/24,12/UBND-VP',
        kind: 'meeting_invitation',
        to: COMMUNE.email,
        toOrganId: COMMUNE.organId,
        fromOrgan: 'UBND tỉnh Thanh Hóa',
        subject: 'Họp giao ban',
        numberAndNotation: '7/GM-UBND',
        dueAt: '2026-12-05T08:00:00+07:00',
        place: 'Hội trường A',
      },
    ]);
  });

  it("a status coming back is recorded once on the sender's side", async () => {
    const memory = memoryPorts({ copies: [copy()] });
    await routeMessage(memory.ports, documentSent);
    const [back] = memory.sentBack;
    const arrived = memory.copies.get(`doc-1|${COMMUNE.organId}`);
    const step = arrived?.steps[0];
    if (!back || !arrived || !step) throw new Error('the arrival was not recorded');
    const status: RoutingMessage = {
      type: 'document.status',
      id: 'doc-1',
      organId: COMMUNE.organId,
      senderOrganId: arrived.senderOrganId,
      tier: 'province',
      status: statusMessageOf(arrived, step),
      signature: back.signature,
    };
    await routeMessage(memory.ports, status);
    await routeMessage(memory.ports, status);
    expect(Object.keys(memory.copies.get(`doc-1|${COMMUNE.organId}`)?.acks ?? {})).toEqual([step.statusId]);
    expect(
      memory.lines.filter((line) => line.message === 'status received').map((line) => line.fields.first),
    ).toEqual([true, false]);
  });
});
