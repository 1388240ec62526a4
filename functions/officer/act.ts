import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv, officerEnv } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { applyAction, auditFieldsOf } from '../../shared/domain/lifecycle.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuth, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(officerEnv);
const audit = new AuditLog(env.AUDIT_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

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
    return json(200, officerDossierView(updated, now, workingCalendar));
  },
  officerAuth({
    userPoolId: env.USER_POOL_ID,
    clientId: env.USER_POOL_CLIENT_ID,
    endpointUrl: env.AWS_ENDPOINT_URL,
  }),
);
