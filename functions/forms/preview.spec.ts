import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { OfficerActionSchema } from '../../shared/contracts/lifecycle.ts';
import { FORM_NUMBERS } from '../../shared/domain/documents/forms.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, officerDossierNotFound, officerRoute, pdfContent } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from '../officer/officer-env.ts';

export const formPreviewSpec = apiFunction({
  id: 'FormPreview',
  handler: 'forms/preview.ts',
  description:
    'Renders the form an officer action would issue, unsigned and stamped as a preview; stores nothing',
  env: officerDeskEnv.extend({
    API_ID: name,
    API_STAGE: name,
    /** The portal's own domain in production (e.g. https://dichvucong.thanhhoa.gov.vn/); optional. */
    PUBLIC_BASE_URL: z.url().optional(),
    AWS_REGION: z.string().default('us-east-1'),
  }),
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup'],
  memorySize: 512,
  timeoutSeconds: 20,
  endpoints: [
    officerRoute('POST', '/officer/dossiers/{code}/forms/{form}/preview', {
      summary:
        'The form (01–05) an action would issue on a dossier the officer’s unit holds, as an unsigned PDF stamped “BẢN XEM TRƯỚC – CHƯA CÓ GIÁ TRỊ PHÁP LÝ / PREVIEW – NOT VALID”; nothing is signed, stored or numbered',
      params: { path: z.object({ code: z.string(), form: z.enum(FORM_NUMBERS) }) },
      body: OfficerActionSchema,
      responses: {
        '200': {
          description:
            'The preview PDF. The body is the action about to be taken: `accept` issues form 01, `request_supplement` 02, `refuse` 03, `approve_apology` 04, `stop` 05; another form or action is a 400',
          content: pdfContent,
        },
        '409': {
          description:
            'The action is not allowed now: the same refusal the action would give (`ILLEGAL_TRANSITION`, `STEP_ACTION_NOT_ALLOWED`); a step needing another role or unit answers 403 `STEP_ROLE_REQUIRED`, as the action would',
          content: errorContent,
        },
        '422': {
          description: 'Form 04 approved without its reason (`APOLOGY_REASON_REQUIRED`)',
          content: errorContent,
        },
        ...officerDossierNotFound,
      },
      throttle: { rate: 10, burst: 20 },
    }),
  ],
});
