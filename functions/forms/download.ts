import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import * as z from 'zod';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { renderFormPdf } from '../../shared/adapters/pdf-forms.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import {
  type DownloadFormPorts,
  downloadForm,
  type FormCaller,
} from '../../shared/app/forms/download-form.ts';
import { loadEnv, publicBaseUrl } from '../../shared/config/env.ts';
import { FORM_NUMBERS } from '../../shared/domain/forms.ts';
import { httpEndpoint, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { lookupGateFromEnv } from '../../shared/http/lookup-gate.ts';
import { maybeOfficerOf, officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { formDownloadSpec } from './download.spec.ts';

const env = loadEnv(formDownloadSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const gate = lookupGateFromEnv(env);
const ports: DownloadFormPorts = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  reference,
  files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  signer: new KmsSigner(),
  render: (content, signature, at, url) => renderFormPdf(content, signature, at, { regular, bold }, url),
  audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
  signingKeys: { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID },
  publicBaseUrl: publicBaseUrl(env),
  now: () => new Date(),
};
const PathSchema = z.object({ code: z.string().min(1).max(80), form: z.enum(FORM_NUMBERS) });

/** Forms 01–06 of a dossier as signed PDFs, for its citizen (lookup secret) or the unit holding it. */
export const handler = httpEndpoint(
  async (event) => {
    const { code, form } = validate(PathSchema, {
      code: pathParameter(event, 'code'),
      form: event.pathParameters?.form,
    });
    // The officers' route needs an officer; the citizens' route takes an officer's token too.
    const officer = event.resource.startsWith('/officer/') ? officerOf(event) : maybeOfficerOf(event);
    const caller: FormCaller = officer
      ? { kind: 'officer', username: officer.username, unit: () => officerUnit(reference, officer) }
      : { kind: 'citizen', gate: gate.for(event) };
    return json(200, await downloadForm(ports, caller, code, form));
  },
  officerAuthFromEnv(env, { optional: true }),
);
