import { randomUUID } from 'node:crypto';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore, type TransactionItem } from '../../shared/adapters/dossier-store.ts';
import { enqueueCitizenMail } from '../../shared/adapters/mail-queue.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { UploadClaims } from '../../shared/adapters/upload-claims.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv, officerActionEnv } from '../../shared/config/env.ts';
import type { AgencyRecord } from '../../shared/contracts/catalog.ts';
import { type OfficerAction, OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { apologyLetter } from '../../shared/domain/apology.ts';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  attachmentAlreadyUsed,
  attachmentsRejected,
  dossierFileKey,
  fileChangedMessage,
  newUploadClaim,
  uploadName,
} from '../../shared/domain/attachment.ts';
import { MAIL_AFTER_ACTION } from '../../shared/domain/citizen-mail.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { checkUploadedFile, isCheckedFile } from '../../shared/domain/intake.ts';
import { applyAction, auditFieldsOf, type LifecycleState } from '../../shared/domain/lifecycle.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { chooseSigningKey } from '../../shared/domain/signing-keys.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, logger, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { countSettlement } from '../../shared/observability.ts';

const env = loadEnv(officerActionEnv);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const signer = new KmsSigner();
const documents = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const claims = new UploadClaims(env.UPLOAD_CLAIMS_TABLE);

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const action = parseJsonBody(event, OfficerActionSchema);
  const dossier = await dossiers.get(pathParameter(event, 'code'));
  const unit = await officerUnit(reference, officer);
  if (!dossier || !officerMayHandle(unit, dossier)) throw dossierNotFound();

  const target = action.type === 'transfer' ? await reference.getAgency(action.toAgencyCode) : undefined;
  if (action.type === 'transfer' && !target) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { vi: 'Không có cơ quan nhận với mã này.', en: 'There is no receiving agency with this code.' },
      [{ field: 'toAgencyCode', message: { vi: 'Mã cơ quan không tồn tại.', en: 'Unknown agency code.' } }],
    );
  }
  const now = new Date();
  const outcome = applyAction(
    dossier,
    action,
    { id: officer.username, kind: 'officer' },
    now,
    workingCalendar,
    target,
  );
  const resultClaim = await attachEvidence(dossier, action, outcome.state, unit, now);
  const entry = await audit.next(dossier.dossierCode, auditFieldsOf(outcome, action.type, officer.username));
  const updated = await dossiers.applyLifecycle(dossier, outcome, entry, resultClaim);
  if (action.type === 'complete') countSettlement(outcome.state.result?.timeliness);
  logger.info('dossier action', {
    dossierCode: dossier.dossierCode,
    action: action.type,
    officer: officer.id,
    status: updated.status,
  });
  const template = MAIL_AFTER_ACTION[action.type];
  if (template) await enqueueCitizenMail(env.MAIL_QUEUE_URL, { template, dossierCode: updated.dossierCode });
  return json(200, officerDossierView(updated, now, workingCalendar));
}, officerAuthFromEnv(env));

const RESULT_FIELD = 'resultDocumentKey';

/**
 * What an action must carry before it is written: the signed form 04 letter on approval, and on
 * completion the result file, checked by its structure, copied to the dossier's own key (as read:
 * a form re-posted since makes the copy fail) and signed when the procedure requires it. Answers
 * the claim binding the result's upload to the dossier, to be written with the change.
 */
async function attachEvidence(
  dossier: DossierRecord,
  action: OfficerAction,
  state: LifecycleState,
  unit: AgencyRecord,
  now: Date,
): Promise<{ item: TransactionItem; refused: DomainError } | undefined> {
  const choice = chooseSigningKey(unit, { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID });
  if (action.type === 'approve_apology' && state.apology) {
    const document = apologyLetter({ ...dossier, ...state }, state.apology);
    const canonical = canonicalJson(document);
    state.apology.letter = {
      document,
      canonical,
      signature: await signer.sign(choice.keyId, canonical, choice.algorithm),
    };
  }
  if (action.type !== 'complete' || !state.result) return undefined;
  const procedure = await reference.getProcedure(dossier.procedure.code);
  const key = action.resultDocumentKey;
  if (!key) {
    if (procedure?.resultSigned) {
      throw new DomainError(
        'VALIDATION_FAILED',
        {
          vi: 'Thủ tục này trả kết quả có ký số: cần tệp kết quả.',
          en: 'This procedure returns a signed result: a result file is required.',
        },
        [{ field: RESULT_FIELD, message: { vi: 'Thiếu tệp kết quả.', en: 'Missing result file.' } }],
      );
    }
    return undefined;
  }
  const fileName = uploadName(key);
  const refused = attachmentAlreadyUsed([{ field: RESULT_FIELD, fileName }]);
  if ((await claims.existing([key])).length > 0) throw refused;
  const upload = await documents.readUpload(key, ATTACHMENT_MAX_BYTES);
  const checked = await checkUploadedFile(fileName, upload);
  if (!isCheckedFile(checked)) throw attachmentsRejected([{ field: RESULT_FIELD, message: checked }]);
  if (!upload) throw new Error(`${key} passed its check without being read`);
  const extension = ATTACHMENT_TYPES[checked.contentType].extensions[0];
  const target = dossierFileKey(dossier.dossierCode, 'result', `${randomUUID()}.${extension}`);
  if (!(await documents.bindUpload(key, upload.etag, target, checked))) {
    throw attachmentsRejected([{ field: RESULT_FIELD, message: fileChangedMessage(fileName) }]);
  }
  Object.assign(state.result, {
    documentKey: target,
    uploadKey: key,
    documentSha256: checked.sha256,
    documentSizeBytes: checked.sizeBytes,
  });
  if (procedure?.resultSigned) {
    const digest = Buffer.from(checked.sha256, 'hex');
    state.result.documentSignature = {
      ...(await signer.signDigest(choice.keyId, digest, choice.algorithm)),
      sha256: checked.sha256,
    };
  }
  return { item: claims.putItem(newUploadClaim(key, dossier.dossierCode, toVietnamIso(now))), refused };
}
