import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { AgencyMailMessage, OfficerAlertMessage } from '../contracts/mail.ts';
import type { CitizenMailMessage } from '../domain/mail/citizen-mail.ts';
import { counted } from './aws-calls.ts';

// Queue URLs name the host the queue was created under; the client's own endpoint is the one to use.
const sqs = counted(new SQSClient({ useQueueUrlAsEndpoint: false }));

/** Mail goes through the mail queue: retried, rate-limited by the sender's concurrency, never lost. */
export async function enqueueCitizenMail(
  queueUrl: string,
  message: Omit<CitizenMailMessage, 'type'>,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ type: 'citizen-mail', ...message }),
    }),
  );
}

/** Meeting invitations and drafts for comment go to the recipient agency's official address too. */
export async function enqueueAgencyMail(
  queueUrl: string,
  message: Omit<AgencyMailMessage, 'type'>,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ type: 'agency-mail', ...message }),
    }),
  );
}

/** Deadline alerts go to officers' (or their unit's) official addresses. */
export async function enqueueOfficerAlert(
  queueUrl: string,
  message: Omit<OfficerAlertMessage, 'type'>,
): Promise<void> {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify({ type: 'officer-alert', ...message }),
    }),
  );
}

/** Every kind of mail, through the one mail queue. */
export const mailQueue = (queueUrl: string) => ({
  citizen: (message: Omit<CitizenMailMessage, 'type'>) => enqueueCitizenMail(queueUrl, message),
  agency: (message: Omit<AgencyMailMessage, 'type'>) => enqueueAgencyMail(queueUrl, message),
  officerAlert: (message: Omit<OfficerAlertMessage, 'type'>) => enqueueOfficerAlert(queueUrl, message),
});
