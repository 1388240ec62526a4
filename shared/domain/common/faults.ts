import { createHash } from 'node:crypto';
import * as z from 'zod';

/**
 * Share of messages each queue handler is made to fail, for fault runs only. Deployed solely when
 * the `faultInjection` context is given; production deployments carry no such setting.
 */
export const FaultRatesSchema = z
  .object({
    tierConsumer: z.number().min(0).max(1).default(0),
    mailSender: z.number().min(0).max(1).default(0),
  })
  .strict();
export type FaultRates = z.infer<typeof FaultRatesSchema>;
export type FaultPoint = 'before' | 'after';

/**
 * Whether one delivery of a message fails, decided by its id and attempt number so a run can be
 * repeated. Half of the failures come before the handler's work (the message must not be lost), half
 * after it (the retry must not do the work twice).
 */
export function injectedFault(rate: number, messageId: string, attempt: number): FaultPoint | undefined {
  if (rate <= 0) return undefined;
  const draw = createHash('sha256').update(`${messageId}:${attempt}`).digest().readUInt32BE(0) / 2 ** 32;
  if (draw < rate / 2) return 'before';
  if (draw < rate) return 'after';
  return undefined;
}

export class InjectedFault extends Error {
  constructor(point: FaultPoint, messageId: string) {
    super(`Injected fault ${point} processing message ${messageId}`);
    this.name = 'InjectedFault';
  }
}
