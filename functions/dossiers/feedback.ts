import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { giveFeedback } from '../../shared/app/lookup/give-feedback.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { FeedbackRequestSchema } from '../../shared/contracts/feedback.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { dossierFeedbackSpec } from './feedback.spec.ts';

const env = loadEnv(dossierFeedbackSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const gate = lookupGateFromEnv(env);

/** The citizen rates a settled dossier once; the body is read only after the secret opened it. */
export const handler = httpEndpoint(async (event) => {
  const ports = { gate: gate.for(event), dossiers, now: () => new Date() };
  const readRequest = () => parseJsonBody(event, FeedbackRequestSchema, { maxBytes: 8 * 1024 });
  return json(201, await giveFeedback(ports, pathParameter(event, 'code'), readRequest));
});
