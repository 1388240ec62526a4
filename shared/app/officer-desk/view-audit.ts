import type { AuditEntry } from '../../domain/audit/audit.ts';
import {
  type AuditTrail,
  auditTrailView,
  type MailDeliveryEvent,
  mailChainOf,
  mailMessageIds,
} from '../../domain/audit/audit-view.ts';
import { dossierNotFound } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { officerMayHandle } from '../../domain/officers/officer-view.ts';

export interface AuditTrailPorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  audit: { entries(chain: string): Promise<AuditEntry[]> };
  /** The provider's delivery events of one sent mail. */
  mail: { message(messageId: string): Promise<{ events: MailDeliveryEvent[] } | undefined> };
}

/**
 * A dossier's audit trail and the mails sent about it, for an officer of the unit holding it. Its
 * answer is masked, so reading it is not itself a view of personal data on the trail.
 */
export async function viewAuditTrail(
  ports: AuditTrailPorts,
  request: { dossierCode: string; unit: { code: string; aliases?: string[] | undefined } },
): Promise<AuditTrail> {
  const dossier = await ports.dossiers.get(request.dossierCode);
  if (!dossier || !officerMayHandle(request.unit, dossier)) throw dossierNotFound();
  const [entries, mailEntries] = await Promise.all([
    ports.audit.entries(dossier.dossierCode),
    ports.audit.entries(mailChainOf(dossier.dossierCode)),
  ]);
  const ids = mailMessageIds(mailEntries);
  const found = await Promise.all(ids.map(async (id) => [id, await ports.mail.message(id)] as const));
  const events = new Map(found.flatMap(([id, message]) => (message ? [[id, message.events] as const] : [])));
  return auditTrailView(dossier.dossierCode, entries, events, mailEntries);
}
