import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { getDossierEnv, loadEnv } from '../../shared/config/env.ts';
import { citizenDossierView } from '../../shared/domain/citizen-view.ts';
import { parseDossierCode } from '../../shared/domain/dossier-code.ts';
import { lookupNotFound } from '../../shared/domain/errors.ts';
import { secretOpens } from '../../shared/domain/lookup-secret.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(getDossierEnv);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);

export const handler = httpEndpoint(async (event) => {
  const code = pathParameter(event, 'code');
  const secret = event.headers['x-lookup-secret'] ?? event.queryStringParameters?.secret ?? '';
  if (!parseDossierCode(code)) throw lookupNotFound();
  const dossier = await dossiers.get(code);
  if (!dossier || !secretOpens(secret, dossier.lookupSecretHash)) throw lookupNotFound();
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
