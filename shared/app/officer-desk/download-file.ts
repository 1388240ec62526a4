import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { dossierNotFound } from '../../domain/common/errors.ts';
import {
  attachmentFile,
  type DossierFile,
  FILE_LINK_SECONDS,
  fileDisposition,
  fileLink,
  fileNotFound,
  noElectronicResult,
  previewDisposition,
  resultFile,
  resultNotReady,
} from '../../domain/intake/dossier-files.ts';
import type { FileLink } from '../../domain/intake/file-link-schema.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { officerMayHandle } from '../../domain/officers/officer-view.ts';
import type { DossierFileLinks } from '../file-ports.ts';
import type { Log } from './act-on-dossier.ts';

export interface OfficerFilePorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  files: DossierFileLinks;
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  log: Pick<Log, 'info'>;
  now(): Date;
}

/** An attachment by its position in the dossier (from 0), or the result file. */
export type RequestedFile = { kind: 'attachment'; index: number } | { kind: 'result' };

/**
 * A short-lived link to one of the files of a dossier the officer's unit holds, PDFs and images
 * shown in the browser; each link handed out is an entry of the dossier's audit trail.
 */
export async function officerFileLink(
  ports: OfficerFilePorts,
  request: {
    dossierCode: string;
    officer: { id: string; username: string; agencyCode: string };
    unit: { code: string; aliases?: string[] | undefined };
    file: RequestedFile;
  },
): Promise<FileLink> {
  const { officer } = request;
  const dossier = await ports.dossiers.get(request.dossierCode);
  if (!dossier || !officerMayHandle(request.unit, dossier)) throw dossierNotFound();
  const file = requestedFile(dossier, request.file);
  const now = ports.now();
  const index = request.file.kind === 'attachment' ? { index: request.file.index } : {};
  await ports.audit.append(dossier.dossierCode, {
    kind: 'download',
    action: request.file.kind === 'attachment' ? 'officer_attachment' : 'officer_result',
    actor: officer.username,
    at: toVietnamIso(now),
    details: { key: file.key, agency: officer.agencyCode, ...index },
  });
  ports.log.info('dossier file opened', {
    dossierCode: dossier.dossierCode,
    officer: officer.id,
    agency: officer.agencyCode,
    file: request.file.kind,
    ...index,
  });
  const fallback = request.file.kind === 'attachment' ? `tep-${request.file.index + 1}` : 'ket-qua';
  const url = await ports.files.presignFile(file.key, FILE_LINK_SECONDS, {
    contentType: file.contentType,
    contentDisposition: fileDisposition(file, previewDisposition(file), fallback),
  });
  return fileLink(file, url, now);
}

function requestedFile(dossier: DossierRecord, requested: RequestedFile): DossierFile {
  if (requested.kind === 'attachment') {
    const file = attachmentFile(dossier, requested.index);
    if (!file) throw fileNotFound();
    return file;
  }
  const file = resultFile(dossier);
  if (file) return file;
  throw dossier.result ? noElectronicResult() : resultNotReady();
}
