import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { fromEdxml, MAX_EDXML_BYTES } from '../../shared/domain/edxml.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { verifySignature } from '../../shared/domain/signature.ts';
import { httpEndpoint, logger, readTextBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { importEdxmlSpec } from './import.spec.ts';

const env = loadEnv(importEdxmlSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const kms = new KmsSigner();

/**
 * Reads an edXML message (e.g. from the national document exchange): refuses a malformed one with
 * the element and line at fault, and reports whether its signature verifies with a published key.
 */
export const handler = httpEndpoint(async (event) => {
  await officerUnit(reference, officerOf(event));
  const xml = readTextBody(event, {
    mediaTypes: ['application/xml', 'text/xml'],
    maxBytes: MAX_EDXML_BYTES,
    expected: { vi: 'XML (Content-Type: application/xml)', en: 'XML (Content-Type: application/xml)' },
  });
  const message = fromEdxml(xml);
  const published = env.SIGNING_KEYS.find(
    (key) => key.keyId === message.signature.keyId && key.algorithm === message.signature.algorithm,
  );
  const signatureValid = published
    ? verifySignature(
        (await kms.publicKey(published.keyId)).publicKeyPem,
        canonicalJson(message.envelope),
        message.signature,
        new Date(message.envelope.sentAt),
      )
    : false;
  logger.info('edxml read', { documentId: message.envelope.documentId, signatureValid });
  return json(200, {
    envelope: message.envelope,
    signatureValid,
    attachments: message.envelope.attachments.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
  });
}, officerAuthFromEnv(env));
