import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { LookupAttempts } from '../../shared/adapters/lookup-attempts.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { WithdrawRequestSchema } from '../../shared/contracts/lifecycle.ts';
import { DOSSIER_STATUSES } from '../../shared/domain/dossier-status.ts';
import { dossierNotFound } from '../../shared/domain/errors.ts';
import { applyAction, auditFieldsOf } from '../../shared/domain/lifecycle.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { LookupGate } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { withdrawDossierSpec } from './withdraw.spec.ts';

const env = loadEnv(withdrawDossierSpec.env);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const gate = new LookupGate(new LookupAttempts(env.COUNTERS_TABLE), {
  exemptSources: env.LOOKUP_THROTTLE_EXEMPT_SOURCES,
});

/** The citizen withdraws their own dossier, proving it with the lookup secret. */
export const handler = httpEndpoint(async (event) => {
  const request = parseJsonBody(event, WithdrawRequestSchema);
  const code = pathParameter(event, 'code');
  const dossier = await gate.open(event, code, () => dossiers.get(code), dossierNotFound);
  const outcome = applyAction(
    dossier,
    { type: 'withdraw', reason: request.reason },
    { id: 'citizen', kind: 'citizen' },
    new Date(),
    workingCalendar,
  );
  const entry = await audit.next(dossier.dossierCode, auditFieldsOf(outcome, 'withdraw', 'citizen'));
  const updated = await dossiers.applyLifecycle(dossier, outcome, entry);
  return json(200, {
    dossierCode: updated.dossierCode,
    status: updated.status,
    syncCode: DOSSIER_STATUSES[updated.status].syncCode,
  });
});
