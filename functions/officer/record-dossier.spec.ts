import { officerPoolVariables } from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema, SubmitDossierResponseSchema } from '../../shared/contracts/dossiers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  dossierIdempotencyParam,
  errorContent,
  jsonContent,
  officerRoute,
} from '../../shared/http/openapi.ts';
import { submitDossierSpec } from '../dossiers/submit.spec.ts';

export const recordDossierSpec = apiFunction({
  id: 'RecordDossier',
  handler: 'officer/record-dossier.ts',
  description: 'Records a counter or postal dossier at the one-stop desk: received at once, receipt signed',
  // The intake pipeline of the online submission, plus the officers' pool that identifies the desk.
  env: submitDossierSpec.env.extend(officerPoolVariables),
  permissions: [...submitDossierSpec.permissions, 'officers:lookup'],
  endpoints: [
    officerRoute('POST', '/officer/dossiers', {
      role: 'tiep_nhan',
      summary:
        'Record a dossier handed in at the counter or by post (role tiep_nhan, a procedure of the officer’s unit); it is received at once',
      params: dossierIdempotencyParam,
      body: SubmitDossierRequestSchema,
      responses: {
        '201': {
          description: 'Received, with the appointment and the signed receipt (form 01)',
          content: jsonContent(SubmitDossierResponseSchema),
        },
        '409': {
          description: 'ATTACHMENT_ALREADY_USED: an upload already belongs to a dossier; REQUEST_IN_PROGRESS',
          content: errorContent,
        },
        '422': {
          description:
            'CHANNEL_NOT_ALLOWED (channel online), unknown procedure, or an attachment rejected: missing, too large, or not a PDF, JPEG or PNG by its structure',
          content: errorContent,
        },
      },
    }),
  ],
});
