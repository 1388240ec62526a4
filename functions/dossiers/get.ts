import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { LookupAttempts } from '../../shared/adapters/lookup-attempts.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { citizenDossierView } from '../../shared/domain/citizen-view.ts';
import { lookupNotFound } from '../../shared/domain/errors.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { LookupGate } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { getDossierSpec } from './get.spec.ts';

const env = loadEnv(getDossierSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const gate = new LookupGate(new LookupAttempts(env.COUNTERS_TABLE), {
  exemptSources: env.LOOKUP_THROTTLE_EXEMPT_SOURCES,
});

export const handler = httpEndpoint(async (event) => {
  const code = pathParameter(event, 'code');
  const dossier = await gate.open(event, code, () => dossiers.get(code), lookupNotFound);
  // The signed receipt carries the applicant's personal data: the view is audited before it is shown.
  await audit.append(dossier.dossierCode, {
    kind: 'personal_data_view',
    action: 'citizen_lookup',
    actor: 'citizen',
    at: toVietnamIso(new Date()),
    details: {},
  });
  return json(200, citizenDossierView(dossier, new Date(), workingCalendar));
});
