import { documentSigningVariables, name } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  dossierCodeParam,
  errorContent,
  officerDossierNotFound,
  officerRoute,
} from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerActionSpec = apiFunction({
  id: 'OfficerAction',
  handler: 'officer/act.ts',
  description: 'Applies an officer action to a dossier through the lifecycle rules',
  env: officerDeskEnv.extend({
    ATTACHMENTS_BUCKET: name,
    /** The Idempotency table, where uploads are claimed by the dossier they were bound to. */
    UPLOAD_CLAIMS_TABLE: name,
    SIGNING_KEY_ID: name,
    RSA_SIGNING_KEY_ID: name,
    ...documentSigningVariables,
    MAIL_QUEUE_URL: name,
  }),
  permissions: [
    'signingKeys:sign',
    'uploads:read',
    'uploads:bind',
    'uploadClaims:getAndPut',
    'mailQueue:send',
    'dossiers:readWrite',
    'reference:read',
    'audit:append',
    'officers:lookup',
    'officers:ofUnit',
  ],
  endpoints: [
    officerRoute('POST', '/officer/dossiers/{code}/actions', {
      summary: 'A lifecycle action on a dossier the officer’s unit holds',
      params: dossierCodeParam,
      body: OfficerActionSchema,
      responses: {
        '200': { description: 'Dossier after the action' },
        '409': {
          description:
            'Not allowed in the current status, not allowed at the dossier’s current step (`STEP_ACTION_NOT_ALLOWED`, with `details.allowed`: each allowed action, its step, role and unit), or the result upload already belongs to a dossier. A step needing another role or unit answers 403 `STEP_ROLE_REQUIRED`, the drafter signing 403 `DRAFTER_CANNOT_SIGN`, both with `details.allowed`',
          content: errorContent,
        },
        '422': {
          description:
            'Result file rejected: missing, too large, or not a PDF, JPEG or PNG by its structure; form 04 approved without its reason (`APOLOGY_REASON_REQUIRED`)',
          content: errorContent,
        },
        ...officerDossierNotFound,
      },
    }),
  ],
});
