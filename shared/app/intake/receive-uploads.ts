import type { FieldIssue } from '../../domain/common/errors.ts';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentAlreadyUsed,
  attachmentsRejected,
  dossierFileKey,
  fileChangedMessage,
  repeatedUploads,
  type UploadClaim,
  uploadName,
} from '../../domain/intake/attachment.ts';
import { type CheckedFile, checkUploadedFile, isCheckedFile } from '../../domain/intake/intake.ts';
import type { UploadFiles } from '../file-ports.ts';

/** An upload a citizen's request names, under the file name their device gave it. */
export interface NamedAttachment {
  key: string;
  fileName: string;
}

/** A checked upload and the version (ETag) of the bytes that were checked. */
export interface ReceivedFile {
  file: CheckedFile;
  etag: string;
}

export const attachmentField = (index: number) => `attachments.${index}.key`;

/** 400 when the request names one upload twice. */
export function refuseRepeatedUploads(attachments: readonly NamedAttachment[]): void {
  repeatedUploads(
    attachments.map((attachment) => attachment.key),
    attachmentField,
  );
}

/** 409 when an upload the request names already belongs to a dossier. */
export async function refuseClaimedUploads(
  claims: { existing(uploadKeys: readonly string[]): Promise<UploadClaim[]> },
  attachments: readonly NamedAttachment[],
): Promise<void> {
  const claimed = new Set((await claims.existing(attachments.map((a) => a.key))).map((c) => c.uploadKey));
  const used = attachments.flatMap((attachment, index) =>
    claimed.has(attachment.key) ? [{ field: attachmentField(index), fileName: attachment.fileName }] : [],
  );
  if (used.length > 0) throw attachmentAlreadyUsed(used);
}

/**
 * Reads each upload once, checks and hashes exactly those bytes; one file at a time, so a dossier
 * of twenty 10 MB scans never holds more than one in memory. 422 naming every refused file.
 */
export async function receiveFiles(
  uploads: UploadFiles,
  attachments: readonly NamedAttachment[],
): Promise<ReceivedFile[]> {
  const issues: FieldIssue[] = [];
  const received: ReceivedFile[] = [];
  for (const [index, attachment] of attachments.entries()) {
    const upload = await uploads.readUpload(attachment.key, ATTACHMENT_MAX_BYTES);
    const outcome = await checkUploadedFile(attachment.fileName, upload);
    if (upload && isCheckedFile(outcome)) received.push({ file: outcome, etag: upload.etag });
    else if (!isCheckedFile(outcome)) issues.push({ field: attachmentField(index), message: outcome });
  }
  if (issues.length > 0) throw attachmentsRejected(issues);
  return received;
}

/** Copies each checked upload to the dossier's own key, refusing any replaced since it was read. */
export async function bindFiles(
  uploads: UploadFiles,
  attachments: readonly NamedAttachment[],
  received: readonly ReceivedFile[],
  dossierCode: string,
): Promise<void> {
  const outcomes = await Promise.all(
    attachments.map(async (attachment, index) => {
      const checked = received[index];
      if (!checked) throw new Error(`Attachment ${index} was not checked`);
      const target = dossierFileKey(dossierCode, 'attachments', uploadName(attachment.key));
      const bound = await uploads.bindUpload(attachment.key, checked.etag, target, checked.file);
      return bound
        ? []
        : [{ field: attachmentField(index), message: fileChangedMessage(attachment.fileName) }];
    }),
  );
  const issues = outcomes.flat();
  if (issues.length > 0) throw attachmentsRejected(issues);
}
