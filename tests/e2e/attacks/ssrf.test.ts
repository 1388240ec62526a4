import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataOutput, dynamo, postJson, submittedDossier, waitFor } from '../../support/deployment.ts';
import {
  type LoopbackReceiver,
  loopbackReceiver,
  type ReceiverAnswer,
} from '../../support/loopback-receiver.ts';
import { officerGet, signInOfficer } from '../../support/officers.ts';

/**
 * Server-side request forgery through webhook receivers: an agency operator names a URL and the
 * platform calls it. The test deployment allows exactly 127.0.0.1 over plain http (its receivers);
 * every other internal address, however it is written, is refused at subscription and at delivery.
 */

const DISTRICT = '000.00.22.H56';
const DISTRICT_PROCEDURE = '1.001612.000.00.00.H56';
const SECRET_REPLY = `internal-reply-${randomUUID()}`;

type Answer = ReceiverAnswer & { body: string };
const behaviour = new Map<string, () => Answer>();
const hits: string[] = [];
let receiver: LoopbackReceiver | undefined;
let port = 0;
let token = '';
const created: string[] = [];
const auth = () => ({ authorization: `Bearer ${token}` });

interface AttemptView {
  outcome: string;
  status?: number;
  response?: string;
}
interface DeliveryView {
  event: { data: { dossierCode?: string } };
  status: string;
  attempts: AttemptView[];
}

async function subscribe(url: string) {
  return postJson<{ id: string; error?: { fields: { field: string }[] } }>(
    '/officer/webhooks',
    { url, eventTypes: ['dossier.received'] },
    auth(),
  );
}

async function attemptsFor(
  subscriptionId: string,
  dossierCode: string,
  enough: (a: AttemptView[]) => boolean,
) {
  return waitFor(async () => {
    const answer = await officerGet<{ items: DeliveryView[] }>(
      token,
      `/officer/webhooks/${subscriptionId}/deliveries`,
    );
    const delivery = answer.body.items.find((item) => item.event.data.dossierCode === dossierCode);
    return delivery && enough(delivery.attempts) ? delivery.attempts : undefined;
  }, `attempts for ${subscriptionId}`);
}

async function submitDossier(): Promise<string> {
  return (await submittedDossier({ procedureCode: DISTRICT_PROCEDURE })).dossierCode;
}

beforeAll(async () => {
  receiver = await loopbackReceiver(({ path }) => {
    hits.push(path);
    return (behaviour.get(path) ?? ((): Answer => ({ status: 200, body: 'ok' })))();
  });
  port = receiver.port;
  token = await signInOfficer(DISTRICT);
});

afterAll(async () => {
  for (const id of created) await postJson(`/officer/webhooks/${id}/state`, { state: 'paused' }, auth());
  await receiver?.close();
});

describe('webhook receivers on internal addresses', () => {
  it('refuses to subscribe a receiver on an internal address, whatever its spelling, with a 400 naming url', async () => {
    const urls = [
      `http://[::ffff:127.0.0.1]:${port}/mapped`,
      'http://[::ffff:127.0.0.3]/hook',
      'http://[::ffff:169.254.169.254]/latest/meta-data/',
      'http://[64:ff9b::7f00:1]/hook',
      'http://[::127.0.0.2]/hook',
      'http://[2002:7f00:1::1]/hook',
      'http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/hook',
      'http://[fec0::1]/hook',
      'http://198.18.0.1/hook',
      'http://2130706434/hook',
      'http://0177.0.0.2/hook',
      'http://0x7f.2/hook',
      'http://[fe80::1%25eth0]/hook',
      `http://localhost.:${port}/hook`,
      'https://169.254.169.254/latest/meta-data/',
      'http://203.113.131.1/hook',
    ];
    const answers = [];
    for (const url of urls) {
      const answer = await subscribe(url);
      if (answer.status === 201) created.push(answer.body.id);
      answers.push({ url, status: answer.status, field: answer.body.error?.fields[0]?.field });
    }
    expect(answers).toEqual(urls.map((url) => ({ url, status: 400, field: 'url' })));
  });

  it('refuses to deliver to an internal address even when the subscription was stored without the check', async () => {
    const id = randomUUID();
    await dynamo.send(
      new PutCommand({
        TableName: dataOutput('WebhooksTableName'),
        Item: {
          pk: `agency#${DISTRICT}`,
          sk: `sub#${id}`,
          id,
          agencyCode: DISTRICT,
          url: `http://[::ffff:127.0.0.1]:${port}/planted`,
          eventTypes: ['dossier.received'],
          state: 'active',
          secrets: [{ secret: `whsec_${Buffer.from(randomUUID()).toString('base64')}` }],
          createdAt: new Date().toISOString(),
        },
      }),
    );
    created.push(id);
    const code = await submitDossier();
    const attempts = await attemptsFor(id, code, (list) => list.length > 0);
    expect(attempts[0]?.outcome).toBe('refused');
    expect(hits).not.toContain('/planted');
  });

  it('shows status and timing of a failed delivery but nothing of the receiver’s error body, and does not follow a redirect', async () => {
    behaviour.set('/error-page', () => ({ status: 500, body: SECRET_REPLY }));
    behaviour.set('/moved', () => ({
      status: 302,
      body: SECRET_REPLY,
      headers: { location: `http://127.0.0.1:${port}/redirect-target` },
    }));
    behaviour.set('/chatty', () => ({ status: 200, body: 'a'.repeat(5_000) }));
    const ids: Record<string, string> = {};
    for (const path of ['/error-page', '/moved', '/chatty']) {
      const answer = await subscribe(`http://127.0.0.1:${port}${path}`);
      expect(answer.status).toBe(201);
      created.push(answer.body.id);
      ids[path] = answer.body.id;
    }
    const code = await submitDossier();
    const failed = await attemptsFor(ids['/error-page'] ?? '', code, (list) => list.length >= 2);
    const redirected = await attemptsFor(ids['/moved'] ?? '', code, (list) => list.length >= 1);
    const delivered = await attemptsFor(ids['/chatty'] ?? '', code, (list) => list.length >= 1);
    for (const attempt of failed) {
      expect(attempt).toMatchObject({ outcome: 'failed', status: 500 });
      expect(attempt.response).toBeUndefined();
    }
    expect(redirected[0]).toMatchObject({ outcome: 'failed', status: 302 });
    expect(JSON.stringify([...failed, ...redirected])).not.toContain(SECRET_REPLY);
    expect(hits).not.toContain('/redirect-target');
    expect(delivered[0]).toMatchObject({ outcome: 'delivered', status: 200 });
    expect(delivered[0]?.response?.length).toBeLessThanOrEqual(200);
  });
});
