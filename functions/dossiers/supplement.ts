import { supplementPorts } from '../../shared/adapters/supplement-ports.ts';
import { supplyDocuments } from '../../shared/app/lookup/supply-documents.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SupplementRequestSchema } from '../../shared/contracts/dossiers.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { supplyDocumentsSpec } from './supplement.spec.ts';

const env = loadEnv(supplyDocumentsSpec.env);
const ports = supplementPorts(env);
const gate = lookupGateFromEnv(env);

/** The citizen supplies the documents asked for; the body is read only after the secret opened the dossier. */
export const handler = httpEndpoint(async (event) => {
  const readRequest = () => parseJsonBody(event, SupplementRequestSchema);
  const answer = await supplyDocuments(
    { ...ports, gate: gate.for(event) },
    pathParameter(event, 'code'),
    readRequest,
  );
  return json(200, answer);
});
