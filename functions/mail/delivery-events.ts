import { MailLog } from '../../shared/adapters/mail-log.ts';
import { recordDeliveryEvent, SesEventSchema } from '../../shared/app/mail/record-delivery-event.ts';
import { loadEnv, mailEventsEnv } from '../../shared/config/env.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(mailEventsEnv);
const ports = { mailLog: new MailLog(env.MAIL_TABLE), log: logger, now: () => new Date() };

export const handler = scheduledJob(
  (event) => SesEventSchema.parse(event),
  (event) => recordDeliveryEvent(ports, event),
);
