import { processPartialResponse, SqsFifoPartialProcessorAsync } from '@aws-lambda-powertools/batch';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import * as z from 'zod';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { enqueueCitizenMail } from '../../shared/adapters/mail-queue.ts';
import { loadEnv, tierConsumerEnv } from '../../shared/config/env.ts';
import { TierSchema } from '../../shared/contracts/catalog.ts';
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

/** Records the dossier's arrival at its agency (once), then queues the citizen's receipt mail. */
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
  if (!(await dossiers.get(message.dossierCode)))
    throw new Error(`Dossier ${message.dossierCode} is not stored`);
  logger.info('dossier arrived', { dossierCode: message.dossierCode, tier: env.TIER, firstDelivery });
  // The receipt mail is queued on every delivery; the mail sender sends it once per recipient.
  await enqueueCitizenMail(env.MAIL_QUEUE_URL, { template: 'receipt', dossierCode: message.dossierCode });
}

export const handler = async (event: SQSEvent, context: Context) => {
  logger.addContext(context);
  return processPartialResponse(event, processArrival, processor, { context, skipGroupOnError: true });
};
