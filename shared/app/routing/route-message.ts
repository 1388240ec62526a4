import type { DocumentEnvelope, StatusMessage } from '../../contracts/documents.ts';
import type { HistoryEntry } from '../../contracts/dossiers.ts';
import type { AgencyMailMessage } from '../../contracts/mail.ts';
import type {
  DocumentDelivery,
  DocumentRecallDelivery,
  DocumentStatusDelivery,
  RoutingMessage,
} from '../../contracts/routing.ts';
import type { Signature } from '../../contracts/signing.ts';
import type { Tier } from '../../domain/agencies/tiers.ts';
import { toVietnamIso, toVietnamIsoPrecise } from '../../domain/calendar/time.ts';
import {
  arrivalOf,
  type RecipientChange,
  type RecipientRecord,
  recallArrivalOf,
  type SenderAcknowledgement,
  statusMessageOf,
} from '../../domain/documents/documents.ts';
import type { CitizenMailMessage } from '../../domain/mail/citizen-mail.ts';
import type { Log } from '../log.ts';

export interface ArrivalDossiers {
  /** Appends the arrival entries unless the dossier arrived already; answers whether it wrote them. */
  recordArrival(dossierCode: string, entries: HistoryEntry[], at: string): Promise<boolean>;
  get(dossierCode: string): Promise<{ receivedAt?: string | undefined } | undefined>;
}

export interface ArrivalDocuments {
  recipient(id: string, organId: string): Promise<RecipientRecord | undefined>;
  header(
    id: string,
  ): Promise<
    { envelope: Pick<DocumentEnvelope, 'from' | 'subject' | 'code' | 'dueDate' | 'meetingPlace'> } | undefined
  >;
  /** Records a status message on the sender's side once; answers whether this was the first time. */
  recordAcknowledgement(
    id: string,
    recipientOrganId: string,
    statusId: string,
    ack: SenderAcknowledgement,
  ): Promise<boolean>;
}

/** Signed status steps of a recipient's copy, and the way back to the sender. */
export interface StatusExchange {
  /** The signed status, or undefined when the copy changed meanwhile (read again, decide again). */
  record(
    copy: RecipientRecord,
    change: RecipientChange,
  ): Promise<{ status: StatusMessage; signature: Signature } | undefined>;
  sendBack(copy: RecipientRecord, status: StatusMessage, signature: Signature): Promise<void>;
}

export interface MailOutbox {
  citizen(message: Omit<CitizenMailMessage, 'type'>): Promise<void>;
  agency(message: Omit<AgencyMailMessage, 'type'>): Promise<void>;
}

export interface RoutingPorts {
  dossiers: ArrivalDossiers;
  documents: ArrivalDocuments;
  exchange: StatusExchange;
  mail: MailOutbox;
  /** The tier whose queue this consumer reads. */
  tier: Tier;
  log: Log;
  now(): Date;
}

/** One message of a tier queue: a dossier or document arriving, a recall request, a status coming back. */
export async function routeMessage(ports: RoutingPorts, message: RoutingMessage): Promise<void> {
  switch (message.type) {
    case 'dossier.received':
      return dossierArrived(ports, message.dossierCode, message.agencyCode);
    case 'document.sent':
      return documentArrived(ports, message);
    case 'document.recall':
      return recallArrived(ports, message);
    case 'document.status':
      return statusArrived(ports, message);
  }
}

/** Records the dossier's arrival at its agency (once), then queues the citizen's first mail. */
async function dossierArrived(ports: RoutingPorts, dossierCode: string, agencyCode: string): Promise<void> {
  const at = toVietnamIso(ports.now());
  const firstDelivery = await ports.dossiers.recordArrival(
    dossierCode,
    [
      { status: 'routed', at, by: `queue:${ports.tier}`, note: agencyCode },
      { status: 'acknowledged', at, by: agencyCode, note: undefined },
    ],
    at,
  );
  const dossier = await ports.dossiers.get(dossierCode);
  if (!dossier) throw new Error(`Dossier ${dossierCode} is not stored`);
  ports.log.info('dossier arrived', { dossierCode, tier: ports.tier, firstDelivery });
  // Queued on every delivery; the mail sender sends it once per recipient. A dossier received at
  // once (counter, postal) has its receipt; an online one was only submitted (the desk's `accept`
  // sends the receipt).
  await ports.mail.citizen({
    template: dossier.receivedAt !== undefined ? 'receipt' : 'submission',
    dossierCode,
  });
}

