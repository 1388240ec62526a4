import * as z from 'zod';
import { RegisterQuerySchema } from '../../shared/contracts/register.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, officerRoute, pdfContent } from '../../shared/http/openapi.ts';
import { officerDeskEnv } from './officer-env.ts';

export const officerRegisterSpec = apiFunction({
  id: 'OfficerRegister',
  handler: 'officer/register.ts',
  description:
    "The register of dossiers (Sổ theo dõi hồ sơ) of the officer's unit for a period, as PDF or CSV",
  env: officerDeskEnv,
  permissions: ['dossiers:read', 'reference:read', 'officers:lookup'],
  memorySize: 512,
  timeoutSeconds: 30,
  endpoints: [
    officerRoute('GET', '/officer/register', {
      summary: 'The register of the dossiers the officer’s unit received in a period (at most 31 days)',
      params: { query: RegisterQuerySchema },
      responses: {
        '200': {
          description: 'The register, as PDF (landscape A4) or CSV (UTF-8)',
          content: { ...pdfContent, 'text/csv': { schema: z.string() } },
        },
        ...errors,
      },
    }),
  ],
});
