import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DocumentExchange } from '../../shared/adapters/document-exchange.ts';
import { DocumentStore } from '../../shared/adapters/document-store.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { loggingFailures, sqsMessage } from '../../shared/adapters/failure-log.ts';
import { withInjectedFaults } from '../../shared/adapters/fault-injection.ts';
import { enqueueAgencyMail, enqueueCitizenMail } from '../../shared/adapters/mail-queue.ts';
import { scheduleRedelivery } from '../../shared/adapters/redelivery.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv, tierConsumerEnv } from '../../shared/config/env.ts';
import {
  type DocumentDelivery,
  type DocumentRecallDelivery,
  type DocumentStatusDelivery,
  RoutingMessageSchema,
} from '../../shared/contracts/routing.ts';
import {
  arrivalOf,
  type RecipientChange,
  type RecipientRecord,
  recallArrivalOf,
  statusMessageOf,
} from '../../shared/domain/documents.ts';
import { toVietnamIso, toVietnamIsoPrecise } from '../../shared/domain/time.ts';
import { observed } from '../../shared/observability.ts';

const env = loadEnv(tierConsumerEnv);
const logger = new Logger();
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const signer = new SessionSigner(
  new KmsSigner(),
  env.SIGNING_KEY_ID,
  env.SESSION_KEY_LIFETIME_SECONDS * 1000,
);
const exchange = new DocumentExchange(documents, audit, signer, env.TIER_QUEUE_URLS);
const by = `queue:${env.TIER}`;

async function processMessage(record: SQSRecord): Promise<void> {
  const message = RoutingMessageSchema.parse(JSON.parse(record.body));
  switch (message.type) {
    case 'dossier.received':
      return dossierArrived(message.dossierCode, message.agencyCode);
    case 'document.sent':
      return documentArrived(message);
    case 'document.recall':
      return recallArrived(message);
    case 'document.status':
      return statusArrived(message);
  }
}

/** Records the dossier's arrival at its agency (once), then queues the citizen's receipt mail. */
async function dossierArrived(dossierCode: string, agencyCode: string): Promise<void> {
  const at = toVietnamIso(new Date());
  const firstDelivery = await dossiers.recordArrival(
    dossierCode,
    [
      { status: 'routed', at, by, note: agencyCode },
      { status: 'acknowledged', at, by: agencyCode, note: undefined },
    ],
    at,
  );
  // A refused first write means either a redelivery or a dossier that is not stored: only then look.
  if (!firstDelivery && !(await dossiers.get(dossierCode)))
    throw new Error(`Dossier ${dossierCode} is not stored`);
  logger.info('dossier arrived', { dossierCode, tier: env.TIER, firstDelivery });
  // The receipt mail is queued on every delivery; the mail sender sends it once per recipient.
  await enqueueCitizenMail(env.MAIL_QUEUE_URL, { template: 'receipt', dossierCode });
}

async function copyOf(id: string, organId: string): Promise<RecipientRecord> {
  const copy = await documents.recipient(id, organId);
  if (!copy) throw new Error(`Document ${id} has no copy for ${organId}`);
  return copy;
}

/**
 * Records a step once and sends its status back. A redelivered message finds the step already
 * recorded and sends the same signed status again, which the sender's side also takes only once.
 */
async function recordOnce(
  id: string,
  organId: string,
  changeOf: (copy: RecipientRecord) => RecipientChange | undefined,
  alreadyRecorded: (copy: RecipientRecord) => RecipientRecord['steps'][number] | undefined,
): Promise<RecipientRecord> {
  for (;;) {
    const copy = await copyOf(id, organId);
    const change = changeOf(copy);
    if (!change) {
      const step = alreadyRecorded(copy);
      if (step?.signature) await exchange.sendBack(copy, statusMessageOf(copy, step), step.signature);
      return copy;
    }
    const signed = await exchange.record(copy, change);
    if (signed) {
      await exchange.sendBack(copy, signed.status, signed.signature);
      return copy;
    }
  }
}

async function documentArrived(message: DocumentDelivery): Promise<void> {
  const at = toVietnamIsoPrecise(new Date());
  let first = false;
  const copy = await recordOnce(
    message.id,
    message.organId,
    (current) => {
      const change = arrivalOf(current, message.organId, at);
      first = change !== undefined;
      return change;
    },
    (current) => current.steps.find((step) => step.status === 'arrived'),
  );
  logger.info('document arrived', { id: message.id, organId: message.organId, tier: env.TIER, first });
  if (copy.kind === 'meeting_invitation' || copy.kind === 'draft_for_comment') {
    const header = await documents.header(message.id);
    if (!header || !copy.recipient.email) return;
    // Queued on every delivery; the mail sender sends it once per document and recipient.
    await enqueueAgencyMail(env.MAIL_QUEUE_URL, {
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

async function recallArrived(message: DocumentRecallDelivery): Promise<void> {
  await recordOnce(
    message.id,
    message.organId,
    (current) => recallArrivalOf(current, message.by, message.at, message.reason),
    (current) =>
      current.steps.find(
        (step) =>
          (step.status === 'recall_requested' || step.status === 'recall_refused') && step.at === message.at,
      ),
  );
  logger.info('recall request arrived', { id: message.id, organId: message.organId });
}

async function statusArrived(message: DocumentStatusDelivery): Promise<void> {
  const first = await documents.recordAcknowledgement(message.id, message.organId, message.status.statusId, {
    status: message.status.status,
    code: message.status.statusCode,
    at: message.status.timestamp,
    receivedAt: toVietnamIsoPrecise(new Date()),
  });
  logger.info('status received', {
    id: message.id,
    from: message.organId,
    code: message.status.statusCode,
    first,
  });
}

const work = loggingFailures(
  logger,
  sqsMessage,
  withInjectedFaults(env.FAULT_INJECTION_PARAMETER, 'tierConsumer', processMessage),
);

/**
 * Order matters within an agency's message group, not across groups: each group of the batch is
 * processed in order by its own FIFO processor (a failure returns the rest of that group), and the
 * groups run side by side, so one slow agency does not hold up the others of the batch. What fails
 * comes back after a short, growing wait rather than the queue's whole visibility timeout.
 */
export const handler = observed(async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  const groups = new Map<string, SQSRecord[]>();
  for (const record of event.Records) {
    const group = record.attributes.MessageGroupId ?? '';
    groups.set(group, [...(groups.get(group) ?? []), record]);
  }
  const answers = await Promise.all(
    [...groups.values()].map((records) =>
      processPartialResponse({ Records: records }, work, new SqsFifoPartialProcessorAsync(), {
        context,
        skipGroupOnError: true,
        // A group whose every message failed must not fail the invocation: that would hand back
        // the other groups' messages too, processed or not.
        throwOnFullBatchFailure: false,
      }),
    ),
  );
  const batchItemFailures = answers.flatMap((answer) => answer.batchItemFailures);
  await scheduleRedelivery(env.QUEUE_URL, event.Records, batchItemFailures, logger, env.MAX_RECEIVE_COUNT);
  return { batchItemFailures };
});
