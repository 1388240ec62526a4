import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { sendMail } from '../../shared/adapters/mailer.ts';
import { loadEnv, tierConsumerEnv } from '../../shared/config/env.ts';
import { TierSchema } from '../../shared/contracts/catalog.ts';
import { receiptMail } from '../../shared/domain/mail-templates.ts';
import { maskEmail } from '../../shared/domain/text.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';

const env = loadEnv(tierConsumerEnv);
const logger = new Logger();
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
/** FIFO: after a failure, later messages of the same agency are returned too, so order is kept. */
const processor = new SqsFifoPartialProcessorAsync();

const ArrivalSchema = z.object({
  type: z.literal('dossier.received'),
  dossierCode: z.string().min(1),
  agencyCode: z.string().min(1),
  tier: TierSchema,
  sentAt: z.string(),
});

/** Records the dossier's arrival at its agency (once), then mails the citizen the signed receipt (once). */
async function processArrival(record: SQSRecord): Promise<void> {
  const message = ArrivalSchema.parse(JSON.parse(record.body));
  const at = toVietnamIso(new Date());
  const by = `queue:${env.TIER}`;
  const firstDelivery = await dossiers.recordArrival(
    message.dossierCode,
    [
      { status: 'routed', at, by, note: `${message.agencyCode}` },
      { status: 'acknowledged', at, by: message.agencyCode, note: undefined },
    ],
    at,
  );
  const dossier = await dossiers.get(message.dossierCode);
  if (!dossier) throw new Error(`Dossier ${message.dossierCode} is not stored`);
  logger.info('dossier arrived', { dossierCode: message.dossierCode, tier: env.TIER, firstDelivery });

  if (!dossier.wantsMail || !dossier.applicant.email || dossier.receiptMailedAt) return;
  const mail = receiptMail(dossier);
  const messageId = await sendMail({
    from: env.OFFICIAL_SENDER,
    to: dossier.applicant.email,
    configurationSet: env.MAIL_CONFIGURATION_SET,
    tags: { kind: 'receipt', agency: dossier.agency.code.replace(/\./g, '_') },
    ...mail,
  });
  await dossiers.recordReceiptMailed(dossier.dossierCode, toVietnamIso(new Date()));
  logger.info('receipt mailed', {
    dossierCode: dossier.dossierCode,
    to: maskEmail(dossier.applicant.email),
    messageId,
  });
}

export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  return processPartialResponse(event, processArrival, processor, { context, skipGroupOnError: true });
};
