import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { enqueueCitizenMail } from '../../shared/adapters/mail-queue.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv, officerActionEnv } from '../../shared/config/env.ts';
import type { AgencyRecord } from '../../shared/contracts/catalog.ts';
import { type OfficerAction, OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { apologyLetter } from '../../shared/domain/apology.ts';
import { sniffContentType } from '../../shared/domain/attachment.ts';
import { MAIL_AFTER_ACTION } from '../../shared/domain/citizen-mail.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { applyAction, auditFieldsOf, type LifecycleState } from '../../shared/domain/lifecycle.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { chooseSigningKey } from '../../shared/domain/signing-keys.ts';
import { httpEndpoint, logger, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(officerActionEnv);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const signer = new KmsSigner();
const documents = new AttachmentStore(env.ATTACHMENTS_BUCKET);

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
  await attachEvidence(dossier, action, outcome.state, unit);
  const entry = await audit.next(dossier.dossierCode, auditFieldsOf(outcome, action.type, officer.username));
  const updated = await dossiers.applyLifecycle(dossier, outcome, entry);
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

/**
 * What an action must carry before it is written: the signed form 04 letter on approval, and on
 * completion the result file, checked by its bytes and signed when the procedure requires it.
 */
async function attachEvidence(
  dossier: DossierRecord,
  action: OfficerAction,
  state: LifecycleState,
  unit: AgencyRecord,
): Promise<void> {
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
  if (action.type !== 'complete' || !state.result) return;
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
        [{ field: 'resultDocumentKey', message: { vi: 'Thiếu tệp kết quả.', en: 'Missing result file.' } }],
      );
    }
    return;
  }
  const uploaded = await documents.inspect(key);
  if (!uploaded || !sniffContentType(uploaded.head)) {
    throw new DomainError(
      'ATTACHMENT_REJECTED',
      {
        vi: 'Tệp kết quả không có hoặc không phải PDF, JPEG, PNG.',
        en: 'The result file is missing or not a PDF, JPEG or PNG.',
      },
      [{ field: 'resultDocumentKey', message: { vi: 'Tệp không hợp lệ.', en: 'Invalid file.' } }],
    );
  }
  if (procedure?.resultSigned) {
    const sha256 = await documents.sha256(key);
    state.result.documentSignature = {
      ...(await signer.signDigest(choice.keyId, sha256, choice.algorithm)),
      sha256: sha256.toString('hex'),
    };
  }
}
