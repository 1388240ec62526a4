import type { FeedbackRequest } from '../../contracts/feedback.ts';
import { lookupNotFound } from '../../domain/common/errors.ts';
import { newFeedback } from '../../domain/intake/feedback.ts';
import type { CitizenFeedback, DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { DossierGate } from './dossier-gate.ts';

export interface FeedbackPorts {
  gate: DossierGate;
  dossiers: {
    get(dossierCode: string): Promise<DossierRecord | undefined>;
    /** Stores it only on a settled dossier without feedback; otherwise throws the 409 that says so. */
    recordFeedback(dossierCode: string, feedback: CitizenFeedback): Promise<void>;
  };
  now(): Date;
}

/**
 * The citizen rates a settled dossier once, proving it with the lookup secret. The request is read
 * only once the secret opened the dossier, so a stranger learns nothing from validation errors.
 */
export async function giveFeedback(
  ports: FeedbackPorts,
  code: string,
  readRequest: () => FeedbackRequest,
): Promise<CitizenFeedback> {
  const dossier = await ports.gate.open(code, () => ports.dossiers.get(code), lookupNotFound);
  const feedback = newFeedback(dossier, readRequest(), ports.now());
  await ports.dossiers.recordFeedback(dossier.dossierCode, feedback);
  return feedback;
}
