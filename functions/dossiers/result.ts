import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { downloadResult } from '../../shared/app/lookup/download-result.ts';
import { loadEnv, publicBaseUrl } from '../../shared/config/env.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { json } from '../../shared/http/responses.ts';
import { citizenResultSpec } from './result.spec.ts';

const env = loadEnv(citizenResultSpec.env);
const ports = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
  publicBaseUrl: publicBaseUrl(env),
  now: () => new Date(),
};
const gate = lookupGateFromEnv(env);

export const handler = httpEndpoint(async (event) =>
  json(200, await downloadResult({ ...ports, gate: gate.for(event) }, pathParameter(event, 'code')), {
    'cache-control': 'no-store',
  }),
);
