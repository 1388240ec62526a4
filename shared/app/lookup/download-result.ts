import type { FileSignature } from '../../contracts/signing.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { lookupNotFound } from '../../domain/common/errors.ts';
import {
  FILE_LINK_SECONDS,
  fileDisposition,
  fileLink,
  noElectronicResult,
  resultFile,
  resultNotReady,
  resultReleased,
} from '../../domain/intake/dossier-files.ts';
import type { ResultLink } from '../../domain/intake/file-link-schema.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { DossierFileLinks } from '../file-ports.ts';
import type { DossierGate } from './dossier-gate.ts';

export interface DownloadResultPorts {
  gate: DossierGate;
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  files: DossierFileLinks;
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  /** Where citizens reach the portal, ending in `/`. */
  publicBaseUrl: string;
  now(): Date;
}

/**
 * The citizen's electronic result, opened with the lookup secret: a short-lived link to the
 * dossier's own copy, saved under the dossier's code, with the digest and signature the page shows.
 */
export async function downloadResult(ports: DownloadResultPorts, code: string): Promise<ResultLink> {
  const dossier = await ports.gate.open(code, () => ports.dossiers.get(code), lookupNotFound);
  if (!resultReleased(dossier.status)) throw resultNotReady();
  const file = resultFile(dossier);
  if (!file) throw noElectronicResult();
  const now = ports.now();
  // The result carries personal data: the link is handed out only once the download is on the trail.
  await ports.audit.append(dossier.dossierCode, {
    kind: 'download',
    action: 'result',
    actor: 'citizen',
    at: toVietnamIso(now),
    details: { key: file.key, ...(file.sha256 ? { sha256: file.sha256 } : {}) },
  });
  const url = await ports.files.presignFile(file.key, FILE_LINK_SECONDS, {
    contentType: file.contentType,
    contentDisposition: fileDisposition(file, 'attachment', 'ket-qua'),
  });
  const signature = dossier.result?.documentSignature;
  return {
    ...fileLink(file, url, now),
    signed: signature !== undefined,
    ...(signature ? { signature: fileSignatureOf(signature) } : {}),
    verifyUrl: verifyUrlOf(ports.publicBaseUrl, dossier.dossierCode, signature),
  };
}

/** The signature without the file's digest stored beside it. */
function fileSignatureOf({
  sha256: _digest,
  ...signature
}: FileSignature & { sha256: string }): FileSignature {
  return signature;
}

/**
 * The verification page, with the result's key and signature filled in (public values) when signed,
 * and the session key's statement when one made it.
 */
function verifyUrlOf(base: string, dossierCode: string, signature?: FileSignature) {
  const query = new URLSearchParams({ code: dossierCode });
  if (signature) {
    query.set('key', signature.keyId);
    query.set('signature', signature.value);
    if (signature.delegation) query.set('delegation', JSON.stringify(signature.delegation));
  }
  return `${base}verify?${query}`;
}
