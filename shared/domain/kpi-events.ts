import type { DossierRecord } from './dossier.ts';
import {
  type CounterDeltas,
  changeDeltas,
  contributions,
  documentSentContribution,
  emptyDeltas,
  factsOfDossier,
  mergeDeltas,
} from './kpi.ts';
import type { Tier } from './tiers.ts';

export interface StreamChange {
  table: 'dossiers' | 'documents';
  before: Record<string, unknown> | undefined;
  after: Record<string, unknown> | undefined;
}

/** A document header as the Documents table stores it (its uniqueness marker items are not documents). */
function sentDocument(item: Record<string, unknown> | undefined) {
  if (item?.sk !== 'header' || String(item.pk).startsWith('number#')) return undefined;
  return documentSentContribution({
    senderOrganId: String(item.senderOrganId),
    // why: a stream image of a header item, which DocumentStore.createHeader writes with a Tier.
    senderTier: item.senderTier as Tier,
    sentAt: String(item.sentAt),
    // why: a stream image of a header item, whose signature is a Signature when present.
    signed: Boolean((item.signature as { value?: string } | undefined)?.value),
  });
}

/** The counter deltas of a batch of stream changes. */
export function streamDeltas(changes: readonly StreamChange[]): CounterDeltas {
  const total = emptyDeltas();
  for (const change of changes) {
    if (change.table === 'dossiers') {
      // why: stream images are untyped; factsOfDossier checks each attribute it reads and drops incomplete items.
      const before = factsOfDossier(change.before as Partial<DossierRecord> | undefined);
      // why: stream images are untyped; factsOfDossier checks each attribute it reads and drops incomplete items.
      const after = factsOfDossier(change.after as Partial<DossierRecord> | undefined);
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
