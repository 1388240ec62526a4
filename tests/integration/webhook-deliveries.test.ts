import { randomInt } from 'node:crypto';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { dossierEvents, type WebhookEvent } from '../../shared/domain/webhooks/webhooks.ts';
import { dataOutput, invokeFunction, postJson, waitFor } from '../support/deployment.ts';
import { type LoopbackReceiver, loopbackReceiver } from '../support/loopback-receiver.ts';
import { signInOfficer } from '../support/officers.ts';
import { storedDossier } from '../unit/app/dossier-fixture.ts';

const UNIT = '000.17.22.H56';

/** A Dossiers stream record of a new dossier, as Lambda hands it to the dispatcher. */
function insertRecord(image: Record<string, unknown>, sequence: string) {
  return {
    eventID: `test-${sequence}`,
    eventName: 'INSERT',
    eventSource: 'aws:dynamodb',
    eventSourceARN: `arn:aws:dynamodb:ap-southeast-1:000000000000:table/${dataOutput('DossiersTableName')}/stream/2026-12-03T00:00:00.000`,
    dynamodb: {
      Keys: marshall({ dossierCode: image.dossierCode }),
      NewImage: marshall(image, { removeUndefinedValues: true }),
      SequenceNumber: sequence,
      StreamViewType: 'NEW_AND_OLD_IMAGES',
    },
  };
}

describe('a delivery left unqueued by a dispatcher that died, as deployed', () => {
  const ids: string[] = [];
  let receiver: LoopbackReceiver | undefined;
  let subscriptionId = '';
  let event: WebhookEvent | undefined;
  const store = () => new WebhookStore(dataOutput('WebhooksTableName'));
  const dispatch = (sequence: string, image: Record<string, unknown>) =>
    invokeFunction<{ batchItemFailures: unknown[] }>('Webhooks', 'DispatcherFunctionName', {
      Records: [insertRecord(image, sequence)],
    });

  // A dossier code no real change ever makes: only the records this test hands over name it.
  const image = {
    ...storedDossier({
      dossierCode: `${UNIT}-261203-${String(900_000 + randomInt(0, 99_999))}`,
      status: 'submitted',
      version: 1,
    }),
  };

  beforeAll(async () => {
    receiver = await loopbackReceiver(({ headers }) => {
      ids.push(headers['webhook-id'] ?? '');
      return { status: 204 };
    });
    const token = await signInOfficer(UNIT);
    const created = await postJson<{ id: string }>(
      '/officer/webhooks',
      { url: `${receiver.base}/unqueued`, eventTypes: ['dossier.received'] },
      { authorization: `Bearer ${token}` },
    );
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    subscriptionId = created.body.id;
    [event] = dossierEvents(undefined, image);
    if (!event) throw new Error('a new dossier makes an event');
    // What the invocation that died left: the delivery, pending and never attempted; no message.
    expect(
      await store().createDelivery({
        agencyCode: UNIT,
        subscriptionId,
        event,
        status: 'pending',
        failures: 0,
        attempts: [],
        createdAt: new Date().toISOString(),
      }),
    ).toBe(true);
  }, 60_000);

  afterAll(async () => {
    await receiver?.close();
  });

  it('is queued and sent once when the stream brings the record again', async () => {
    const eventId = event?.id ?? '';
    expect(await dispatch('100', image)).toEqual({ batchItemFailures: [] });
    const delivered = await waitFor(
      async () => {
        const delivery = await store().delivery(UNIT, subscriptionId, eventId);
        return delivery?.status === 'delivered' ? delivery : undefined;
      },
      'the delivery recorded as delivered',
      60_000,
    );
    expect(delivered.attempts).toHaveLength(1);
    expect(ids.filter((id) => id === eventId)).toHaveLength(1);
  }, 90_000);

  it('is not sent again when the record comes once more after its attempt', async () => {
    const eventId = event?.id ?? '';
    expect(await dispatch('101', image)).toEqual({ batchItemFailures: [] });
    // The worker takes a queued message within a second or two: wait well past that.
    await new Promise((resolve) => setTimeout(resolve, 8000));
    expect(ids.filter((id) => id === eventId)).toHaveLength(1);
    expect((await store().delivery(UNIT, subscriptionId, eventId))?.attempts).toHaveLength(1);
  }, 30_000);
});
