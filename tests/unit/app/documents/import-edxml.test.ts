import { describe, expect, it } from 'vitest';
import { importEdxml } from '../../../../shared/app/documents/import-edxml.ts';
import { envelopeOf, organOf } from '../../../../shared/domain/documents/documents.ts';
import { toEdxml } from '../../../../shared/domain/documents/edxml.ts';
import { canonicalJson } from '../../../../shared/domain/intake/receipt.ts';
import { dispatchRequest } from '../fixtures.ts';
import { commune, memoryDocumentSigner, memoryLog, province } from '../memory.ts';

const request = dispatchRequest({
  to: [commune.code],
  code: { codeNumber: '7', codeNotation: 'UBND-VP' },
  subject: 'Về việc tổng hợp số liệu',
});
const envelope = envelopeOf(
  request,
  '000.00.00.H56,2026/11/24,7/UBND-VP',
  organOf(province),
  [organOf(commune)],
  [],
  '2026-11-24T09:00:00.000+07:00',
);

async function setup() {
  const signer = memoryDocumentSigner();
  const { log, lines } = memoryLog();
  const ports = {
    publishedKeys: [{ keyId: 'document-key', algorithm: 'ECDSA_SHA_256' }],
    publicKeyPem: async (keyId: string) => {
      if (keyId !== 'document-key') throw new Error(`no key ${keyId}`);
      return signer.publicKeyPem;
    },
    log,
  };
  const signature = await signer.sign(canonicalJson(envelope));
  return { ports, lines, signature };
}

describe('importing an edXML message', () => {
  it('reads the envelope and verifies its signature with a published key', async () => {
    const { ports, lines, signature } = await setup();
    const read = await importEdxml(ports, toEdxml({ envelope, signature, attachments: [] }));
    expect(read).toMatchObject({ envelope, signatureValid: true, attachments: [] });
    expect(lines).toEqual([
      expect.objectContaining({
        message: 'edxml read',
        fields: { documentId: envelope.documentId, signatureValid: true },
      }),
    ]);
  });

  it('reports a tampered message, or one signed by an unpublished key, as not verified', async () => {
    const { ports, signature } = await setup();
    const tampered = { ...envelope, subject: 'Về việc khác' };
    expect(
      (await importEdxml(ports, toEdxml({ envelope: tampered, signature, attachments: [] }))).signatureValid,
    ).toBe(false);
    const unpublished = { ...signature, keyId: 'another-key' };
    expect(
      (await importEdxml(ports, toEdxml({ envelope, signature: unpublished, attachments: [] })))
        .signatureValid,
    ).toBe(false);
  });

  it('refuses a malformed message, naming what is wrong', async () => {
    const { ports } = await setup();
    await expect(importEdxml(ports, '<edXMLEnvelope><edXMLHeader>')).rejects.toMatchObject({
      code: 'MALFORMED_XML',
    });
  });
});
