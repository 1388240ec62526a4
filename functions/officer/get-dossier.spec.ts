import * as z from 'zod';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { notFound, officerErrors } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerDossierSpec = apiFunction({
  id: 'OfficerDossier',
  handler: 'officer/get-dossier.ts',
  description: "Shows one dossier held by the officer's unit",
  env: officerDeskEnv,
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'audit:append'],
  endpoints: [
    {
      method: 'GET',
      path: '/officer/dossiers/{code}',
      access: { kind: 'officer' },
      operation: {
        summary: 'One dossier the officer’s unit holds (a view of personal data, audited)',
        requestParams: { path: z.object({ code: z.string() }) },
        responses: {
          '200': { description: 'Dossier' },
          ...officerErrors,
          ...notFound('Not a dossier of the officer’s unit'),
        },
      },
    },
  ],
});
