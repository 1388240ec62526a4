import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { runtime } from '../../shared/adapters/runtime.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { importEdxml } from '../../shared/app/documents/import-edxml.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { MAX_EDXML_BYTES } from '../../shared/domain/documents/edxml.ts';
import { httpEndpoint, readTextBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { importEdxmlSpec } from './import.spec.ts';

const env = loadEnv(importEdxmlSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const kms = new KmsSigner();
const ports = {
  ...runtime,
  publishedKeys: env.SIGNING_KEYS,
  publicKeyPem: async (keyId: string) => (await kms.publicKey(keyId)).publicKeyPem,
};
const XML = { vi: 'XML (Content-Type: application/xml)', en: 'XML (Content-Type: application/xml)' };

/** Reads an edXML message and reports whether its signature verifies with a published key. */
export const handler = httpEndpoint(async (event) => {
  await officerUnit(reference, officerOf(event));
  const xml = readTextBody(event, {
    mediaTypes: ['application/xml', 'text/xml'],
    maxBytes: MAX_EDXML_BYTES,
    expected: XML,
  });
  return json(200, await importEdxml(ports, xml));
}, officerAuthFromEnv(env));
