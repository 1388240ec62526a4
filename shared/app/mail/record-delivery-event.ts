import * as z from 'zod';
import { maskEmail } from '../../domain/common/text.ts';
import type { Log } from '../log.ts';

const Recipients = z.array(z.object({ emailAddress: z.string() })).default([]);
/** The SES event (as EventBridge delivers it from the configuration set) fields this use case reads. */
export const SesEventSchema = z.object({
  detail: z.object({
    eventType: z.string(),
    mail: z.object({ messageId: z.string(), timestamp: z.string().optional() }),
    bounce: z
      .object({ bounceType: z.string(), bouncedRecipients: Recipients, timestamp: z.string().optional() })
      .optional(),
    complaint: z.object({ complainedRecipients: Recipients, timestamp: z.string().optional() }).optional(),
  }),
});
export type SesEvent = z.infer<typeof SesEventSchema>;

export interface DeliveryEventPorts {
  mailLog: {
    /** No more mail goes to a suppressed address. */
    suppress(address: string, reason: string, at: string): Promise<void>;
    recordEvent(messageId: string, event: { type: string; at: string; detail?: string }): Promise<void>;
  };
  log: Log;
  now(): Date;
}

/** Records send, delivery, bounce, complaint and reject per message; bounces and complaints stop future mail. */
export async function recordDeliveryEvent(ports: DeliveryEventPorts, { detail }: SesEvent) {
  const at =
    detail.bounce?.timestamp ??
    detail.complaint?.timestamp ??
    detail.mail.timestamp ??
    ports.now().toISOString();
  const type = detail.eventType.toLowerCase();
  const permanentBounce = detail.bounce?.bounceType === 'Permanent' ? detail.bounce.bouncedRecipients : [];
  const complaints = detail.complaint?.complainedRecipients ?? [];
  for (const { emailAddress } of [...permanentBounce, ...complaints]) {
    await ports.mailLog.suppress(emailAddress, type, at);
    ports.log.info('address suppressed', { to: maskEmail(emailAddress), reason: type });
  }
  await ports.mailLog.recordEvent(detail.mail.messageId, {
    type,
    at,
    ...(detail.bounce ? { detail: detail.bounce.bounceType } : {}),
  });
  return { recorded: type, suppressed: permanentBounce.length + complaints.length };
}
