import { fromEdxml } from '../../domain/documents/edxml.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import { verifySignature } from '../../domain/signing/signature.ts';
import type { Log } from '../officer-desk/act-on-dossier.ts';

export interface ImportPorts {
  /** The platform's published signing keys. */
  publishedKeys: readonly { keyId: string; algorithm: string }[];
  publicKeyPem(keyId: string): Promise<string>;
  log: Pick<Log, 'info'>;
}

/**
 * Reads an edXML message (e.g. from the national document exchange): refuses a malformed one with
 * the element and line at fault, and reports whether its signature verifies with a published key.
 */
export async function importEdxml(ports: ImportPorts, xml: string) {
  const message = fromEdxml(xml);
  const { keyId, algorithm } = message.signature;
  const published = ports.publishedKeys.find((key) => key.keyId === keyId && key.algorithm === algorithm);
  const signatureValid = published
    ? verifySignature(
        await ports.publicKeyPem(published.keyId),
        canonicalJson(message.envelope),
        message.signature,
        new Date(message.envelope.sentAt),
      )
    : false;
  ports.log.info('edxml read', { documentId: message.envelope.documentId, signatureValid });
  return {
    envelope: message.envelope,
    signatureValid,
    attachments: message.envelope.attachments.map(({ name, size, sha256 }) => ({ name, size, sha256 })),
  };
}
