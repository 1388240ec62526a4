import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Delivery, DeliveryAttempt, Subscription } from '../../../../shared/adapters/webhook-store.ts';
import {
  type DeliveryMessage,
  deliverWebhook,
  type ReceiverAnswer,
  type WebhookDeliveryPorts,
} from '../../../../shared/app/webhooks/deliver-webhook.ts';

const NOW = Date.parse('2026-12-01T01:00:00Z');
const SECRET = `whsec_${Buffer.from('a secret of thirty-two bytes....').toString('base64')}`;
const SCHEDULE = [5, 300, 1800];

const subscription = (overrides: Partial<Subscription> = {}): Subscription => ({
  id: 'sub-1',
  agencyCode: '000.17.22.H56',
  url: 'https://he-thong.quangbinh.gov.vn/hooks',
  eventTypes: ['dossier.received'],
  state: 'active',
  secrets: [{ secret: SECRET }],
  createdAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

const delivery = (overrides: Partial<Delivery> = {}): Delivery => ({
  agencyCode: '000.17.22.H56',
  subscriptionId: 'sub-1',
  event: {
    id: 'evt_H56-0001_1_dossier.received',
    type: 'dossier.received',
    agencyCode: '000.17.22.H56',
    occurredAt: '2026-12-01T07:59:00+07:00',
    data: { dossierCode: '000.17.22.H56-261201-0001', status: 'submitted' },
  },
  status: 'pending',
  failures: 0,
  attempts: [],
  createdAt: '2026-12-01T00:59:00Z',
  ...overrides,
});

const message: DeliveryMessage = {
  agencyCode: '000.17.22.H56',
  subscriptionId: 'sub-1',
  eventId: 'evt_H56-0001_1_dossier.received',
};

/** The store, the queues and the receiver in memory; the receiver answers from `answers` in turn. */
function memoryPorts(options: {
  delivery?: Delivery;
  subscription?: Subscription;
  answers?: ReceiverAnswer[];
}) {
  let stored = options.delivery;
  let sub = options.subscription;
  const answers = [...(options.answers ?? [])];
  const requests: { url: string; headers: Record<string, string>; body: string }[] = [];
  const requeued: { message: DeliveryMessage; delaySeconds: number }[] = [];
  const parked: { message: DeliveryMessage; reason: string }[] = [];
  const attempts: { attempt: DeliveryAttempt; status: Delivery['status']; failures: number }[] = [];
  const lines: { message: string; fields: Record<string, unknown> }[] = [];
  const log = (text: string, fields: Record<string, unknown>) => lines.push({ message: text, fields });
  const ports: WebhookDeliveryPorts = {
    store: {
      delivery: async () => stored,
      subscription: async () => sub,
      recordAttempt: async (_, attempt, status, failures) => {
        attempts.push({ attempt, status, failures });
        if (stored) stored = { ...stored, status, failures, attempts: [...stored.attempts, attempt] };
      },
      setState: async (_, __, state, reason) => {
        if (sub) sub = { ...sub, state, ...(reason ? { disabledReason: reason } : {}) };
      },
    },
    queue: {
      enqueue: async (queued, delaySeconds) => {
        requeued.push({ message: queued, delaySeconds });
      },
      park: async (queued, reason) => {
        parked.push({ message: queued, reason });
      },
    },
    post: async (url, request) => {
      requests.push({ url, headers: request.headers, body: request.body });
      const answer = answers.shift();
      if (!answer) throw new Error('the receiver was called more often than expected');
      return answer;
    },
    baseUrl: async () => 'https://dichvucong.thanhhoa.gov.vn/',
    retryScheduleSeconds: SCHEDULE,
    timeoutMs: 5000,
    log: { info: log, warn: log, error: log },
    now: () => new Date(NOW),
    random: () => 0.5,
  };
  return {
    ports,
    requests,
    requeued,
    parked,
    attempts,
    lines,
    subscription: () => sub,
  };
}

const answered = (
  status: number,
  extra: Partial<Extract<ReceiverAnswer, { kind: 'answered' }>> = {},
): ReceiverAnswer => ({
  kind: 'answered',
  status,
  latencyMs: 12,
  ...extra,
});

/** One delivery of `message` to an active subscription whose receiver gives `answer`. */
async function deliveredOnce(answer: ReceiverAnswer, stored: Partial<Delivery> = {}) {
  const memory = memoryPorts({ delivery: delivery(stored), subscription: subscription(), answers: [answer] });
  await deliverWebhook(memory.ports, message);
  return memory;
}

describe('webhook delivery', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a 2xx is delivered: a signed payload with links, the attempt recorded and logged', async () => {
    const memory = await deliveredOnce(answered(204));
    const [request] = memory.requests;
    if (!request) throw new Error('no request was sent');
    // The receiver verifies at the time the request was signed.
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    expect(new Webhook(SECRET).verify(request.body, request.headers)).toMatchObject({
      type: 'dossier.received',
      data: {
        dossierCode: '000.17.22.H56-261201-0001',
        links: {
          dossier: 'https://dichvucong.thanhhoa.gov.vn/dossiers/000.17.22.H56-261201-0001',
          verify: 'https://dichvucong.thanhhoa.gov.vn/verify?code=000.17.22.H56-261201-0001',
        },
      },
    });
    expect(memory.attempts).toEqual([
      {
        attempt: { at: '2026-12-01T01:00:00.000Z', status: 204, outcome: 'delivered', latencyMs: 12 },
        status: 'delivered',
        failures: 0,
      },
    ]);
    expect(memory.lines).toEqual([
      {
        message: 'webhook attempt',
        fields: {
          eventId: message.eventId,
          subscriptionId: 'sub-1',
          outcome: 'delivered',
          status: 204,
          latencyMs: 12,
        },
      },
    ]);
    expect(memory.requeued).toEqual([]);
  });

  it('drops a copy of a message whose delivery was attempted since it was queued, and sends the one queued for now', async () => {
    const copy = memoryPorts({
      delivery: delivery({ failures: 1 }),
      subscription: subscription(),
      answers: [answered(204)],
    });
    await deliverWebhook(copy.ports, { ...message, attempt: 0 });
    expect(copy.requests).toEqual([]);
    expect(copy.attempts).toEqual([]);
    expect(copy.requeued).toEqual([]);
    expect(copy.lines).toEqual([
      {
        message: 'webhook message already attempted',
        fields: { eventId: message.eventId, subscriptionId: 'sub-1', attempt: 0, failures: 1 },
      },
    ]);
    const due = memoryPorts({
      delivery: delivery({ failures: 1 }),
      subscription: subscription(),
      answers: [answered(204)],
    });
    await deliverWebhook(due.ports, { ...message, attempt: 1 });
    expect(due.requests).toHaveLength(1);
    expect(due.attempts.map((a) => a.status)).toEqual(['delivered']);
  });

  it('a failure is retried on the schedule; a longer Retry-After wins', async () => {
    const memory = await deliveredOnce(answered(503));
    expect(memory.attempts.map((a) => [a.attempt.outcome, a.status, a.failures])).toEqual([
      ['failed', 'pending', 1],
    ]);
    // Queued for the attempt after the first failure: a copy of the first attempt is dropped.
    expect(memory.requeued).toEqual([
      { message: { ...message, notBefore: NOW + 5000, attempt: 1 }, delaySeconds: 5 },
    ]);

    const later = await deliveredOnce(answered(429, { retryAfter: '600' }), { failures: 1 });
    expect(later.requeued).toEqual([
      { message: { ...message, notBefore: NOW + 600_000, attempt: 2 }, delaySeconds: 600 },
    ]);
  });

  it('a timeout counts as a failure like any other', async () => {
    const memory = await deliveredOnce(
      { kind: 'error', timedOut: true, code: 'UND_ERR_CONNECT_TIMEOUT', latencyMs: 5000 },
      { failures: 1 },
    );
    expect(memory.attempts[0]).toMatchObject({
      attempt: { outcome: 'timeout', response: 'UND_ERR_CONNECT_TIMEOUT' },
      status: 'pending',
      failures: 2,
    });
    expect(memory.requeued[0]?.delaySeconds).toBe(300);
  });

  it('gives up once the schedule is spent: recorded as failed and parked in the DLQ', async () => {
    const memory = await deliveredOnce(answered(500), { failures: SCHEDULE.length });
    expect(memory.attempts.map((a) => [a.status, a.failures])).toEqual([['failed', SCHEDULE.length + 1]]);
    expect(memory.parked).toEqual([
      { message, reason: `gave up after ${SCHEDULE.length + 1} failed attempts` },
    ]);
    expect(memory.requeued).toEqual([]);
  });

  it('410 Gone disables the subscription and parks the delivery without retrying', async () => {
    const memory = await deliveredOnce(answered(410));
    expect(memory.subscription()).toMatchObject({
      state: 'disabled',
      disabledReason: 'receiver answered 410 Gone',
    });
    expect(memory.parked).toEqual([{ message, reason: 'gone' }]);
    expect(memory.requeued).toEqual([]);
  });

  it('a refused address is parked at once', async () => {
    const memory = await deliveredOnce({ kind: 'refused', reason: 'private address 10.0.0.5' });
    expect(memory.attempts[0]).toMatchObject({
      attempt: { outcome: 'refused', response: 'refused: private address 10.0.0.5' },
      status: 'failed',
    });
    expect(memory.parked).toEqual([{ message, reason: 'refused' }]);
  });

  it('a message not yet due goes back to the queue without an attempt', async () => {
    const memory = memoryPorts({ delivery: delivery(), subscription: subscription() });
    await deliverWebhook(memory.ports, { ...message, notBefore: NOW + 3_600_000 });
    expect(memory.requeued).toEqual([
      { message: { ...message, notBefore: NOW + 3_600_000 }, delaySeconds: 3600 },
    ]);
    expect(memory.requests).toEqual([]);
  });

  it('a paused subscription holds the delivery; a finished delivery is not attempted again', async () => {
    const paused = memoryPorts({ delivery: delivery(), subscription: subscription({ state: 'paused' }) });
    await deliverWebhook(paused.ports, message);
    expect(paused.attempts).toEqual([
      {
        attempt: { at: '2026-12-01T01:00:00.000Z', outcome: 'held', response: 'subscription paused' },
        status: 'held',
        failures: 0,
      },
    ]);
    const done = memoryPorts({ delivery: delivery({ status: 'delivered' }), subscription: subscription() });
    await deliverWebhook(done.ports, message);
    expect(done.requests).toEqual([]);
    expect(done.attempts).toEqual([]);
  });
});
