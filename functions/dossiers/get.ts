import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { viewDossier } from '../../shared/app/lookup/view-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { getDossierSpec } from './get.spec.ts';

const env = loadEnv(getDossierSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const gate = lookupGateFromEnv(env);
const processes = new ReferenceProcessCatalog(env.REFERENCE_TABLE);

export const handler = httpEndpoint(async (event) => {
  const calendar = await loadWorkingCalendar(env);
  const ports = { gate: gate.for(event), dossiers, audit, now: () => new Date(), calendar, processes };
  return json(200, await viewDossier(ports, pathParameter(event, 'code')));
});
