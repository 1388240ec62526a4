import type { APIGatewayProxyEvent } from 'aws-lambda';
import type { z } from 'zod';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { officerFileLink, type RequestedFile } from '../../shared/app/officer-desk/download-file.ts';
import { httpEndpoint, logger, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import type { officerFileEnv } from './file-env.ts';

/** The wiring both file routes share: which file an event asks for is all that differs. */
export function officerFileHandler(
  env: z.infer<typeof officerFileEnv>,
  fileOf: (event: APIGatewayProxyEvent) => RequestedFile,
) {
  const reference = new ReferenceStore(env.REFERENCE_TABLE);
  const ports = {
    dossiers: new DossierStore(env.DOSSIERS_TABLE),
    files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
    audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
    log: logger,
    now: () => new Date(),
  };
  return httpEndpoint(async (event) => {
    const officer = officerOf(event);
    const file = fileOf(event);
    const unit = await officerUnit(reference, officer);
    const request = { dossierCode: pathParameter(event, 'code'), officer, unit, file };
    return json(200, await officerFileLink(ports, request), { 'cache-control': 'no-store' });
  }, officerAuthFromEnv(env));
}
