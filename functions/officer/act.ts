import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { documentSigner } from '../../shared/adapters/document-signer.ts';
import { lifecyclePorts } from '../../shared/adapters/lifecycle-ports.ts';
import { OfficerDirectory } from '../../shared/adapters/officer-directory.ts';
import { ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { UploadClaims } from '../../shared/adapters/upload-claims.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { actOnDossier } from '../../shared/app/officer-desk/act-on-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { httpEndpoint, parseJsonBody, pathParameter } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { countSettlement } from '../../shared/observability.ts';
import { officerActionSpec } from './act.spec.ts';

const env = loadEnv(officerActionSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const directory = new OfficerDirectory(env.OFFICERS_TABLE);
const ports = {
  ...lifecyclePorts(env),
  agency: (code: string) => reference.getAgency(code),
  procedure: (code: string) => reference.getProcedure(code),
  officersOf: (code: string) => directory.ofAgency(code),
  processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
  signer: documentSigner(env),
  signingKeys: { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID },
  files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  claims: new UploadClaims(env.UPLOAD_CLAIMS_TABLE),
};

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const action = parseJsonBody(event, OfficerActionSchema);
  const dossierCode = pathParameter(event, 'code');
  const unit = await officerUnit(reference, officer);
  const calendar = await loadWorkingCalendar(env);
  const view = await actOnDossier({ ...ports, calendar }, { dossierCode, action, officer, unit });
  if (action.type === 'complete') countSettlement(view.result?.timeliness);
  return json(200, view);
}, officerAuthFromEnv(env));
