import type * as z from 'zod';
import type { AgencyMailMessage, MailMessageSchema, OfficerAlertMessage } from '../../contracts/mail.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { mailChainOf } from '../../domain/audit/audit-view.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { maskEmail } from '../../domain/common/text.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  type CitizenMailMessage,
  lookupPageUrl,
  mailKey,
  renderCitizenMail,
} from '../../domain/mail/citizen-mail.ts';
import { type MailOutcome, mailAuditFields, recordsMail } from '../../domain/mail/mail-audit.ts';
import { requireOfficialAddresses } from '../../domain/mail/mail-policy.ts';
import { agencyDocumentMail } from '../../domain/mail/mail-templates.ts';
import { officerAlertMail } from '../../domain/mail/officer-alerts.ts';
import type { Log } from '../log.ts';

/** 'claimed': this delivery sends it; 'in-progress': another delivery is sending it right now. */
export type ClaimResult = 'claimed' | 'already-sent' | 'in-progress';

/** What was sent to whom, once per key, and the addresses that must get no more mail. */
export interface SentMailLog {
  claim(key: string): Promise<ClaimResult>;
  /** Gives a claim back after a failed send, so the next delivery sends it. */
  release(key: string): Promise<void>;
  finish(key: string, state: 'sent' | 'suppressed' | 'skipped', messageId?: string): Promise<void>;
  /** How a finished send ended, and when; nothing while it is claimed or before. */
  outcome(
    key: string,
  ): Promise<{ state: string; messageId?: string | undefined; finishedAt?: string | undefined } | undefined>;
  isSuppressed(address: string): Promise<boolean>;
}

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  configurationSet: string;
  tags: Record<string, string>;
}

export interface MailSendingPorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  mailLog: SentMailLog;
  /** The audit chains where each mail sent (or held back) about a dossier is recorded (`mailChainOf`). */
  audit: {
    entries(chain: string): Promise<AuditFields[]>;
    append(chain: string, fields: AuditFields): Promise<unknown>;
  };
  now(): Date;
  /** Sends one mail; answers the provider's message id. */
  send(mail: OutgoingMail): Promise<string | undefined>;
  /** The citizens' base URL (ending in `/`), for the verification link. */
  baseUrl(): Promise<string>;
  sender: string;
  configurationSet: string;
  /** Domains agency mail may go to and come from. */
  agencyMailDomains: readonly string[];
  log: Log;
}

/** One message of the mail queue. */
export async function sendQueuedMail(
  ports: MailSendingPorts,
  message: z.infer<typeof MailMessageSchema>,
): Promise<void> {
  if (message.type === 'agency-mail') await sendAgencyMail(ports, message);
  else if (message.type === 'officer-alert') await sendOfficerAlert(ports, message);
  else await sendCitizenMail(ports, message);
}

/** Sends under a claim: a failed send gives the claim back and fails the message, to be retried. */
async function sendClaimed(ports: MailSendingPorts, key: string, mail: OutgoingMail) {
  let messageId: string | undefined;
  try {
    messageId = await ports.send(mail);
  } catch (error) {
    await ports.mailLog.release(key);
    throw error;
  }
  await ports.mailLog.finish(key, 'sent', messageId);
  return messageId;
}

/** Sends one citizen mail at most once, never to a bounced or complaining address. */
export async function sendCitizenMail(
  ports: MailSendingPorts,
  message: Omit<CitizenMailMessage, 'type'>,
): Promise<void> {
  const { mailLog, log } = ports;
  const dossier = await ports.dossiers.get(message.dossierCode);
  if (!dossier) throw new Error(`Dossier ${message.dossierCode} is not stored`);
  const to = dossier.applicant.email;
  if (!dossier.wantsMail || !to) return;
  const key = mailKey(dossier.dossierCode, message.template, to);
  const claim = await mailLog.claim(key);
  if (claim === 'already-sent') {
    await recordFinishedMail(ports, dossier.dossierCode, key, { template: message.template, to });
    return;
  }
  // Another delivery of the same message is sending it right now: let SQS bring this one back later.
  if (claim === 'in-progress')
    throw new Error(`Mail ${message.template} for ${dossier.dossierCode} is being sent`);
  if (await mailLog.isSuppressed(to)) {
    await mailLog.finish(key, 'suppressed');
    await recordMail(ports, dossier.dossierCode, { template: message.template, to, state: 'suppressed' });
    log.info('mail suppressed', {
      dossierCode: dossier.dossierCode,
      template: message.template,
      to: maskEmail(to),
    });
    return;
  }
  const baseUrl = await ports.baseUrl();
  const verifyUrl = `${baseUrl}verify?code=${encodeURIComponent(dossier.dossierCode)}`;
  const lookupUrl = lookupPageUrl(baseUrl, dossier.dossierCode);
  const content = renderCitizenMail(message.template, dossier, verifyUrl, lookupUrl);
  if (!content) {
    await mailLog.finish(key, 'skipped');
    return;
  }
  const messageId = await sendClaimed(ports, key, {
    from: ports.sender,
    to,
    configurationSet: ports.configurationSet,
    tags: { template: message.template, agency: dossier.currentAgency.code.replace(/\./g, '_') },
    ...content,
  });
  await recordMail(ports, dossier.dossierCode, { template: message.template, to, state: 'sent', messageId });
  log.info('mail sent', {
    dossierCode: dossier.dossierCode,
    template: message.template,
    to: maskEmail(to),
    messageId,
  });
}

