import { SESv2Client, SendEmailCommand } from '@aws-sdk/client-sesv2';
import type { OutgoingMail } from '../app/mail/send-mail.ts';
import { BusinessMetric, countOutcome } from '../observability.ts';
import { counted } from './aws-calls.ts';

const ses = counted(new SESv2Client({}));

export async function sendMail(mail: OutgoingMail): Promise<string | undefined> {
  const sending = ses.send(
    new SendEmailCommand({
      FromEmailAddress: mail.from,
      Destination: { ToAddresses: [mail.to] },
      ConfigurationSetName: mail.configurationSet,
      EmailTags: Object.entries(mail.tags).map(([Name, Value]) => ({ Name, Value })),
      Content: {
        Simple: {
          Subject: { Data: mail.subject, Charset: 'UTF-8' },
          Body: { Text: { Data: mail.text, Charset: 'UTF-8' }, Html: { Data: mail.html, Charset: 'UTF-8' } },
        },
      },
    }),
  );
  const result = await countOutcome(sending, BusinessMetric.MailFailed, BusinessMetric.MailSent);
  return result.MessageId;
}
