import { randomBytes, randomUUID } from 'node:crypto';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { periodsOf } from '../../shared/domain/kpi/kpi-periods.ts';
import {
  apiBase,
  completeDossierRequest,
  dispatchRequest,
  dossierRequest,
  outputs,
  postJson,
  readDossier,
  submittedDossier,
  waitFor,
} from '../support/deployment.ts';
import { countedCells, runAggregator, waitForCounted } from '../support/kpi.ts';
import {
  type LoopbackReceiver,
  loopbackReceiver,
  type ReceiverAnswer,
} from '../support/loopback-receiver.ts';
import { officerGet, receiveDossier, signInOfficer } from '../support/officers.ts';

const secrets = new SecretsManagerClient({});
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const DISTRICT = '000.00.22.H56';
const DISTRICT_PROCEDURE = '1.001612.000.00.00.H56';
const COMMUNE = '000.17.22.H56';
const OTHER_COMMUNE = '000.18.22.H56';

interface Received {
  path: string;
  headers: Record<string, string>;
  body: string;
  data: { dossierCode?: string; id?: string };
  type: string;
}

/** A real HTTP receiver on loopback; each path behaves like a kind of agency system. */
const received: Received[] = [];
type Answer = Omit<ReceiverAnswer, 'body'>;
const behaviour = new Map<string, (count: number) => Answer>();
let receiver: LoopbackReceiver | undefined;
let base = '';

const tokens = new Map<string, string>();
const auth = (agency: string) => ({ authorization: `Bearer ${tokens.get(agency)}` });
const subscriptions: { agency: string; id: string }[] = [];

async function subscribe(agency: string, path: string, eventTypes: string[]) {
  const answer = await postJson<{ id: string; secret: string; state: string }>(
    '/officer/webhooks',
    { url: `${base}${path}`, eventTypes },
    auth(agency),
  );
  expect(answer.status).toBe(201);
  expect(answer.body.secret).toMatch(/^whsec_/);
  subscriptions.push({ agency, id: answer.body.id });
  return answer.body;
}

async function submitDistrictDossier(): Promise<string> {
  return (await submittedDossier({ procedureCode: DISTRICT_PROCEDURE })).dossierCode;
}

interface DeliveryView {
  event: { id: string; data: { dossierCode?: string } };
  status: string;
  attempts: { outcome: string; status?: number; latencyMs?: number; response?: string }[];
}

async function deliveryOf(agency: string, subscriptionId: string, dossierCode: string) {
  const answer = await officerGet<{ items: DeliveryView[] }>(
    tokens.get(agency) ?? '',
    `/officer/webhooks/${subscriptionId}/deliveries`,
  );
  return answer.body.items.find((item) => item.event.data.dossierCode === dossierCode);
}

const hits = (path: string, dossierCode: string) =>
  received.filter((request) => request.path === path && request.data.dossierCode === dossierCode);

