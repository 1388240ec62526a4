import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { dossierNotFound } from '../../shared/domain/errors.ts';
import { officerDossierView, officerMayHandle } from '../../shared/domain/officer-view.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, logger, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerDossierSpec } from './get-dossier.spec.ts';

const env = loadEnv(officerDossierSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const dossier = await dossiers.get(pathParameter(event, 'code'));
  const unit = await officerUnit(reference, officer);
  if (!dossier || !officerMayHandle(unit, dossier)) throw dossierNotFound();
  // Personal data is shown only once the view is on the audit trail.
  await audit.append(dossier.dossierCode, {
    kind: 'personal_data_view',
    action: 'officer_view',
    actor: officer.username,
    at: toVietnamIso(new Date()),
    details: { agency: officer.agencyCode },
  });
  logger.info('personal data viewed', {
    dossierCode: dossier.dossierCode,
    officer: officer.id,
    agency: officer.agencyCode,
  });
  return json(200, officerDossierView(dossier, new Date(), workingCalendar));
}, officerAuthFromEnv(env));
