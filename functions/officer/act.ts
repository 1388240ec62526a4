import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { sendMail } from '../../shared/adapters/mailer.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv, officerActionEnv } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { apologyLetter, apologyMail } from '../../shared/domain/apology.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { applyAction, auditFieldsOf } from '../../shared/domain/lifecycle.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuth, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(officerActionEnv);
const audit = new AuditLog(env.AUDIT_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const signer = new KmsSigner();

export const handler = httpEndpoint(
  async (event) => {
    const officer = officerOf(event);
    const action = parseJsonBody(event, OfficerActionSchema);
    const dossier = await dossiers.get(decodeURIComponent(event.pathParameters?.code ?? ''));
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
    const apology = outcome.state.apology;
    if (action.type === 'approve_apology' && apology) {
      const document = apologyLetter({ ...dossier, ...outcome.state }, apology);
      const canonical = canonicalJson(document);
      apology.letter = { document, canonical, signature: await signer.sign(env.SIGNING_KEY_ID, canonical) };
    }
    const entry = await audit.next(
      dossier.dossierCode,
      auditFieldsOf(outcome, action.type, officer.username),
    );
    const updated = await dossiers.applyLifecycle(dossier, outcome, entry);
    logger.info('dossier action', {
      dossierCode: dossier.dossierCode,
      action: action.type,
      officer: officer.id,
      status: updated.status,
    });
    const final = action.type === 'approve_apology' ? await mailApology(updated) : updated;
    return json(200, officerDossierView(final, now, workingCalendar));
  },
  officerAuth({
    userPoolId: env.USER_POOL_ID,
    clientId: env.USER_POOL_CLIENT_ID,
    endpointUrl: env.AWS_ENDPOINT_URL,
  }),
);

/** The approved, signed form 04 goes to the citizen; a failure leaves `mailedAt` unset for a resend. */
async function mailApology(dossier: DossierRecord): Promise<DossierRecord> {
  const letter = dossier.apology?.letter;
  if (!letter || !dossier.wantsMail || !dossier.applicant.email) return dossier;
  try {
    await sendMail({
      from: env.OFFICIAL_SENDER,
      to: dossier.applicant.email,
      configurationSet: env.MAIL_CONFIGURATION_SET,
      tags: { kind: 'apology', agency: dossier.currentAgency.code.replace(/\./g, '_') },
      ...apologyMail(letter.document as ReturnType<typeof apologyLetter>, letter.signature.value),
    });
    await dossiers.recordApologyMailed(dossier.dossierCode, toVietnamIso(new Date()));
  } catch (error) {
    logger.error('apology approved but not mailed', {
      dossierCode: dossier.dossierCode,
      error: error as Error,
    });
  }
  return (await dossiers.get(dossier.dossierCode)) ?? dossier;
}
