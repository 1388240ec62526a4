import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { officerFileLink } from '../../shared/app/officer-desk/download-file.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { AttachmentPathSchema } from '../../shared/contracts/files.ts';
import { httpEndpoint, logger, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerAttachmentSpec } from './attachment.spec.ts';

const env = loadEnv(officerAttachmentSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
  log: logger,
  now: () => new Date(),
};

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const { index } = validate(AttachmentPathSchema, { index: event.pathParameters?.index });
  const unit = await officerUnit(reference, officer);
  const request = { dossierCode: pathParameter(event, 'code'), officer, unit };
  const link = await officerFileLink(ports, { ...request, file: { kind: 'attachment', index } });
  return json(200, link, { 'cache-control': 'no-store' });
}, officerAuthFromEnv(env));