/**
 * Agency exchange mail: only between official addresses, once per document, kind and recipient. A
 * public address is a data error that no retry fixes, so it is logged and dropped, not retried.
 */
export async function sendAgencyMail(
  ports: MailSendingPorts,
  message: Omit<AgencyMailMessage, 'type'>,
): Promise<void> {
  const claimed = await claimOfficialMail(ports, {
    id: message.documentId,
    kind: message.kind,
    to: message.to,
    refusal: ['agency mail refused', { documentId: message.documentId }],
  });
  if (!claimed || claimed === 'already-sent') return;
  const messageId = await sendClaimed(ports, claimed, {
    from: ports.sender,
    to: message.to,
    configurationSet: ports.configurationSet,
    tags: { template: message.kind, agency: message.toOrganId.replace(/\./g, '_') },
    ...agencyDocumentMail(message),
  });
  ports.log.info('agency mail sent', { documentId: message.documentId, kind: message.kind, messageId });
}

/**
 * An alert to a unit's officers, from the official sender to an official address only (it names a
 * dossier being worked on), once per alert and recipient; a public address is logged and dropped.
 */
export async function sendOfficerAlert(
  ports: MailSendingPorts,
  message: Omit<OfficerAlertMessage, 'type'>,
): Promise<void> {
  const claimed = await claimOfficialMail(ports, {
    id: message.alertId,
    kind: message.kind,
    to: message.to,
    refusal: ['officer alert refused', { alertId: message.alertId }],
  });
  const mail = { template: message.kind, to: message.to };
  if (claimed === 'already-sent')
    await recordFinishedMail(
      ports,
      message.dossierCode,
      mailKey(message.alertId, message.kind, message.to),
      mail,
    );
  if (!claimed || claimed === 'already-sent') return;
  const { to, ...alert } = message;
  const messageId = await sendClaimed(ports, claimed, {
    from: ports.sender,
    to,
    configurationSet: ports.configurationSet,
    tags: { template: message.kind, agency: message.unit.code.replace(/\./g, '_') },
    ...officerAlertMail(alert),
  });
  await recordMail(ports, message.dossierCode, { ...mail, state: 'sent', messageId });
  ports.log.info('officer alert sent', { alertId: message.alertId, kind: message.kind, messageId });
}

/**
 * Mail between official addresses, claimed once per subject, kind and recipient: the claimed key,
 * 'already-sent', or nothing when an address is public (a data error no retry fixes: logged and
 * dropped). A claim another delivery holds is retried later.
 */
async function claimOfficialMail(
  ports: MailSendingPorts,
  mail: { id: string; kind: string; to: string; refusal: [string, Record<string, unknown>] },
): Promise<string | 'already-sent' | undefined> {
  try {
    requireOfficialAddresses(
      [
        { field: 'from', address: ports.sender },
        { field: 'to', address: mail.to },
      ],
      ports.agencyMailDomains,
    );
  } catch (error) {
    const [message, fields] = mail.refusal;
    ports.log.error(message, { ...fields, to: maskEmail(mail.to), error });
    return undefined;
  }
  const key = mailKey(mail.id, mail.kind, mail.to);
  const claim = await ports.mailLog.claim(key);
  if (claim === 'already-sent') return claim;
  if (claim === 'in-progress') throw new Error(`Mail ${mail.kind} for ${mail.id} is being sent`);
  return key;
}

/**
 * Records a mail on its dossier's mail chain, once its send is finished: only the delivery that
 * claimed the send gets here, so a redelivered message does not record it again.
 */
async function recordMail(ports: MailSendingPorts, dossierCode: string, mail: Omit<MailOutcome, 'at'>) {
  await ports.audit.append(
    mailChainOf(dossierCode),
    mailAuditFields({ ...mail, at: toVietnamIso(ports.now()) }),
  );
}

/**
 * A send finished by an earlier delivery whose audit append failed (the message then came back):
 * records it now, unless the chain holds it already.
 */
async function recordFinishedMail(
  ports: MailSendingPorts,
  dossierCode: string,
  key: string,
  mail: { template: string; to: string },
) {
  const outcome = await ports.mailLog.outcome(key);
  if (outcome?.state !== 'sent' && outcome?.state !== 'suppressed') return;
  const fields = mailAuditFields({
    ...mail,
    state: outcome.state,
    messageId: outcome.messageId,
    at: toVietnamIso(outcome.finishedAt ? new Date(outcome.finishedAt) : ports.now()),
  });
  const entries = await ports.audit.entries(mailChainOf(dossierCode));
  if (entries.some((entry) => recordsMail(entry, fields))) return;
  await ports.audit.append(mailChainOf(dossierCode), fields);
}
