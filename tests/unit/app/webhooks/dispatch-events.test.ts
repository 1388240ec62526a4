import { describe, expect, it } from 'vitest';
import type { Delivery, Subscription } from '../../../../shared/adapters/webhook-store.ts';
import type { DeliveryMessage } from '../../../../shared/app/webhooks/deliver-webhook.ts';
import { type DispatchPorts, eventDispatcher } from '../../../../shared/app/webhooks/dispatch-events.ts';
import { storedDossier } from '../dossier-fixture.ts';

const UNIT = '000.17.22.H56';
const subscriptionOf = (id: string, overrides: Partial<Subscription> = {}): Subscription => ({
  id,
  agencyCode: UNIT,
  url: `https://he-thong.quangbinh.gov.vn/${id}`,
  eventTypes: ['dossier.received', 'dossier.status_changed'],
  state: 'active',
  secrets: [{ secret: 'whsec_c2VjcmV0' }],
  createdAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

function memoryPorts(
  subscriptions: Subscription[],
  options: { failReads?: number; failQueueing?: number } = {},
) {
  const deliveries = new Map<string, Delivery>();
  const queued: DeliveryMessage[] = [];
  let reads = 0;
  let failReads = options.failReads ?? 0;
  let failQueueing = options.failQueueing ?? 0;
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (message: string, fields: Record<string, unknown>) => lines.push({ message, fields });
  const ports: DispatchPorts = {
    store: {
      subscriptions: async (agencyCode) => {
        reads += 1;
        if (failReads > 0) {
          failReads -= 1;
          throw new Error('ProvisionedThroughputExceededException');
        }
        return subscriptions.filter((s) => s.agencyCode === agencyCode);
      },
      createDelivery: async (delivery) => {
        const key = `${delivery.subscriptionId}|${delivery.event.id}`;
        if (deliveries.has(key)) return false;
        deliveries.set(key, delivery);
        return true;
      },
      delivery: async (_agencyCode, subscriptionId, eventId) =>
        deliveries.get(`${subscriptionId}|${eventId}`),
    },
    enqueue: async (messages) => {
      if (failQueueing > 0) {
        failQueueing -= 1;
        throw new Error('SQS refused 1 webhook deliveries');
      }
      queued.push(...messages);
    },
    tables: { dossiers: 'Dossiers', documents: 'Documents', kpi: 'Kpi' },
    log: { info: log, warn: log, error: log },
    now: () => new Date('2026-12-01T01:00:00Z'),
  };
  return { ports, deliveries, queued, lines, reads: () => reads };
}

const received = {
  table: 'Dossiers',
  before: undefined,
  after: { ...storedDossier({ status: 'submitted', version: 1 }) },
};
const accepted = {
  table: 'Dossiers',
  before: received.after,
  after: { ...storedDossier({ status: 'accepted', version: 2 }) },
};

describe('webhook dispatch', () => {
  it('a change becomes one delivery per active subscription to its event type, queued once', async () => {
    const memory = memoryPorts([
      subscriptionOf('sub-1'),
      subscriptionOf('sub-2', { state: 'paused' }),
      subscriptionOf('sub-3', { eventTypes: ['dossier.result_ready'] }),
    ]);
    const dispatch = eventDispatcher(memory.ports);
    await dispatch(received);
    expect(memory.queued).toEqual([
      {
        agencyCode: UNIT,
        subscriptionId: 'sub-1',
        eventId: 'evt_000.17.22.H56-261124-0001_1_dossier.received',
        attempt: 0,
      },
    ]);
    expect([...memory.deliveries.values()]).toEqual([
      expect.objectContaining({
        status: 'pending',
        failures: 0,
        attempts: [],
        createdAt: '2026-12-01T01:00:00.000Z',
      }),
    ]);
    expect(memory.lines).toEqual([
      {
        message: 'webhook event',
        fields: {
          eventId: 'evt_000.17.22.H56-261124-0001_1_dossier.received',
          type: 'dossier.received',
          deliveries: 1,
        },
      },
    ]);
  });

  it('a stream redelivery queues nothing for a delivery attempted, and subscriptions are read once per batch', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')]);
    const dispatch = eventDispatcher(memory.ports);
    await dispatch(received);
    for (const delivery of memory.deliveries.values())
      delivery.attempts.push({ at: '2026-12-01T01:00:01Z', outcome: 'failed', status: 500 });
    await dispatch(received);
    await dispatch(accepted);
    expect(memory.queued.map((m) => m.eventId)).toEqual([
      'evt_000.17.22.H56-261124-0001_1_dossier.received',
      'evt_000.17.22.H56-261124-0001_2_dossier.status_changed',
    ]);
    expect(memory.reads()).toBe(1);
    expect(memory.lines).toHaveLength(2);
  });

  it('queues again a delivery an invocation created and died before queueing, when the record comes again', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')]);
    // What the dead invocation left: the delivery, pending and never attempted, and no message.
    memory.ports.enqueue = async () => {
      throw new Error('Runtime exited with error: signal: killed');
    };
    await expect(eventDispatcher(memory.ports)(received)).rejects.toThrow('killed');
    memory.ports.enqueue = async (messages) => {
      memory.queued.push(...messages);
    };
    await eventDispatcher(memory.ports)(received);
    expect(memory.queued).toEqual([
      {
        agencyCode: UNIT,
        subscriptionId: 'sub-1',
        eventId: 'evt_000.17.22.H56-261124-0001_1_dossier.received',
        attempt: 0,
      },
    ]);
    expect(memory.lines.at(-1)?.fields).toMatchObject({ deliveries: 1, queuedAgain: 1 });
    expect(memory.deliveries.size).toBe(1);
  });

  it('a failed read of the subscriptions fails the record and is read again on its retry', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')], { failReads: 1 });
    const dispatch = eventDispatcher(memory.ports);
    await expect(dispatch(received)).rejects.toThrow('ProvisionedThroughputExceededException');
    await dispatch(received);
    expect(memory.reads()).toBe(2);
    expect(memory.queued).toHaveLength(1);
  });

  it('a delivery whose queueing failed is queued by the record’s retry: nothing lost', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')], { failQueueing: 1 });
    const dispatch = eventDispatcher(memory.ports);
    await expect(dispatch(received)).rejects.toThrow('SQS refused');
    expect(memory.deliveries.size).toBe(1);
    await dispatch(received);
    expect(memory.queued.map((m) => m.eventId)).toEqual(['evt_000.17.22.H56-261124-0001_1_dossier.received']);
    expect([...memory.deliveries.values()]).toEqual([expect.objectContaining({ status: 'pending' })]);
  });

  it('queues nothing again for a delivery a worker attempted before the queueing failure was known', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')]);
    // The worker took the message SQS sent after all, and recorded its attempt.
    memory.ports.enqueue = async () => {
      for (const delivery of memory.deliveries.values())
        delivery.attempts.push({ at: '2026-12-01T01:00:01Z', outcome: 'delivered', status: 200 });
      throw new Error('SQS refused 1 webhook deliveries');
    };
    const dispatch = eventDispatcher(memory.ports);
    await expect(dispatch(received)).rejects.toThrow('SQS refused');
    expect(memory.deliveries.size).toBe(1);
    memory.ports.enqueue = async (messages) => {
      memory.queued.push(...messages);
    };
    await dispatch(received);
    expect(memory.queued).toEqual([]);
  });

  it('changes of other tables and rows of no interest make no events', async () => {
    const memory = memoryPorts([subscriptionOf('sub-1')]);
    const dispatch = eventDispatcher(memory.ports);
    await dispatch({ table: 'Audit', before: undefined, after: { pk: 'x' } });
    await dispatch({ table: 'Documents', before: undefined, after: { pk: 'doc-1', sk: 'header' } });
    await dispatch({ table: 'Kpi', before: undefined, after: { period: '_state', scopeKey: 'closing' } });
    expect(memory.reads()).toBe(0);
    expect(memory.queued).toEqual([]);
  });
});
