import type { AuditFields } from '../audit/audit.ts';
import { maskEmail } from '../common/text.ts';

/** A mail that went out (or was held back for a bounced or complaining address), as the dossier's record keeps it. */
export interface MailOutcome {
  template: string;
  to: string;
  state: 'sent' | 'suppressed';
  messageId?: string | undefined;
  at: string;
}

/** The audit entry of a mail: the recipient masked, since officers read it without a view of personal data. */
export function mailAuditFields(mail: MailOutcome): AuditFields {
  return {
    kind: 'mail',
    action: `mail.${mail.state}`,
    actor: 'system',
    at: mail.at,
    details: {
      template: mail.template,
      to: maskEmail(mail.to),
      ...(mail.messageId ? { messageId: mail.messageId } : {}),
    },
  };
}

/** Whether `entry` already records this mail (a redelivered message must not record it twice). */
export function recordsMail(entry: AuditFields, fields: AuditFields): boolean {
  const same = (name: string) => entry.details[name] === fields.details[name];
  return (
    entry.kind === 'mail' &&
    entry.action === fields.action &&
    same('template') &&
    same('to') &&
    same('messageId')
  );
}
