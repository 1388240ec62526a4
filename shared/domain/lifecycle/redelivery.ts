/** First wait after a failed delivery; each further failure doubles it. */
export const FIRST_REDELIVERY_DELAY_SECONDS = 2;
/** Longest wait between deliveries, whatever the queue's visibility timeout. */
export const MAX_REDELIVERY_DELAY_SECONDS = 60;

/**
 * Seconds a message that failed on its `receiveCount`-th delivery stays hidden before the next one;
 * none after its last allowed delivery (`maxReceiveCount`), since SQS then moves it to the DLQ.
 * Without this a failed message waits the queue's whole visibility timeout, and on a FIFO queue its
 * agency's message group waits with it: a 5 % failure rate then stalls routing for everyone in
 * the group. Doubling keeps a broken dependency from being hammered.
 */
export function redeliveryDelaySeconds(
  receiveCount: number,
  maxReceiveCount = Number.POSITIVE_INFINITY,
): number {
  const failures = Number.isFinite(receiveCount) ? Math.max(1, Math.floor(receiveCount)) : 1;
  if (failures >= maxReceiveCount) return 0;
  if (failures > 16) return MAX_REDELIVERY_DELAY_SECONDS;
  return Math.min(MAX_REDELIVERY_DELAY_SECONDS, FIRST_REDELIVERY_DELAY_SECONDS * 2 ** (failures - 1));
}
