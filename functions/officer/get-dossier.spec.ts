import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { dossierCodeParam, officerDossierNotFound, officerRoute } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerDossierSpec = apiFunction({
  id: 'OfficerDossier',
  handler: 'officer/get-dossier.ts',
  description: "Shows one dossier held by the officer's unit",
  env: officerDeskEnv,
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup', 'audit:append'],
  endpoints: [
    officerRoute('GET', '/officer/dossiers/{code}', {
      summary: 'One dossier the officer’s unit holds (a view of personal data, audited)',
      params: dossierCodeParam,
      responses: { '200': { description: 'Dossier' }, ...officerDossierNotFound },
    }),
  ],
});
