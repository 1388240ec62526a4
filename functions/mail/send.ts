import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import type * as z from 'zod';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { loggingFailures, sqsMessage } from '../../shared/adapters/failure-log.ts';
import { withInjectedFaults } from '../../shared/adapters/fault-injection.ts';
import { MailLog } from '../../shared/adapters/mail-log.ts';
import { sendMail } from '../../shared/adapters/mailer.ts';
import { publicBaseUrlFromParameter } from '../../shared/adapters/public-api.ts';
import { scheduleRedelivery } from '../../shared/adapters/redelivery.ts';
import { loadEnv, mailSenderEnv } from '../../shared/config/env.ts';
import {
  type AgencyMailMessage,
  type CitizenMailMessageSchema,
  MailMessageSchema,
} from '../../shared/contracts/mail.ts';
import { mailKey, renderCitizenMail } from '../../shared/domain/citizen-mail.ts';
import { requireOfficialAddresses } from '../../shared/domain/mail-policy.ts';
import { agencyDocumentMail } from '../../shared/domain/mail-templates.ts';
import { maskEmail } from '../../shared/domain/text.ts';
import { observed } from '../../shared/observability.ts';

const env = loadEnv(mailSenderEnv);
const logger = new Logger();
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const log = new MailLog(env.MAIL_TABLE);
const processor = new BatchProcessor(EventType.SQS);
const baseUrl = publicBaseUrlFromParameter(env.PUBLIC_API_PARAMETER, env);

async function processMail(record: SQSRecord): Promise<void> {
  const message = MailMessageSchema.parse(JSON.parse(record.body));
  if (message.type === 'agency-mail') await sendAgencyMail(message);
  else await sendCitizenMail(message);
}

/** Sends one citizen mail at most once, never to a bounced or complaining address. */
async function sendCitizenMail(message: z.infer<typeof CitizenMailMessageSchema>): Promise<void> {
  const dossier = await dossiers.get(message.dossierCode);
  if (!dossier) throw new Error(`Dossier ${message.dossierCode} is not stored`);
  const to = dossier.applicant.email;
  if (!dossier.wantsMail || !to) return;
  const key = mailKey(dossier.dossierCode, message.template, to);
  const claim = await log.claim(key);
  if (claim === 'already-sent') return;
  // Another delivery of the same message is sending it right now: let SQS bring this one back later.
  if (claim === 'in-progress')
    throw new Error(`Mail ${message.template} for ${dossier.dossierCode} is being sent`);
  if (await log.isSuppressed(to)) {
    await log.finish(key, 'suppressed');
    logger.info('mail suppressed', {
      dossierCode: dossier.dossierCode,
      template: message.template,
      to: maskEmail(to),
    });
    return;
  }
  const verifyUrl = `${await baseUrl()}verify?code=${encodeURIComponent(dossier.dossierCode)}`;
  const content = renderCitizenMail(message.template, dossier, verifyUrl);
  if (!content) {
    await log.finish(key, 'skipped');
    return;
  }
  let messageId: string | undefined;
  try {
    messageId = await sendMail({
      from: env.OFFICIAL_SENDER,
      to,
      configurationSet: env.MAIL_CONFIGURATION_SET,
      tags: { template: message.template, agency: dossier.currentAgency.code.replace(/\./g, '_') },
      ...content,
    });
  } catch (error) {
    await log.release(key);
    throw error;
  }
  await log.finish(key, 'sent', messageId);
  logger.info('mail sent', {
    dossierCode: dossier.dossierCode,
    template: message.template,
    to: maskEmail(to),
    messageId,
  });
}

/**
 * Agency exchange mail: only between official addresses, once per document, kind and recipient. A
 * public address is a data error that no retry fixes, so it is logged and dropped, not retried.
 */
async function sendAgencyMail(message: AgencyMailMessage): Promise<void> {
  try {
    requireOfficialAddresses(
      [
        { field: 'from', address: env.OFFICIAL_SENDER },
        { field: 'to', address: message.to },
      ],
      env.AGENCY_MAIL_DOMAINS,
    );
  } catch (error) {
    logger.error('agency mail refused', {
      documentId: message.documentId,
      to: maskEmail(message.to),
      error: error as Error,
    });
    return;
  }
  const key = mailKey(message.documentId, message.kind, message.to);
  const claim = await log.claim(key);
  if (claim === 'already-sent') return;
  if (claim === 'in-progress')
    throw new Error(`Mail ${message.kind} for ${message.documentId} is being sent`);
  let messageId: string | undefined;
  try {
    messageId = await sendMail({
      from: env.OFFICIAL_SENDER,
      to: message.to,
      configurationSet: env.MAIL_CONFIGURATION_SET,
      tags: { template: message.kind, agency: message.toOrganId.replace(/\./g, '_') },
      ...agencyDocumentMail(message),
    });
  } catch (error) {
    await log.release(key);
    throw error;
  }
  await log.finish(key, 'sent', messageId);
  logger.info('agency mail sent', { documentId: message.documentId, kind: message.kind, messageId });
}

const work = loggingFailures(
  logger,
  sqsMessage,
  withInjectedFaults(env.FAULT_INJECTION_PARAMETER, 'mailSender', processMail),
);

export const handler = observed(async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  // A batch that failed whole must still answer, so each failed mail gets its short wait.
  const answer = await processPartialResponse(event, work, processor, {
    context,
    throwOnFullBatchFailure: false,
  });
  await scheduleRedelivery(
    env.QUEUE_URL,
    event.Records,
    answer.batchItemFailures,
    logger,
    env.MAX_RECEIVE_COUNT,
  );
  return answer;
});
