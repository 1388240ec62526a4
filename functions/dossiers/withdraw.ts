import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { withdrawDossier } from '../../shared/app/lookup/withdraw-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { WithdrawRequestSchema } from '../../shared/contracts/lifecycle.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { withdrawDossierSpec } from './withdraw.spec.ts';

const env = loadEnv(withdrawDossierSpec.env);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const gate = lookupGateFromEnv(env);

/** The citizen withdraws their own dossier, proving it with the lookup secret. */
export const handler = httpEndpoint(async (event) => {
  const request = parseJsonBody(event, WithdrawRequestSchema);
  const calendar = await loadWorkingCalendar(env);
  const ports = { gate: gate.for(event), dossiers, audit, now: () => new Date(), calendar };
  return json(200, await withdrawDossier(ports, pathParameter(event, 'code'), request.reason));
});
