import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { describe, expect, it } from 'vitest';
import {
  completeDossierRequest,
  postJson,
  readDossier,
  recordedMail,
  tierQueueUrls,
  waitFor,
} from '../support/deployment.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const queueUrl = (tier: string) => tierQueueUrls[`${tier}QueueUrl`] ?? '';
const dlqUrl = (tier: string) => tierQueueUrls[`${tier}DeadLetterQueueUrl`] ?? '';

describe('tier queues', () => {
  it('exist for every tier of the profile, each with its dead-letter queue attached', async () => {
    for (const tier of ['commune', 'district', 'province', 'central']) {
      const { Attributes } = await sqs.send(
        new GetQueueAttributesCommand({ QueueUrl: queueUrl(tier), AttributeNames: ['All'] }),
      );
      expect(Attributes?.FifoQueue).toBe('true');
      const redrive = JSON.parse(Attributes?.RedrivePolicy ?? '{}') as {
        deadLetterTargetArn?: string;
        maxReceiveCount?: number;
      };
      expect(redrive.maxReceiveCount).toBe(6);
      expect(redrive.deadLetterTargetArn).toContain(`${tier}-dlq.fifo`);
    }
  });

  it('route a province dossier to the province queue, acknowledged by the province consumer', async () => {
    const answer = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: '2.000488.000.00.00.H56' }),
    );
    expect(answer.status).toBe(201);
    const stored = await waitFor(async () => {
      const dossier = await readDossier(answer.body.dossierCode);
      return dossier?.routing.acknowledgedAt ? dossier : undefined;
    }, 'province acknowledgement');
    expect(stored.routing.tier).toBe('province');
    expect(stored.history.find((entry) => entry.status === 'routed')?.by).toBe('queue:province');
  });

  it('change nothing when the same arrival is delivered twice', async () => {
    const answer = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
    const code = answer.body.dossierCode;
    await waitFor(
      async () => ((await readDossier(code))?.routing.acknowledgedAt ? true : undefined),
      'first acknowledgement',
    );
    const before = await readDossier(code);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl('commune'),
        MessageBody: JSON.stringify({
          type: 'dossier.received',
          dossierCode: code,
          agencyCode: '000.17.22.H56',
          tier: 'commune',
          sentAt: new Date().toISOString(),
        }),
        MessageGroupId: '000.17.22.H56',
        MessageDeduplicationId: `redelivery-${code}`,
      }),
    );
    // A later dossier of the same agency (same message group) is processed only after the duplicate.
    const marker = await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest());
    await waitFor(
      async () => ((await readDossier(marker.body.dossierCode))?.routing.acknowledgedAt ? true : undefined),
      'marker acknowledgement',
    );
    const after = await readDossier(code);
    expect(after?.history).toEqual(before?.history);
    expect(after?.routing).toEqual(before?.routing);
    // The duplicate queued the receipt mail again; the sender sent it once.
    await waitFor(
      async () =>
        (await recordedMail()).some((m) => m.Subject.includes(marker.body.dossierCode)) ? true : undefined,
      'the marker dossier’s receipt mail',
    );
    expect((await recordedMail()).filter((m) => m.Subject.includes(code))).toHaveLength(1);
  });

  it('park a message that keeps failing in the tier DLQ after 6 deliveries, without blocking other agencies', async () => {
    const poison = {
      type: 'dossier.received',
      dossierCode: '000.00.00.G14-990101-0001',
      agencyCode: '000.00.00.G14',
      tier: 'central',
      sentAt: new Date().toISOString(),
    };
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl('central'),
        MessageBody: JSON.stringify(poison),
        MessageGroupId: poison.agencyCode,
        MessageDeduplicationId: `poison-${Date.now()}`,
      }),
    );
    const other = await postJson<{ dossierCode: string }>(
      '/dossiers',
      await completeDossierRequest({ procedureCode: '2.000034.000.00.00.G20' }),
    );
    await waitFor(
      async () => ((await readDossier(other.body.dossierCode))?.routing.acknowledgedAt ? true : undefined),
      'another central agency',
    );

    const parked = await waitFor(
      async () => {
        const { Messages } = await sqs.send(
          new ReceiveMessageCommand({
            QueueUrl: dlqUrl('central'),
            MaxNumberOfMessages: 10,
            WaitTimeSeconds: 1,
          }),
        );
        return Messages?.find((m) => m.Body?.includes(poison.dossierCode));
      },
      'the poison message in the central DLQ',
      150_000,
    );
    expect(JSON.parse(parked.Body ?? '{}')).toEqual(poison);
  }, 180_000);
});
