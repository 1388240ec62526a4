import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { documentExchangePorts } from '../../shared/adapters/document-exchange-ports.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { sendDocument } from '../../shared/app/documents/send-document.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SendDocumentRequestSchema } from '../../shared/contracts/documents.ts';
import { refuseClassified } from '../../shared/domain/documents/documents.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { sendDocumentSpec } from './send.spec.ts';

const env = loadEnv(sendDocumentSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  ...documentExchangePorts(env),
  files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  agencies: () => reference.listAgencies(),
  policy: { tiers: env.TIERS, agencyMailDomains: env.AGENCY_MAIL_DOMAINS },
};
const REQUEST_LIMIT_BYTES = 4 * 1024 * 1024;

/** Sends an official document; a classified one is refused before anything else is read of it. */
export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const request = parseJsonBody(event, SendDocumentRequestSchema, {
    maxBytes: REQUEST_LIMIT_BYTES,
    inspect: refuseClassified,
  });
  const unit = await officerUnit(reference, officer);
  return json(201, await sendDocument(ports, request, { unit, username: officer.username }));
}, officerAuthFromEnv(env));
