import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { LookupAttempts } from '../../shared/adapters/lookup-attempts.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { FeedbackRequestSchema } from '../../shared/contracts/feedback.ts';
import { lookupNotFound } from '../../shared/domain/errors.ts';
import { newFeedback } from '../../shared/domain/feedback.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { LookupGate } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { dossierFeedbackSpec } from './feedback.spec.ts';

const env = loadEnv(dossierFeedbackSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const gate = new LookupGate(new LookupAttempts(env.COUNTERS_TABLE), {
  exemptSources: env.LOOKUP_THROTTLE_EXEMPT_SOURCES,
});

/** The citizen rates a settled dossier once, proving it with the lookup secret. */
export const handler = httpEndpoint(async (event) => {
  // The secret is checked before the body, so a stranger learns nothing from validation errors.
  const code = pathParameter(event, 'code');
  const dossier = await gate.open(event, code, () => dossiers.get(code), lookupNotFound);
  const request = parseJsonBody(event, FeedbackRequestSchema, { maxBytes: 8 * 1024 });
  const feedback = newFeedback(dossier, request, new Date());
  await dossiers.recordFeedback(dossier.dossierCode, feedback);
  return json(201, feedback);
});
