import { Logger } from '@aws-lambda-powertools/logger';
import * as z from 'zod';
import { MailLog } from '../../shared/adapters/mail-log.ts';
import { loadEnv, mailEventsEnv } from '../../shared/config/env.ts';
import { maskEmail } from '../../shared/domain/text.ts';

const env = loadEnv(mailEventsEnv);
const logger = new Logger();
const log = new MailLog(env.MAIL_TABLE);

const Recipients = z.array(z.object({ emailAddress: z.string() })).default([]);
/** The SES event (as EventBridge delivers it from the configuration set) fields this handler uses. */
const SesEventSchema = z.object({
  detail: z.object({
    eventType: z.string(),
    mail: z.object({ messageId: z.string(), timestamp: z.string().optional() }),
    bounce: z
      .object({ bounceType: z.string(), bouncedRecipients: Recipients, timestamp: z.string().optional() })
      .optional(),
    complaint: z.object({ complainedRecipients: Recipients, timestamp: z.string().optional() }).optional(),
  }),
});

/** Records send, delivery, bounce, complaint and reject per message; bounces and complaints stop future mail. */
export const handler = async (event: unknown) => {
  const { detail } = SesEventSchema.parse(event);
  const at =
    detail.bounce?.timestamp ??
    detail.complaint?.timestamp ??
    detail.mail.timestamp ??
    new Date().toISOString();
  const type = detail.eventType.toLowerCase();
  const permanentBounce = detail.bounce?.bounceType === 'Permanent' ? detail.bounce.bouncedRecipients : [];
  const complaints = detail.complaint?.complainedRecipients ?? [];
  for (const { emailAddress } of [...permanentBounce, ...complaints]) {
    await log.suppress(emailAddress, type, at);
    logger.info('address suppressed', { to: maskEmail(emailAddress), reason: type });
  }
  await log.recordEvent(detail.mail.messageId, {
    type,
    at,
    ...(detail.bounce ? { detail: detail.bounce.bounceType } : {}),
  });
  return { recorded: type, suppressed: permanentBounce.length + complaints.length };
};
