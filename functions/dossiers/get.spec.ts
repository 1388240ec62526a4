import * as z from 'zod';
import { calendarVariables, lookupGateVariables, name } from '../../shared/config/env.ts';
import { DossierViewSchema } from '../../shared/contracts/dossiers.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import {
  citizenDossierRoute,
  errorContent,
  errors,
  jsonContent,
  lookupRefusals,
} from '../../shared/http/openapi.ts';

export const getDossierSpec = apiFunction({
  id: 'GetDossier',
  handler: 'dossiers/get.ts',
  description: 'Looks a dossier up by code and lookup secret',
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ...lookupGateVariables,
    ...calendarVariables,
  }),
  permissions: ['dossiers:read', 'lookupGate', 'audit:append', 'reference:read'],
  endpoints: [
    citizenDossierRoute('GET', '/dossiers/{code}', {
      summary: 'Look a dossier up with its lookup secret',
      throttle: { rate: 100, burst: 200 },
      responses: {
        '200': { description: 'Status, due date and history', content: jsonContent(DossierViewSchema) },
        '404': { description: 'Unknown code or wrong secret (indistinguishable)', content: errorContent },
        ...lookupRefusals(),
        '500': errors['500'],
      },
    }),
  ],
});
