import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { getDossierEnv, loadEnv } from '../../shared/config/env.ts';
import { parseDossierCode } from '../../shared/domain/dossier-code.ts';
import { DOSSIER_STATUSES } from '../../shared/domain/dossier-status.ts';
import { DomainError } from '../../shared/domain/errors.ts';
import { secretOpens } from '../../shared/domain/lookup-secret.ts';
import { queueEntry } from '../../shared/domain/officer-view.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(getDossierEnv);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE);

/** One answer for "no such dossier" and "wrong secret", so the API does not reveal which codes exist. */
const notFound = () =>
  new DomainError('NOT_FOUND', {
    vi: 'Không tìm thấy hồ sơ với mã và mã tra cứu này.',
    en: 'No dossier matches this code and lookup secret.',
  });

export const handler = httpEndpoint(async (event) => {
  const code = pathParameter(event, 'code');
  const secret = event.headers['x-lookup-secret'] ?? event.queryStringParameters?.secret ?? '';
  if (!parseDossierCode(code)) throw notFound();
  const dossier = await dossiers.get(code);
  if (!dossier || !secretOpens(secret, dossier.lookupSecretHash)) throw notFound();
  // The signed receipt carries the applicant's personal data: the view is audited before it is shown.
  await audit.append(dossier.dossierCode, {
    kind: 'personal_data_view',
    action: 'citizen_lookup',
    actor: 'citizen',
    at: toVietnamIso(new Date()),
    details: {},
  });
  return json(200, {
    dossierCode: dossier.dossierCode,
    status: dossier.status,
    syncCode: DOSSIER_STATUSES[dossier.status].syncCode,
    procedure: dossier.procedure,
    agency: dossier.agency,
    channel: dossier.channel,
    receivedAt: dossier.receivedAt,
    dueAt: dossier.dueAt,
    history: dossier.history,
    receipt: dossier.receipt,
    remaining: queueEntry(dossier, new Date(), workingCalendar).remaining,
  });
});