describe('outbound webhooks to agency systems', () => {
  beforeAll(async () => {
    receiver = await loopbackReceiver(({ path, headers, body }) => {
      const parsed = JSON.parse(body) as { type: string; data: Received['data'] };
      received.push({ path, headers, body, data: parsed.data, type: parsed.type });
      const count = received.filter(
        (r) => r.path === path && r.data.dossierCode === parsed.data.dossierCode,
      ).length;
      const answer = (behaviour.get(path) ?? ((): Answer => ({ status: 200 })))(count);
      return { ...answer, body: answer.status < 300 ? 'ok' : 'not now' };
    });
    base = receiver.base;
    for (const agency of [DISTRICT, COMMUNE, OTHER_COMMUNE]) tokens.set(agency, await signInOfficer(agency));
  });

  afterAll(async () => {
    for (const { agency, id } of subscriptions)
      await postJson(`/officer/webhooks/${id}/state`, { state: 'paused' }, auth(agency));
    await receiver?.close();
  });

  it('retries a receiver that fails twice, delivers once, and logs every attempt; payloads carry no personal data', async () => {
    behaviour.set('/flaky', (count) => (count <= 2 ? { status: 503 } : { status: 200 }));
    const subscription = await subscribe(DISTRICT, '/flaky', ['dossier.received']);
    const code = await submitDistrictDossier();
    const delivered = await waitFor(async () => {
      const delivery = await deliveryOf(DISTRICT, subscription.id, code);
      return delivery?.status === 'delivered' ? delivery : undefined;
    }, 'the delivery after two failures');
    expect(delivered.attempts.map((a) => [a.outcome, a.status])).toEqual([
      ['failed', 503],
      ['failed', 503],
      ['delivered', 200],
    ]);
    for (const attempt of delivered.attempts) expect(attempt.latencyMs).toBeGreaterThanOrEqual(0);
    // A receiver's error page is not shown back: it could be an internal server's reply.
    expect(delivered.attempts[0]?.response).toBeUndefined();

    const requests = hits('/flaky', code);
    expect(requests).toHaveLength(3);
    // Same message id on every attempt; each request verifies with the subscription's secret.
    expect(new Set(requests.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const verifier = new Webhook(subscription.secret);
    for (const request of requests)
      expect(() => verifier.verify(request.body, request.headers)).not.toThrow();
    const payload = JSON.parse(requests[2]?.body ?? '{}') as { type: string; data: Record<string, unknown> };
    expect(payload.type).toBe('dossier.received');
    expect(payload.data).toMatchObject({
      dossierCode: code,
      status: 'submitted',
      syncCode: 1,
      agencyCode: DISTRICT,
    });
    expect((payload.data.links as { dossier: string }).dossier).toContain(
      `/dossiers/${encodeURIComponent(code)}`,
    );
    const applicant = dossierRequest().applicant;
    for (const personal of [applicant.fullName, applicant.idNumber, applicant.phone, applicant.email])
      expect(requests[2]?.body).not.toContain(personal);
  });

  it('disables a subscription whose receiver answers 410 Gone', async () => {
    behaviour.set('/gone', () => ({ status: 410 }));
    const subscription = await subscribe(DISTRICT, '/gone', ['dossier.received']);
    const code = await submitDistrictDossier();
    await waitFor(async () => {
      const list = await officerGet<{ items: { id: string; state: string; disabledReason?: string }[] }>(
        tokens.get(DISTRICT) ?? '',
        '/officer/webhooks',
      );
      const found = list.body.items.find((item) => item.id === subscription.id);
      return found?.state === 'disabled' ? found : undefined;
    }, 'the subscription disabled');
    expect(hits('/gone', code)).toHaveLength(1);
    expect((await deliveryOf(DISTRICT, subscription.id, code))?.status).toBe('failed');
    // Secrets are never listed again.
    const list = await officerGet(tokens.get(DISTRICT) ?? '', '/officer/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(subscription.secret);
  });

  it('times out a slow receiver, gives up after the schedule into the DLQ, and delivers on an operator’s replay', async () => {
    let slow = true;
    behaviour.set('/slow', () => (slow ? { status: 200, delayMs: 3_000 } : { status: 200 }));
    const subscription = await subscribe(DISTRICT, '/slow', ['dossier.received']);
    const code = await submitDistrictDossier();
    const failed = await waitFor(
      async () => {
        const delivery = await deliveryOf(DISTRICT, subscription.id, code);
        return delivery?.status === 'failed' ? delivery : undefined;
      },
      'the delivery to give up',
      60_000,
    );
    expect(failed.attempts.every((attempt) => attempt.outcome === 'timeout')).toBe(true);
    expect(failed.attempts.length).toBe(4);
    const parked = await waitFor(async () => {
      const { Messages } = await sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: output(outputs, 'Webhooks', 'DeliveryDeadLetterQueueUrl'),
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      return Messages?.find((message) => message.Body?.includes(failed.event.id));
    }, 'the delivery in the DLQ');
    expect(parked.Body).toContain('gave up after 4 failed attempts');

    slow = false;
    const replay = await postJson(
      `/officer/webhooks/${subscription.id}/deliveries/${encodeURIComponent(failed.event.id)}/replay`,
      {},
      auth(DISTRICT),
    );
    expect(replay.status).toBe(202);
    const delivered = await waitFor(async () => {
      const delivery = await deliveryOf(DISTRICT, subscription.id, code);
      return delivery?.status === 'delivered' ? delivery : undefined;
    }, 'the replayed delivery');
    expect(delivered.attempts.at(-1)?.outcome).toBe('delivered');
  });

  it('refuses endpoints on private, loopback (unless allowed) or link-local addresses', async () => {
    for (const url of [
      'http://10.1.2.3/hook',
      'http://169.254.169.254/latest/meta-data',
      'http://[::1]:8080/hook',
      'http://192.168.1.10/',
    ]) {
      const answer = await postJson<{ error: { fields: { field: string }[] } }>(
        '/officer/webhooks',
        { url, eventTypes: ['dossier.received'] },
        auth(DISTRICT),
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.fields[0]?.field).toBe('url');
    }
  });

  it('signs with the old and the new secret while a rotation overlaps', async () => {
    const subscription = await subscribe(DISTRICT, '/rotated', ['dossier.received']);
    const rotated = await postJson<{ secret: string; previousValidUntil: string }>(
      `/officer/webhooks/${subscription.id}/rotate`,
      {},
      auth(DISTRICT),
    );
    expect(rotated.status).toBe(200);
    expect(Date.parse(rotated.body.previousValidUntil)).toBeGreaterThan(Date.now());
    const code = await submitDistrictDossier();
    const [request] = await waitFor(async () => {
      const found = hits('/rotated', code);
      return found.length > 0 ? found : undefined;
    }, 'the delivery after rotation');
    expect(request?.headers['webhook-signature']?.split(' ')).toHaveLength(2);
    expect(() =>
      new Webhook(rotated.body.secret).verify(request?.body ?? '', request?.headers ?? {}),
    ).not.toThrow();
    expect(() =>
      new Webhook(subscription.secret).verify(request?.body ?? '', request?.headers ?? {}),
    ).not.toThrow();
  });

  it('publishes an agency’s indicators when the aggregator changes them', async () => {
    const subscription = await subscribe(DISTRICT, '/kpi', ['kpi.published']);
    const today = periodsOf(new Date()).day;
    const before = (await countedCells(today)).get(DISTRICT)?.received ?? 0;
    // Counted as received on the day the desk receives it, not when it was submitted online.
    await receiveDossier(tokens.get(DISTRICT) ?? '', await submitDistrictDossier());
    await waitForCounted(today, DISTRICT, before + 1);
    await runAggregator();
    const published = await waitFor(
      async () => received.find((r) => r.path === '/kpi' && r.type === 'kpi.published'),
      'kpi.published',
    );
    const data = JSON.parse(published.body).data as {
      agencyCode: string;
      received: number;
      onTimeRate: unknown;
    };
    expect(data.agencyCode).toBe(DISTRICT);
    expect(data.received).toBeGreaterThan(0);
    expect(data.onTimeRate).toHaveProperty('denominator');
    expect(() => new Webhook(subscription.secret).verify(published.body, published.headers)).not.toThrow();
  });

  it('tells a recipient agency’s system that a document arrived, and the sender’s that it was acknowledged', async () => {
    const recipient = await subscribe(OTHER_COMMUNE, '/documents-in', ['document.arrived']);
    const sender = await subscribe(COMMUNE, '/documents-out', ['document.acknowledgement_received']);
    const sent = await postJson<{ id: string }>(
      '/officer/documents',
      dispatchRequest(OTHER_COMMUNE, 'UBND-WH', { subject: 'Phối hợp tổ chức tiếp công dân' }),
      auth(COMMUNE),
    );
    expect(sent.status).toBe(201);
    const arrived = await waitFor(
      async () => received.find((r) => r.path === '/documents-in' && r.data.id === sent.body.id),
      'document.arrived',
    );
    expect(arrived.type).toBe('document.arrived');
    expect(() => new Webhook(recipient.secret).verify(arrived.body, arrived.headers)).not.toThrow();
    const acknowledged = await waitFor(
      async () => received.find((r) => r.path === '/documents-out' && r.data.id === sent.body.id),
      'document.acknowledgement_received',
    );
    expect(JSON.parse(acknowledged.body).data).toMatchObject({ statusCode: '01', from: OTHER_COMMUNE });
    expect(() => new Webhook(sender.secret).verify(acknowledged.body, acknowledged.headers)).not.toThrow();
  });
});

describe('inbound webhooks from agency systems', () => {
  const agencySecrets = new Map<string, string>();

  async function ensureSecret(agency: string): Promise<string> {
    const secret = `whsec_${randomBytes(32).toString('base64')}`;
    const name = `motcua/agency-webhooks/${agency}`;
    try {
      await secrets.send(new CreateSecretCommand({ Name: name, SecretString: secret }));
    } catch (error) {
      if (!(error instanceof ResourceExistsException)) throw error;
      await secrets.send(new PutSecretValueCommand({ SecretId: name, SecretString: secret }));
    }
    agencySecrets.set(agency, secret);
    return secret;
  }

  function signed(
    agency: string,
    payload: unknown,
    { at = new Date(), id = `msg_${randomUUID()}`, secret = agencySecrets.get(agency) ?? '' } = {},
  ) {
    const body = JSON.stringify(payload);
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(secret).sign(id, at, body),
      },
    };
  }

  const post = (agency: string, request: { body: string; headers: Record<string, string> }) =>
    fetch(new URL(`agency-systems/${encodeURIComponent(agency)}/webhooks`, apiBase), {
      method: 'POST',
      headers: request.headers,
      body: request.body,
    });

  let code = '';
  beforeAll(async () => {
    // Secrets Manager keeps each agency's secret; a fresh one for this run (cached by the function for 5 minutes).
    await ensureSecret(COMMUNE);
    await ensureSecret(OTHER_COMMUNE);
    const answer = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
    code = answer.body.dossierCode;
  });

  it('applies a signed update through the lifecycle rules, and refuses a replay of it', async () => {
    const request = signed(COMMUNE, {
      type: 'dossier.action',
      dossierCode: code,
      action: { type: 'accept' },
    });
    const answer = await post(COMMUNE, request);
    expect(answer.status).toBe(200);
    expect((await readDossier(code))?.status).toBe('accepted');
    expect((await readDossier(code))?.history.at(-1)?.by).toBe(`system:${COMMUNE}`);
    const replayed = await post(COMMUNE, request);
    expect(replayed.status).toBe(409);
    // A transition the lifecycle does not allow is refused the same way as for an officer.
    const again = await post(
      COMMUNE,
      signed(COMMUNE, { type: 'dossier.action', dossierCode: code, action: { type: 'accept' } }),
    );
    expect(again.status).toBe(409);
  });

  it('refuses a wrong signature and a stale timestamp with 401', async () => {
    const payload = { type: 'dossier.action', dossierCode: code, action: { type: 'start_processing' } };
    const forged = signed(COMMUNE, payload, { secret: `whsec_${randomBytes(32).toString('base64')}` });
    expect((await post(COMMUNE, forged)).status).toBe(401);
    const stale = signed(COMMUNE, payload, { at: new Date(Date.now() - 6 * 60_000) });
    expect((await post(COMMUNE, stale)).status).toBe(401);
    const tampered = signed(COMMUNE, payload);
    expect(
      (await post(COMMUNE, { ...tampered, body: tampered.body.replace('start_processing', 'stop') })).status,
    ).toBe(401);
    expect((await readDossier(code))?.status).toBe('accepted');
  });

  it('refuses an agency acting on a dossier another agency holds', async () => {
    const answer = await post(
      OTHER_COMMUNE,
      signed(OTHER_COMMUNE, {
        type: 'dossier.action',
        dossierCode: code,
        action: { type: 'start_processing' },
      }),
    );
    expect(answer.status).toBe(404);
    expect((await readDossier(code))?.status).toBe('accepted');
  });
});
