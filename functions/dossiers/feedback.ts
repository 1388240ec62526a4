import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { feedbackEnv, loadEnv } from '../../shared/config/env.ts';
import { FeedbackRequestSchema } from '../../shared/contracts/feedback.ts';
import { lookupNotFound } from '../../shared/domain/errors.ts';
import { newFeedback } from '../../shared/domain/feedback.ts';
import { secretOpens } from '../../shared/domain/lookup-secret.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(feedbackEnv);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);

/** The citizen rates a settled dossier once, proving it with the lookup secret. */
export const handler = httpEndpoint(async (event) => {
  // The secret is checked before the body, so a stranger learns nothing from validation errors.
  const dossier = await dossiers.get(pathParameter(event, 'code'));
  if (!dossier || !secretOpens(event.headers['x-lookup-secret'], dossier.lookupSecretHash))
    throw lookupNotFound();
  const request = parseJsonBody(event, FeedbackRequestSchema, { maxBytes: 8 * 1024 });
  const feedback = newFeedback(dossier, request, new Date());
  await dossiers.recordFeedback(dossier.dossierCode, feedback);
  return json(201, feedback);
});
