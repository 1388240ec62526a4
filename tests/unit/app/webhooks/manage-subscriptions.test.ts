import { describe, expect, it } from 'vitest';
import type { Delivery, Subscription } from '../../../../shared/adapters/webhook-store.ts';
import {
  createSubscription,
  listDeliveries,
  listSubscriptions,
  replayDelivery,
  rotateSecret,
  type SubscriptionPorts,
  setSubscriptionState,
  subscriptionOf,
} from '../../../../shared/app/webhooks/manage-subscriptions.ts';
import { RESPONSE_EXCERPT_CHARS } from '../../../../shared/domain/webhooks/webhooks.ts';
import { commune, district, memoryClock, memoryLog } from '../memory.ts';

const DAY_MS = 24 * 3600 * 1000;

/** Subscriptions and deliveries keyed by agency, a DNS that knows two names, and the delivery queue. */
function memory() {
  const subscriptions = new Map<string, Subscription>();
  const deliveries = new Map<string, Delivery>();
  const queued: { agencyCode: string; subscriptionId: string; eventId: string }[] = [];
  const clock = memoryClock('2026-12-01T09:00:00+07:00');
  const { log, lines } = memoryLog();
  const key = (agencyCode: string, id: string) => `${agencyCode}#${id}`;
  const ports: SubscriptionPorts = {
    store: {
      putSubscription: async (subscription) => {
        subscriptions.set(key(subscription.agencyCode, subscription.id), structuredClone(subscription));
      },
      subscription: async (agencyCode, id) => structuredClone(subscriptions.get(key(agencyCode, id))),
      subscriptions: async (agencyCode) =>
        [...subscriptions.values()].filter((subscription) => subscription.agencyCode === agencyCode),
      setState: async (agencyCode, id, state) => {
        const held = subscriptions.get(key(agencyCode, id));
        if (!held) throw new Error('ConditionalCheckFailed');
        held.state = state;
      },
      deliveries: async (agencyCode, subscriptionId) =>
        [...deliveries.values()].filter(
          (delivery) => delivery.agencyCode === agencyCode && delivery.subscriptionId === subscriptionId,
        ),
      reopen: async (agencyCode, subscriptionId, eventId) => {
        const delivery = deliveries.get(`${agencyCode}#${subscriptionId}#${eventId}`);
        if (!delivery) return false;
        Object.assign(delivery, { status: 'pending', failures: 0 });
        return true;
      },
    },
    queueDelivery: async (message) => {
      queued.push(message);
    },
    receivers: {
      resolve: async (hostname) =>
        ({ 'hooks.quangbinh.vn': ['203.113.131.5'], 'noi-bo.quangbinh.vn': ['10.0.0.5'] })[hostname] ?? [],
      allowList: [],
    },
    log,
    now: clock.now,
  };
  return { ports, subscriptions, deliveries, queued, clock, lines };
}

const request = { url: 'https://hooks.quangbinh.vn/motcua', eventTypes: ['dossier.received' as const] };