async function copyOf(ports: RoutingPorts, id: string, organId: string): Promise<RecipientRecord> {
  const copy = await ports.documents.recipient(id, organId);
  if (!copy) throw new Error(`Document ${id} has no copy for ${organId}`);
  return copy;
}

/**
 * Records a step once and sends its status back. A redelivered message finds the step already
 * recorded and sends the same signed status again, which the sender's side also takes only once.
 */
async function recordOnce(
  ports: RoutingPorts,
  id: string,
  organId: string,
  changeOf: (copy: RecipientRecord) => RecipientChange | undefined,
  alreadyRecorded: (copy: RecipientRecord) => RecipientRecord['steps'][number] | undefined,
): Promise<RecipientRecord> {
  for (;;) {
    const copy = await copyOf(ports, id, organId);
    const change = changeOf(copy);
    if (!change) {
      const step = alreadyRecorded(copy);
      if (step?.signature) await ports.exchange.sendBack(copy, statusMessageOf(copy, step), step.signature);
      return copy;
    }
    const signed = await ports.exchange.record(copy, change);
    if (signed) {
      await ports.exchange.sendBack(copy, signed.status, signed.signature);
      return copy;
    }
  }
}

async function documentArrived(ports: RoutingPorts, message: DocumentDelivery): Promise<void> {
  const at = toVietnamIsoPrecise(ports.now());
  let first = false;
  const copy = await recordOnce(
    ports,
    message.id,
    message.organId,
    (current) => {
      const change = arrivalOf(current, message.organId, at);
      first = change !== undefined;
      return change;
    },
    (current) => current.steps.find((step) => step.status === 'arrived'),
  );
  ports.log.info('document arrived', { id: message.id, organId: message.organId, tier: ports.tier, first });
  if (copy.kind === 'meeting_invitation' || copy.kind === 'draft_for_comment') {
    const header = await ports.documents.header(message.id);
    if (!header || !copy.recipient.email) return;
    // Queued on every delivery; the mail sender sends it once per document and recipient.
    await ports.mail.agency({
      documentId: copy.documentId,
      kind: copy.kind,
      to: copy.recipient.email,
      toOrganId: copy.recipient.organId,
      fromOrgan: header.envelope.from.organName,
      subject: header.envelope.subject,
      numberAndNotation: `${header.envelope.code.codeNumber}/${header.envelope.code.codeNotation}`,
      dueAt: header.envelope.dueDate,
      place: header.envelope.meetingPlace,
    });
  }
}

async function recallArrived(ports: RoutingPorts, message: DocumentRecallDelivery): Promise<void> {
  await recordOnce(
    ports,
    message.id,
    message.organId,
    (current) => recallArrivalOf(current, message.by, message.at, message.reason),
    (current) =>
      current.steps.find(
        (step) =>
          (step.status === 'recall_requested' || step.status === 'recall_refused') && step.at === message.at,
      ),
  );
  ports.log.info('recall request arrived', { id: message.id, organId: message.organId });
}

async function statusArrived(ports: RoutingPorts, message: DocumentStatusDelivery): Promise<void> {
  const first = await ports.documents.recordAcknowledgement(
    message.id,
    message.organId,
    message.status.statusId,
    {
      status: message.status.status,
      code: message.status.statusCode,
      at: message.status.timestamp,
      receivedAt: toVietnamIsoPrecise(ports.now()),
    },
  );
  ports.log.info('status received', {
    id: message.id,
    from: message.organId,
    code: message.status.statusCode,
    first,
  });
}
