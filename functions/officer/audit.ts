import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { MailLog } from '../../shared/adapters/mail-log.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { viewAuditTrail } from '../../shared/app/officer-desk/view-audit.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerAuditSpec } from './audit.spec.ts';

const env = loadEnv(officerAuditSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  audit: new AuditLog(env.AUDIT_TABLE),
  mail: new MailLog(env.MAIL_TABLE),
};

export const handler = httpEndpoint(async (event) => {
  const unit = await officerUnit(reference, officerOf(event));
  return json(200, await viewAuditTrail(ports, { dossierCode: pathParameter(event, 'code'), unit }));
}, officerAuthFromEnv(env));
