import * as z from 'zod';
import { TierSchema } from '../intake/catalog.ts';
import {
  type CounterDeltas,
  changeDeltas,
  contributions,
  documentSentContribution,
  emptyDeltas,
  factsOfDossier,
  mergeDeltas,
} from './kpi.ts';

export interface StreamChange {
  table: 'dossiers' | 'documents';
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
}

/** What `sentDocument` reads of a stream image of a Documents table item. */
const HeaderImageSchema = z.looseObject({
  pk: z.unknown().optional(),
  sk: z.literal('header'),
  senderOrganId: z.unknown().optional(),
  senderTier: TierSchema,
  sentAt: z.unknown().optional(),
  signature: z.looseObject({ value: z.unknown().optional() }).nullish(),
});

/**
 * A document header as the Documents table stores it (its uniqueness marker items are not documents,
 * and an image that is not a header of a sender of a known tier counts nothing).
 */
function sentDocument(image: Record<string, unknown> | undefined) {
  const parsed = HeaderImageSchema.safeParse(image);
  if (!parsed.success) return undefined;
  const item = parsed.data;
  if (String(item.pk).startsWith('number#')) return undefined;
  return documentSentContribution({
    senderOrganId: String(item.senderOrganId),
    senderTier: item.senderTier,
    sentAt: String(item.sentAt),
    signed: Boolean(item.signature?.value),
  });
}

/** The counter deltas of a batch of stream changes. */
export function streamDeltas(changes: readonly StreamChange[]): CounterDeltas {
  const total = emptyDeltas();
  for (const change of changes) {
    if (change.table === 'dossiers') {
      const before = factsOfDossier(change.before);
      const after = factsOfDossier(change.after);
      mergeDeltas(
        total,
        changeDeltas(before ? contributions(before) : [], after ? contributions(after) : []),
      );
    } else {
      const before = sentDocument(change.before);
      const after = sentDocument(change.after);
      mergeDeltas(total, changeDeltas(before ? [before] : [], after ? [after] : []));
    }
  }
  return total;
}
