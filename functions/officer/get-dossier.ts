import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { viewDossier } from '../../shared/app/officer-desk/view-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, logger, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerDossierSpec } from './get-dossier.spec.ts';

const env = loadEnv(officerDossierSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
  processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
  log: logger,
  now: () => new Date(),
};

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const dossierCode = pathParameter(event, 'code');
  const unit = await officerUnit(reference, officer);
  const calendar = await loadWorkingCalendar(env);
  return json(200, await viewDossier({ ...ports, calendar }, { dossierCode, officer, unit }));
}, officerAuthFromEnv(env));
