import * as z from 'zod';
import { FileLinkSchema } from '../../shared/contracts/files.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { officerFileEnv, officerFilePermissions } from './file-env.ts';

export const officerAttachmentSpec = apiFunction({
  id: 'OfficerAttachmentFile',
  handler: 'officer/attachment.ts',
  description: "Links an officer to an attachment of a dossier the officer's unit holds",
  env: officerFileEnv,
  permissions: officerFilePermissions,
  endpoints: [
    officerRoute('GET', '/officer/dossiers/{code}/attachments/{index}', {
      summary: 'An attachment of a dossier the officer’s unit holds (a view of personal data, audited)',
      description:
        'A presigned GET link (5 minutes) to the dossier’s own copy of its attachment number `index` (from 0, in the order of `attachments` in the dossier view); PDFs and images are answered `inline` so that the browser shows them.',
      params: { path: z.object({ code: z.string(), index: z.string().regex(/^\d+$/) }) },
      throttle: { rate: 50, burst: 100 },
      responses: {
        '200': { description: 'Link to the file', content: jsonContent(FileLinkSchema) },
        '404': {
          description: 'Not a dossier of the officer’s unit, or no attachment at that index',
          content: errorContent,
        },
      },
    }),
  ],
});
