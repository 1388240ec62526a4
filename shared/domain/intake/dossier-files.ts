import { toVietnamIso } from '../calendar/time.ts';
import { DomainError } from '../common/errors.ts';
import type { DossierRecord } from '../lifecycle/dossier.ts';
import type { DossierStatus } from '../lifecycle/dossier-status.ts';
import {
  ATTACHMENT_CONTENT_TYPES,
  ATTACHMENT_TYPES,
  type AttachmentContentType,
  type DossierFileRole,
  dossierFileKey,
  isSafeFileName,
  typeOfFileName,
} from './attachment.ts';
import type { FileLink } from './file-link-schema.ts';

/**
 * How long a download link to a dossier's file works: long enough to start the download, short
 * enough that a link copied from a browser's history or a proxy log is soon worth nothing.
 */
export const FILE_LINK_SECONDS = 300;

/**
 * The citizen may download the electronic result once the dossier is settled: from "Đã giải quyết
 * xong" (`done`, the result signed where the procedure signs it and the result-ready mail sent) and
 * after the desk records its return (`result_returned`). Sources: docs/domain-rules.md, "The result
 * and how it reaches the citizen".
 */
const RESULT_RELEASED: ReadonlySet<DossierStatus> = new Set(['done', 'result_returned']);

export const resultReleased = (status: DossierStatus) => RESULT_RELEASED.has(status);

/** 409: the dossier is not settled, so it has no result to give yet. */
export function resultNotReady(): DomainError {
  return new DomainError('RESULT_NOT_READY', {
    vi: 'Hồ sơ chưa có kết quả giải quyết: kết quả tải được khi hồ sơ đã giải quyết xong.',
    en: 'The dossier has no result yet: it can be downloaded once the dossier is settled.',
  });
}

/** 404: settled, but the unit issued the result on paper only (no file was stored with it). */
export function noElectronicResult(): DomainError {
  return new DomainError('NO_ELECTRONIC_RESULT', {
    vi: 'Hồ sơ này không có kết quả điện tử: kết quả được trả bằng bản giấy, mời Ông/Bà nhận theo hình thức đã đăng ký.',
    en: 'This dossier has no electronic result: the result is issued on paper; collect it as you chose when applying.',
  });
}

/** 404: no attachment at that position, or a file the dossier does not hold as its own copy. */
export function fileNotFound(): DomainError {
  return new DomainError('NOT_FOUND', {
    vi: 'Hồ sơ không có tệp này.',
    en: 'The dossier has no such file.',
  });
}

export type Disposition = 'inline' | 'attachment';

/** What a download link serves: the stored key, the name the browser saves it under, its type. */
export interface DossierFile {
  key: string;
  fileName: string;
  contentType: AttachmentContentType | 'application/octet-stream';
  sha256?: string | undefined;
  sizeBytes?: number | undefined;
}

const knownType = (type: string): AttachmentContentType | undefined =>
  ATTACHMENT_CONTENT_TYPES.find((known) => known === type);

/**
 * A file the dossier holds as its own copy (under `dossiers/<code>/<role>/`): a key anywhere else
 * (an upload of a dossier received before files were bound, a forged record) is not served.
 */
function ownKey(dossier: Pick<DossierRecord, 'dossierCode'>, role: DossierFileRole, key: string) {
  return key.startsWith(dossierFileKey(dossier.dossierCode, role, ''));
}

/** The attachment at `index` (from 0, in the dossier's order), or undefined when there is none. */
export function attachmentFile(
  dossier: Pick<DossierRecord, 'dossierCode' | 'attachments'>,
  index: number,
): DossierFile | undefined {
  const attachment = Number.isSafeInteger(index) && index >= 0 ? dossier.attachments[index] : undefined;
  if (!attachment || !ownKey(dossier, 'attachments', attachment.key)) return undefined;
  return {
    key: attachment.key,
    fileName: attachment.fileName,
    contentType: knownType(attachment.contentType) ?? 'application/octet-stream',
    sha256: attachment.sha256,
    sizeBytes: attachment.sizeBytes,
  };
}

/** The result file, named after the dossier (`<code>-ket-qua.<ext>`); undefined on a paper result. */
export function resultFile(dossier: Pick<DossierRecord, 'dossierCode' | 'result'>): DossierFile | undefined {
  const key = dossier.result?.documentKey;
  if (!key || !ownKey(dossier, 'result', key)) return undefined;
  const type = typeOfFileName(key);
  const extension = type ? ATTACHMENT_TYPES[type].extensions[0] : 'bin';
  return {
    key,
    fileName: `${dossier.dossierCode}-ket-qua.${extension}`,
    contentType: type ?? 'application/octet-stream',
    sha256: dossier.result?.documentSha256,
    sizeBytes: dossier.result?.documentSizeBytes,
  };
}

/**
 * Officers preview PDFs and images in the browser; whatever else is saved, never rendered, so a
 * stored file can never run as a page of the bucket's origin.
 */
export const previewDisposition = (file: Pick<DossierFile, 'contentType'>): Disposition =>
  file.contentType === 'application/octet-stream' ? 'attachment' : 'inline';

/**
 * The name in ASCII for the `filename` parameter: Vietnamese letters without their marks (đ → d),
 * anything but letters, digits, dot, dash and underscore as `_`, no leading dot, at most 120
 * characters keeping the extension; `fallback` when nothing is left.
 */
export function asciiFileName(name: string, fallback: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9._-]+/g, '_');
  const dot = plain.lastIndexOf('.');
  const extension = dot >= 0 && /^\.[A-Za-z0-9]{1,10}$/.test(plain.slice(dot)) ? plain.slice(dot) : '';
  const stem = plain
    .slice(0, plain.length - extension.length)
    .replace(/^[._-]+/, '')
    .slice(0, 120 - extension.length);
  return /[A-Za-z0-9]/.test(stem) ? stem + extension : fallback;
}

/** Half of a UTF-16 pair alone: no UTF-8 encoding exists for it. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;

/** RFC 5987 `ext-value` characters: what encodeURIComponent leaves, less `'()*`. */
const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * The Content-Disposition a download link asks S3 to answer with (RFC 6266): the ASCII name for old
 * browsers and the exact UTF-8 name in `filename*`. A name that is not safe (path separators,
 * quotes, control characters) is replaced by `fallback` in both.
 */
export function contentDisposition(disposition: Disposition, fileName: string, fallback: string): string {
  const name = isSafeFileName(fileName) && !LONE_SURROGATE.test(fileName) && fileName ? fileName : fallback;
  return `${disposition}; filename="${asciiFileName(name, fallback)}"; filename*=UTF-8''${rfc5987(name)}`;
}

/** The Content-Disposition of a dossier's file; `fallbackBase` plus the type's extension names an unsafe one. */
export function fileDisposition(file: DossierFile, disposition: Disposition, fallbackBase: string): string {
  const extension =
    file.contentType === 'application/octet-stream'
      ? 'bin'
      : ATTACHMENT_TYPES[file.contentType].extensions[0];
  return contentDisposition(disposition, file.fileName, `${fallbackBase}.${extension}`);
}

/** What a download answers: the link, until when it works, and what the file is. */
export function fileLink(file: DossierFile, url: string, now: Date): FileLink {
  return {
    url,
    expiresAt: toVietnamIso(new Date(now.getTime() + FILE_LINK_SECONDS * 1000)),
    fileName: file.fileName,
    contentType: file.contentType,
    ...(file.sha256 ? { sha256: file.sha256 } : {}),
    ...(file.sizeBytes !== undefined ? { sizeBytes: file.sizeBytes } : {}),
  };
}
