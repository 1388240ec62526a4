import * as z from 'zod';
import { maskPersonalDataIn } from '../common/text.ts';
import { AUDIT_KINDS, type AuditEntry, verifyAuditChain } from './audit.ts';

/**
 * Values that are digests, signatures or provider ids: long digit runs in them are not phone or ID
 * numbers, and masking them would make them useless for checking.
 */
const OPAQUE_KEYS = new Set(['sha256', 'hash', 'signature', 'receiptSignature', 'messageId']);

/** Masks e-mail addresses and phone or ID numbers anywhere in an entry's details. */
/** A record's fields masked one by one (the details of an audit entry). */
export function maskedRecord(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, maskedDetails(value, key)]));
}

export function maskedDetails(value: unknown, key = ''): unknown {
  if (OPAQUE_KEYS.has(key)) return value;
  if (typeof value === 'string') return maskPersonalDataIn(value);
  if (Array.isArray(value)) return value.map((item) => maskedDetails(item, key));
  if (value !== null && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, maskedDetails(item, name)]));
  return value;
}

export const AuditTrailEntrySchema = z.object({
  seq: z.number().int(),
  kind: z.enum(AUDIT_KINDS),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  details: z.record(z.string(), z.unknown()),
});

export const MailDeliveryEventSchema = z.object({ type: z.string(), at: z.string() });

export const AuditTrailMailSchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  state: z.enum(['sent', 'suppressed']),
  template: z.string(),
  to: z.string(),
  messageId: z.string().optional(),
  /** The provider's events for this message (send, delivery, bounce, complaint, reject), oldest first. */
  events: z.array(MailDeliveryEventSchema).optional(),
});

export const AuditTrailSchema = z
  .object({
    dossierCode: z.string(),
    /** Whether every entry links to the one before it and matches its hash. */
    verified: z.boolean(),
    problem: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
    /** Newest first, personal data masked. */
    entries: z.array(AuditTrailEntrySchema),
    /** The mails sent (or held back) about the dossier, newest first. */
    mails: z.array(AuditTrailMailSchema),
  })
  .meta({ id: 'AuditTrail' });
export type AuditTrail = z.infer<typeof AuditTrailSchema>;
export type MailDeliveryEvent = z.infer<typeof MailDeliveryEventSchema>;

/** The mail entries whose delivery events are looked up, newest first: one read each, so a bounded few. */
export const MAX_MAIL_EVENT_LOOKUPS = 20;

/** The mails of a chain, newest first, that have a provider message id to look events up by. */
export function mailMessageIds(entries: readonly AuditEntry[]): string[] {
  return newestFirst(entries)
    .filter((entry) => entry.kind === 'mail' && typeof entry.details.messageId === 'string')
    .map((entry) => String(entry.details.messageId))
    .slice(0, MAX_MAIL_EVENT_LOOKUPS);
}

const newestFirst = (entries: readonly AuditEntry[]) =>
  [...entries].sort((a, b) => b.at.localeCompare(a.at) || b.seq - a.seq);

/**
 * The chain where the mails about a dossier are recorded: a chain of their own, so that the mail
 * sender never races the lifecycle, whose changes and entries are written in one transaction.
 */
export const mailChainOf = (dossierCode: string) => `mail#${dossierCode}`;

/**
 * A dossier's audit chain as its unit reads it: verified on the stored entries, answered masked.
 * `events` holds the delivery events found per message id.
 */
export function auditTrailView(
  dossierCode: string,
  entries: readonly AuditEntry[],
  events: ReadonlyMap<string, readonly MailDeliveryEvent[]>,
  mailEntries: readonly AuditEntry[] = [],
): AuditTrail {
  const verdict = [
    verifyAuditChain(dossierCode, entries),
    verifyAuditChain(mailChainOf(dossierCode), mailEntries),
  ].find((candidate) => !candidate.intact) ?? { intact: true as const };
  const ordered = newestFirst([...entries, ...mailEntries]);
  const mails = ordered.flatMap((entry) => {
    const { template, to, messageId } = entry.details;
    if (entry.kind !== 'mail' || typeof template !== 'string' || typeof to !== 'string') return [];
    const id = typeof messageId === 'string' ? messageId : undefined;
    const found = id === undefined ? undefined : events.get(id);
    return [
      {
        seq: entry.seq,
        at: entry.at,
        state: entry.action === 'mail.suppressed' ? ('suppressed' as const) : ('sent' as const),
        template,
        to: maskPersonalDataIn(to),
        ...(id ? { messageId: id } : {}),
        ...(found ? { events: found.map(({ type, at }) => ({ type, at })) } : {}),
      },
    ];
  });
  return {
    dossierCode,
    verified: verdict.intact,
    ...(verdict.intact ? {} : { problem: { seq: verdict.brokenAt, reason: verdict.reason } }),
    entries: ordered.map(({ seq, kind, action, actor, at, details }) => ({
      seq,
      kind,
      action,
      actor: maskPersonalDataIn(actor),
      at,
      details: maskedRecord(details),
    })),
    mails,
  };
}
