import { ApologyMailLetterSchema, apologyMail } from '../lifecycle/apology.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { LifecycleActionType } from '../lifecycle/lifecycle.ts';
import {
  type MailContent,
  plainTextMail,
  receiptMail,
  refusalMail,
  resultReadyMail,
  submissionMail,
  supplementReceivedMail,
  supplementRequestMail,
} from './mail-templates.ts';

/** Mail a citizen receives about their dossier; the queue carries only this name and the dossier code. */
export const CITIZEN_TEMPLATES = [
  'submission',
  'receipt',
  'supplement_request',
  'supplement_received',
  'refusal',
  'apology',
  'result_ready',
] as const;
export type CitizenTemplate = (typeof CITIZEN_TEMPLATES)[number];

export interface CitizenMailMessage {
  type: 'citizen-mail';
  template: CitizenTemplate;
  dossierCode: string;
}

/** The mail that follows an officer action, if any. */
export const MAIL_AFTER_ACTION: Partial<Record<LifecycleActionType, CitizenTemplate>> = {
  accept: 'receipt',
  request_supplement: 'supplement_request',
  refuse: 'refusal',
  complete: 'result_ready',
  approve_apology: 'apology',
};

/** One mail per dossier, template and recipient, however often the message is delivered. */
export function mailKey(dossierCode: string, template: string, recipient: string): string {
  return `${dossierCode}#${template}#${recipient.toLowerCase()}`;
}

/**
 * Renders from the dossier as it is now, with a link to the public verification page where the
 * signed documents are checked (and, with the lookup secret, the dossier is opened); undefined when
 * the dossier has nothing to say yet. `lookupUrl` is the lookup page with the dossier code filled in.
 */
export function renderCitizenMail(
  template: CitizenTemplate,
  dossier: DossierRecord,
  verifyUrl: string,
  lookupUrl?: string,
): MailContent | undefined {
  const mail = renderBody(template, dossier, lookupUrl);
  if (!mail) return undefined;
  return plainTextMail(
    mail.subject,
    `${mail.text}\n\nKiểm tra chữ ký số và tra cứu hồ sơ / Verify the signature and look the dossier up:\n${verifyUrl}`,
  );
}

function renderBody(
  template: CitizenTemplate,
  dossier: DossierRecord,
  lookupUrl: string | undefined,
): MailContent | undefined {
  switch (template) {
    case 'submission':
      return submissionMail(dossier);
    case 'receipt': {
      const { receivedAt, dueAt, receipt } = dossier;
      return receivedAt && dueAt && receipt
        ? receiptMail(dossier, { receivedAt, dueAt, receipt })
        : undefined;
    }
    case 'supplement_request':
      return supplementRequestMail(dossier);
    case 'supplement_received':
      return supplementReceivedMail(dossier);
    case 'refusal':
      return refusalMail(dossier);
    case 'result_ready':
      return resultReadyMail(dossier, lookupUrl);
    case 'apology': {
      const letter = dossier.apology?.letter;
      return letter
        ? apologyMail(ApologyMailLetterSchema.parse(letter.document), letter.signature.value)
        : undefined;
    }
  }
}

/** The lookup page with the dossier code filled in: the code is no secret, the lookup secret never goes in a link. */
export const lookupPageUrl = (baseUrl: string, dossierCode: string) =>
  `${baseUrl}lookup?code=${encodeURIComponent(dossierCode)}`;
