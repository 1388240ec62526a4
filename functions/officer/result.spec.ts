import { FileLinkSchema } from '../../shared/contracts/files.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { dossierCodeParam, errorContent, jsonContent, officerRoute } from '../../shared/http/openapi.ts';
import { officerFileEnv, officerFilePermissions } from './file-env.ts';

export const officerResultSpec = apiFunction({
  id: 'OfficerResultFile',
  handler: 'officer/result.ts',
  description: "Links an officer to the result file of a dossier the officer's unit holds",
  env: officerFileEnv,
  permissions: officerFilePermissions,
  endpoints: [
    officerRoute('GET', '/officer/dossiers/{code}/result', {
      summary: 'The result file of a dossier the officer’s unit holds (audited)',
      description:
        'A presigned GET link (5 minutes) to the dossier’s own copy of its result, answered `inline` for a PDF or an image.',
      params: dossierCodeParam,
      throttle: { rate: 50, burst: 100 },
      responses: {
        '200': { description: 'Link to the file', content: jsonContent(FileLinkSchema) },
        '404': {
          description:
            'NOT_FOUND: not a dossier of the officer’s unit; NO_ELECTRONIC_RESULT: settled with a paper result only',
          content: errorContent,
        },
        '409': { description: 'RESULT_NOT_READY: the dossier is not settled yet', content: errorContent },
      },
    }),
  ],
});
