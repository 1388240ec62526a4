import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { mailKey } from '../../shared/domain/mail/citizen-mail.ts';
import {
  completeDossierRequest,
  dataOutput,
  dynamo,
  invokeFunction,
  outputs,
  postJson,
  recordedMail,
  waitFor,
} from '../support/deployment.ts';
import { officerAct, signInOfficer } from '../support/officers.ts';

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const mailItem = async (pk: string) =>
  (
    await dynamo.send(
      new GetCommand({ TableName: dataOutput('MailTableName'), Key: { pk }, ConsistentRead: true }),
    )
  ).Item;

async function deliveryEvent(detail: Record<string, unknown>) {
  await invokeFunction('Mail', 'DeliveryEventsFunctionName', {
    source: 'aws.ses',
    'detail-type': 'SES event',
    detail,
  });
}

const mailsAbout = async (code: string) => (await recordedMail()).filter((m) => m.Subject.includes(code));

describe('official mail through the mail queue', () => {
  it('sends the supplement request (form 02) in Vietnamese from the official sender', async () => {
    const officer = await signInOfficer('000.17.22.H56');
    const { dossierCode } = (
      await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())
    ).body;
    await officerAct(officer, dossierCode, { type: 'accept' });
    await officerAct(officer, dossierCode, {
      type: 'request_supplement',
      reason: 'Thiếu bản sao',
      documents: ['Giấy chứng sinh'],
    });
    const mail = await waitFor(
      async () => (await mailsAbout(dossierCode)).find((m) => m.Subject.startsWith('Yêu cầu bổ sung hồ sơ')),
      'the supplement request mail',
    );
    expect(mail.Source).toBe('no-reply@motcua.thanhhoa.gov.vn');
    expect(mail.BodyText).toContain('Nội dung cần bổ sung: Thiếu bản sao — Giấy chứng sinh');
  });

  it('sends a mail once, however often its message is delivered', async () => {
    const { dossierCode } = (
      await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())
    ).body;
    // Submitted online, not yet received: its one mail is the submission notice ("đã nộp").
    await waitFor(
      async () => ((await mailsAbout(dossierCode)).length > 0 ? true : undefined),
      'the submission mail',
    );
    const body = JSON.stringify({ type: 'citizen-mail', template: 'submission', dossierCode });
    const queueUrl = output(outputs, 'Mail', 'MailQueueUrl');
    await Promise.all(
      [1, 2, 3].map(() => sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: body }))),
    );
    // A later mail through the same queue shows the duplicates were processed before it.
    const { dossierCode: later } = (
      await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())
    ).body;
    await waitFor(
      async () => ((await mailsAbout(later)).length > 0 ? true : undefined),
      'a later submission mail',
    );
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const [mail, ...more] = await mailsAbout(dossierCode);
    expect(more).toHaveLength(0);
    expect(mail?.Subject).toBe(`Đã nộp hồ sơ ${dossierCode} / Dossier submitted`);
    expect(
      await mailItem(`send#${mailKey(dossierCode, 'submission', 'hoa.nguyen@example.vn')}`),
    ).toMatchObject({ state: 'sent' });
  });

  it('records delivery events, and never mails an address that bounced', async () => {
    const { dossierCode } = (
      await postJson<{ dossierCode: string }>('/dossiers', await completeDossierRequest())
    ).body;
    // An online submission's first mail is the submission notice; the receipt waits for the desk.
    const key = mailKey(dossierCode, 'submission', 'hoa.nguyen@example.vn');
    const sent = await waitFor(async () => {
      const item = await mailItem(`send#${key}`);
      return item?.state === 'sent' ? item : undefined;
    }, 'the submission mail to be sent');
    const messageId = String(sent.messageId);
    await deliveryEvent({ eventType: 'Delivery', mail: { messageId, timestamp: new Date().toISOString() } });
    expect((await mailItem(`message#${messageId}`))?.events).toEqual([
      expect.objectContaining({ type: 'delivery' }),
    ]);

    const bouncing = `khong-ton-tai-${Date.now()}@example.vn`;
    await deliveryEvent({
      eventType: 'Bounce',
      mail: { messageId: `bounce-${Date.now()}` },
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: bouncing }] },
    });
    expect(await mailItem(`suppressed#${bouncing}`)).toMatchObject({ reason: 'bounce' });
    const request = await completeDossierRequest();
    const { dossierCode: toBounced } = (
      await postJson<{ dossierCode: string }>('/dossiers', {
        ...request,
        applicant: { ...request.applicant, email: bouncing },
      })
    ).body;
    // 'sending' is the claim before the decision; wait for the final state.
    const state = await waitFor(async () => {
      const current = (await mailItem(`send#${mailKey(toBounced, 'submission', bouncing)}`))?.state;
      return current && current !== 'sending' ? String(current) : undefined;
    }, 'the suppressed submission mail');
    expect(state).toBe('suppressed');
    expect(await mailsAbout(toBounced)).toHaveLength(0);
  });
});
