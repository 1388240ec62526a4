import * as z from 'zod';
import { TierSchema } from './catalog.ts';
import { StatusMessageSchema } from './documents.ts';
import { SignatureSchema } from './signing.ts';

/**
 * Everything that travels through a tier queue. The FIFO message group is the agency that must see
 * the messages in order: the receiving agency for dossiers, documents and recalls, and the sending
 * agency for the status messages that come back to it.
 */
export const DossierArrivalSchema = z.object({
  type: z.literal('dossier.received'),
  dossierCode: z.string().min(1),
  agencyCode: z.string().min(1),
  tier: TierSchema,
  sentAt: z.string(),
});

export const DocumentDeliverySchema = z.object({
  type: z.literal('document.sent'),
  id: z.string().min(1),
  organId: z.string().min(1),
  tier: TierSchema,
  sentAt: z.string(),
});

export const DocumentRecallSchema = z.object({
  type: z.literal('document.recall'),
  id: z.string().min(1),
  organId: z.string().min(1),
  tier: TierSchema,
  reason: z.string().min(1),
  by: z.string().min(1),
  at: z.string(),
});

export const DocumentStatusDeliverySchema = z.object({
  type: z.literal('document.status'),
  id: z.string().min(1),
  /** The agency the status comes from (whose copy it describes). */
  organId: z.string().min(1),
  /** The sender of the document, which receives the status. */
  senderOrganId: z.string().min(1),
  tier: TierSchema,
  status: StatusMessageSchema,
  signature: SignatureSchema,
});

export const RoutingMessageSchema = z.discriminatedUnion('type', [
  DossierArrivalSchema,
  DocumentDeliverySchema,
  DocumentRecallSchema,
  DocumentStatusDeliverySchema,
]);

export type RoutingMessage = z.infer<typeof RoutingMessageSchema>;
export type DocumentDelivery = z.infer<typeof DocumentDeliverySchema>;
export type DocumentStatusDelivery = z.infer<typeof DocumentStatusDeliverySchema>;
export type DocumentRecallDelivery = z.infer<typeof DocumentRecallSchema>;

/** The agency whose FIFO group a message joins. */
export function messageGroupOf(message: RoutingMessage): string {
  switch (message.type) {
    case 'dossier.received':
      return message.agencyCode;
    case 'document.status':
      return message.senderOrganId;
    default:
      return message.organId;
  }
}

/** What makes two sends of a message the same message (FIFO deduplication within five minutes). */
export function messageIdentityOf(message: RoutingMessage): string {
  switch (message.type) {
    case 'dossier.received':
      return `${message.type}:${message.dossierCode}`;
    case 'document.status':
      return `${message.type}:${message.status.statusId}`;
    default:
      return `${message.type}:${message.id}:${message.organId}`;
  }
}
