import { documentExchangePorts } from '../../shared/adapters/document-exchange-ports.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { actOnCopy, recallDocument } from '../../shared/app/documents/act-on-document.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { DocumentActionSchema } from '../../shared/contracts/documents.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { documentActionSpec } from './act.spec.ts';

const env = loadEnv(documentActionSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = documentExchangePorts(env);

/** A recipient moves its copy on (each step signed and sent back); the sender recalls its document. */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const action = parseJsonBody(event, DocumentActionSchema);
  const unitCode = (await officerUnit(reference, officer)).code;
  const request = { id: event.pathParameters?.id ?? '', unitCode, actor: officer.username };
  if (action.type === 'recall')
    return json(202, await recallDocument(ports, { ...request, reason: action.reason }));
  return json(200, await actOnCopy(ports, { ...request, action }));
}, officerAuthFromEnv(env));
