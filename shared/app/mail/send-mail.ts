import type * as z from 'zod';
import type { AgencyMailMessage, MailMessageSchema, OfficerAlertMessage } from '../../contracts/mail.ts';
import { maskEmail } from '../../domain/common/text.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import {
  type CitizenMailMessage,
  lookupPageUrl,
  mailKey,
  renderCitizenMail,
} from '../../domain/mail/citizen-mail.ts';
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
  if (claim === 'already-sent') return;
  // Another delivery of the same message is sending it right now: let SQS bring this one back later.
  if (claim === 'in-progress')
    throw new Error(`Mail ${message.template} for ${dossier.dossierCode} is being sent`);
  if (await mailLog.isSuppressed(to)) {
    await mailLog.finish(key, 'suppressed');
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
  if (!claimed) return;
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
  if (!claimed) return;
  const { to, ...alert } = message;
  const messageId = await sendClaimed(ports, claimed, {
    from: ports.sender,
    to,
    configurationSet: ports.configurationSet,
    tags: { template: message.kind, agency: message.unit.code.replace(/\./g, '_') },
    ...officerAlertMail(alert),
  });
  ports.log.info('officer alert sent', { alertId: message.alertId, kind: message.kind, messageId });
}

/**
 * Mail between official addresses, claimed once per subject, kind and recipient: the claimed key, or
 * nothing when it was sent already or an address is public (a data error no retry fixes: logged and
 * dropped). A claim another delivery holds is retried later.
 */
async function claimOfficialMail(
  ports: MailSendingPorts,
  mail: { id: string; kind: string; to: string; refusal: [string, Record<string, unknown>] },
): Promise<string | undefined> {
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
  if (claim === 'already-sent') return undefined;
  if (claim === 'in-progress') throw new Error(`Mail ${mail.kind} for ${mail.id} is being sent`);
  return key;
}
