import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { MailLog } from '../../shared/adapters/mail-log.ts';
import { sendMail } from '../../shared/adapters/mailer.ts';
import { publicBaseUrlFromParameter } from '../../shared/adapters/public-api.ts';
import { type MailSendingPorts, sendQueuedMail } from '../../shared/app/mail/send-mail.ts';
import { loadEnv, mailSenderEnv } from '../../shared/config/env.ts';
import { MailMessageSchema } from '../../shared/contracts/mail.ts';
import { logger, queueConsumer } from '../../shared/runtime/consumer.ts';

const env = loadEnv(mailSenderEnv);
const ports: MailSendingPorts = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  mailLog: new MailLog(env.MAIL_TABLE),
  audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
  now: () => new Date(),
  send: sendMail,
  baseUrl: publicBaseUrlFromParameter(env.PUBLIC_API_PARAMETER, env),
  sender: env.OFFICIAL_SENDER,
  configurationSet: env.MAIL_CONFIGURATION_SET,
  agencyMailDomains: env.AGENCY_MAIL_DOMAINS,
  log: logger,
};

export const handler = queueConsumer({
  parse: (body) => MailMessageSchema.parse(JSON.parse(body)),
  work: (message) => sendQueuedMail(ports, message),
  faults: { parameter: env.FAULT_INJECTION_PARAMETER, handler: 'mailSender' },
  redelivery: { queueUrl: env.QUEUE_URL, maxReceiveCount: env.MAX_RECEIVE_COUNT },
});
