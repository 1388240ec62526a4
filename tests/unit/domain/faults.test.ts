import { describe, expect, it } from 'vitest';
import { FaultRatesSchema, injectedFault } from '../../../shared/domain/common/faults.ts';

describe('injected faults', () => {
  const ids = Array.from({ length: 20_000 }, (_, i) => `message-${i}`);

  it('fail about the given share of deliveries, half before the work and half after', () => {
    const points = ids.map((id) => injectedFault(0.1, id, 1));
    const before = points.filter((p) => p === 'before').length / ids.length;
    const after = points.filter((p) => p === 'after').length / ids.length;
    expect(before).toBeGreaterThan(0.04);
    expect(before).toBeLessThan(0.06);
    expect(after).toBeGreaterThan(0.04);
    expect(after).toBeLessThan(0.06);
  });

  it('are decided by the message id and attempt, so a run repeats, and a retry draws again', () => {
    expect(ids.map((id) => injectedFault(0.3, id, 1))).toEqual(ids.map((id) => injectedFault(0.3, id, 1)));
    const failedTwice = ids.filter((id) => injectedFault(0.3, id, 1) && injectedFault(0.3, id, 2));
    expect(failedTwice.length / ids.length).toBeGreaterThan(0.07);
    expect(failedTwice.length / ids.length).toBeLessThan(0.11);
  });

  it('never fail at rate 0 and always at rate 1', () => {
    expect(ids.some((id) => injectedFault(0, id, 1))).toBe(false);
    expect(ids.every((id) => injectedFault(1, id, 1))).toBe(true);
  });

  it('accept only rates between 0 and 1 for the two queue handlers', () => {
    expect(FaultRatesSchema.parse({ tierConsumer: 0.05 })).toEqual({ tierConsumer: 0.05, mailSender: 0 });
    expect(() => FaultRatesSchema.parse({ tierConsumer: -0.1 })).toThrow();
    expect(() => FaultRatesSchema.parse({ webhooks: 0.1 })).toThrow();
  });
});