describe("an agency's webhook subscriptions", () => {
  it('are created active with a secret shown once, and listed without any secret', async () => {
    const { ports, lines } = memory();
    const created = await createSubscription(ports, commune.code, { ...request, description: 'Hệ thống xã' });
    expect(created).toMatchObject({
      agencyCode: commune.code,
      state: 'active',
      description: 'Hệ thống xã',
      secrets: [{ validUntil: null }],
      createdAt: '2026-12-01T02:00:00.000Z',
    });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'webhook subscription created',
        fields: { id: created.id, agency: commune.code },
      }),
    ]);
    const listed = await listSubscriptions(ports, commune.code);
    const { secret: _, ...shown } = created;
    expect(listed.items).toEqual([shown]);
    expect(JSON.stringify(listed)).not.toContain('whsec_');
    expect((await listSubscriptions(ports, district.code)).items).toEqual([]);
  });

  it('refuses a receiver on an internal address or a name that does not resolve', async () => {
    const { ports, subscriptions } = memory();
    for (const url of ['https://noi-bo.quangbinh.vn/hook', 'https://khong-co.quangbinh.vn/hook']) {
      await expect(createSubscription(ports, commune.code, { ...request, url })).rejects.toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ field: 'url' }],
      });
    }
    expect(subscriptions.size).toBe(0);
  });

  it('are unknown to any other agency, which can neither read nor change them', async () => {
    const { ports } = memory();
    const { id } = await createSubscription(ports, commune.code, request);
    await expect(subscriptionOf(ports, district.code, id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscriptionOf(ports, commune.code, undefined)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(subscriptionOf(ports, commune.code, id)).resolves.toMatchObject({ id });
  });

  it('rotation signs with a new secret and keeps the old one for a day, then drops it', async () => {
    const { ports, subscriptions, clock } = memory();
    const created = await createSubscription(ports, commune.code, request);
    const first = await rotateSecret(ports, await subscriptionOf(ports, commune.code, created.id));
    expect(first.previousValidUntil).toBe(new Date(clock.now().getTime() + DAY_MS).toISOString());
    expect(subscriptions.get(`${commune.code}#${created.id}`)?.secrets).toEqual([
      { secret: first.secret },
      { secret: created.secret, validUntil: first.previousValidUntil },
    ]);
    clock.advance(DAY_MS + 1);
    const second = await rotateSecret(ports, await subscriptionOf(ports, commune.code, created.id));
    expect(subscriptions.get(`${commune.code}#${created.id}`)?.secrets.map((s) => s.secret)).toEqual([
      second.secret,
      first.secret,
    ]);
  });

  it('are paused and resumed', async () => {
    const { ports, subscriptions } = memory();
    const { id } = await createSubscription(ports, commune.code, request);
    const own = await subscriptionOf(ports, commune.code, id);
    expect(await setSubscriptionState(ports, own, { state: 'paused' })).toEqual({ id, state: 'paused' });
    expect(subscriptions.get(`${commune.code}#${id}`)?.state).toBe('paused');
  });

  it('list every delivery attempt, keeping only a short excerpt of a successful answer', async () => {
    const { ports, deliveries } = memory();
    const own = await subscriptionOf(
      ports,
      commune.code,
      (await createSubscription(ports, commune.code, request)).id,
    );
    deliveries.set(`${commune.code}#${own.id}#evt_1`, {
      agencyCode: commune.code,
      subscriptionId: own.id,
      event: {
        id: 'evt_1',
        type: 'dossier.received',
        agencyCode: commune.code,
        occurredAt: '2026-12-01',
        data: {},
      },
      status: 'delivered',
      failures: 1,
      attempts: [
        {
          at: '2026-12-01T09:00:00+07:00',
          status: 500,
          outcome: 'failed',
          response: 'stack trace of the receiver',
        },
        { at: '2026-12-01T09:01:00+07:00', status: 200, outcome: 'delivered', response: 'x'.repeat(500) },
      ],
      createdAt: '2026-12-01T09:00:00+07:00',
    });
    const [listed] = (await listDeliveries(ports, own)).items;
    expect(listed?.attempts[0]).not.toHaveProperty('response');
    expect(listed?.attempts[1]?.response).toHaveLength(RESPONSE_EXCERPT_CHARS);
  });

  it('replay reopens a delivery and queues it; an unknown event is not found and queues nothing', async () => {
    const { ports, deliveries, queued } = memory();
    const own = await subscriptionOf(
      ports,
      commune.code,
      (await createSubscription(ports, commune.code, request)).id,
    );
    await expect(replayDelivery(ports, own, 'evt_khong_co')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(queued).toEqual([]);
    deliveries.set(`${commune.code}#${own.id}#evt_2`, {
      agencyCode: commune.code,
      subscriptionId: own.id,
      event: {
        id: 'evt_2',
        type: 'dossier.received',
        agencyCode: commune.code,
        occurredAt: '2026-12-01',
        data: {},
      },
      status: 'failed',
      failures: 8,
      attempts: [],
      createdAt: '2026-12-01T09:00:00+07:00',
    });
    expect(await replayDelivery(ports, own, 'evt_2')).toEqual({
      id: own.id,
      eventId: 'evt_2',
      status: 'pending',
    });
    expect(deliveries.get(`${commune.code}#${own.id}#evt_2`)).toMatchObject({
      status: 'pending',
      failures: 0,
    });
    expect(queued).toEqual([
      { agencyCode: commune.code, subscriptionId: own.id, eventId: 'evt_2', attempt: 0 },
    ]);
  });
});
