import type { SupplementRequest, SupplementResponse } from '../../contracts/dossiers.ts';
import type { AuditEntry, AuditFields } from '../../domain/audit/audit.ts';
import { lookupNotFound } from '../../domain/common/errors.ts';
import { newUploadClaim, type UploadClaim } from '../../domain/intake/attachment.ts';
import { boundAttachments } from '../../domain/intake/intake.ts';
import type { DossierAttachment, DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { DOSSIER_STATUSES } from '../../domain/lifecycle/dossier-status.ts';
import { auditFieldsOf, type LifecycleOutcome } from '../../domain/lifecycle/lifecycle.ts';
import { applySupplement, supplementNotRequested } from '../../domain/lifecycle/supplement.ts';
import type { CitizenMailMessage } from '../../domain/mail/citizen-mail.ts';
import type { UploadFiles } from '../file-ports.ts';
import {
  bindFiles,
  receiveFiles,
  refuseClaimedUploads,
  refuseRepeatedUploads,
} from '../intake/receive-uploads.ts';
import type { Log } from '../log.ts';
import type { DossierGate } from './dossier-gate.ts';

/** `Item` is the write, joined to the dossier's, that claims one upload unless it is claimed already. */
export interface SupplyPorts<Item> {
  gate: DossierGate;
  dossiers: {
    get(dossierCode: string): Promise<DossierRecord | undefined>;
    /**
     * Writes the outcome, appends the files and claims their uploads, with the audit entry: all or
     * none, and only if nobody changed the dossier since it was read (409 otherwise).
     */
    recordSupplement(
      dossier: DossierRecord,
      outcome: LifecycleOutcome,
      files: readonly DossierAttachment[],
      entry: AuditEntry,
      uploadClaims: readonly Item[],
    ): Promise<DossierRecord>;
  };
  uploads: UploadFiles;
  claims: {
    existing(uploadKeys: readonly string[]): Promise<UploadClaim[]>;
    putItem(claim: UploadClaim): Item;
  };
  /** True for the error of a `recordSupplement` refused by one of its conditions (an upload claimed meanwhile). */
  refusedWrite(error: unknown): boolean;
  audit: { next(chain: string, fields: AuditFields): Promise<AuditEntry> };
  mail: { enqueue(message: Omit<CitizenMailMessage, 'type'>): Promise<void> };
  log: Pick<Log, 'info' | 'error'>;
  now(): Date;
}

/**
 * The citizen supplies the documents an officer asked for (form 02), proving it with the lookup
 * secret. The files go through the checks of intake (read once, structure, hash, bound to the
 * dossier's own key as read, each upload claimed once); the dossier then goes where
 * `applySupplement` says. The request is read only once the secret opened the dossier.
 */
export async function supplyDocuments<Item>(
  ports: SupplyPorts<Item>,
  code: string,
  readRequest: () => SupplementRequest,
): Promise<SupplementResponse> {
  const dossier = await ports.gate.open(code, () => ports.dossiers.get(code), lookupNotFound);
  const request = readRequest();
  // Refused before any file is read or copied.
  if (dossier.status !== 'supplement_requested') throw supplementNotRequested(dossier.status);
  const { attachments } = request;
  refuseRepeatedUploads(attachments);
  await refuseClaimedUploads(ports.claims, attachments);
  const received = await receiveFiles(ports.uploads, attachments);
  await bindFiles(ports.uploads, attachments, received, dossier.dossierCode);

  const outcome = applySupplement(dossier, { files: attachments, note: request.note }, ports.now());
  const suppliedAt = outcome.history.at;
  const files = boundAttachments(
    dossier.dossierCode,
    attachments,
    received.map(({ file }) => file),
  ).map((file) => ({ ...file, suppliedAt }));
  const lifecycle = auditFieldsOf(outcome, 'receive_supplement', 'citizen');
  const entry = await ports.audit.next(dossier.dossierCode, {
    ...lifecycle,
    action: 'supply_documents',
    details: {
      ...lifecycle.details,
      files: files.map(({ fileName, sha256, sizeBytes }) => ({ fileName, sha256, sizeBytes })),
    },
  });
  const claims = attachments.map((attachment) =>
    ports.claims.putItem(newUploadClaim(attachment.key, dossier.dossierCode, suppliedAt)),
  );
  let updated: DossierRecord;
  try {
    updated = await ports.dossiers.recordSupplement(dossier, outcome, files, entry, claims);
  } catch (error) {
    // Another dossier (or a retry of this request) claimed one of the uploads since they were checked.
    if (ports.refusedWrite(error)) await refuseClaimedUploads(ports.claims, attachments);
    throw error;
  }
  ports.log.info('supplement received', {
    dossierCode: dossier.dossierCode,
    files: files.length,
    status: updated.status,
  });
  await acknowledge(ports, dossier.dossierCode);
  return {
    dossierCode: updated.dossierCode,
    status: updated.status,
    syncCode: DOSSIER_STATUSES[updated.status].syncCode,
    suppliedAt,
    attachments: files.map(({ fileName, documentCode }) => ({
      fileName,
      ...(documentCode ? { documentCode } : {}),
    })),
  };
}

/**
 * The supplement is stored: a mail queue failure must not turn into an error that invites the
 * citizen to send the same files again (their uploads are claimed now, and a resend would be refused).
 */
async function acknowledge<Item>(ports: SupplyPorts<Item>, dossierCode: string): Promise<void> {
  try {
    await ports.mail.enqueue({ template: 'supplement_received', dossierCode });
  } catch (error) {
    ports.log.error('supplement stored but its acknowledgement not queued', { dossierCode, error });
  }
}
