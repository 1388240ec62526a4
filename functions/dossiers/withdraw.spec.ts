import * as z from 'zod';
import { calendarVariables, lookupGateVariables, name } from '../../shared/config/env.ts';
import { WithdrawRequestSchema } from '../../shared/contracts/lifecycle.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { citizenBodyErrors, citizenDossierRoute, errorContent } from '../../shared/http/openapi.ts';

export const withdrawDossierSpec = apiFunction({
  id: 'WithdrawDossier',
  handler: 'dossiers/withdraw.ts',
  description: 'Lets the citizen withdraw a dossier with its lookup secret',
  env: z.object({
    DOSSIERS_TABLE: name,
    AUDIT_TABLE: name,
    AUDIT_PENDING_TABLE: name,
    ...lookupGateVariables,
    ...calendarVariables,
  }),
  permissions: ['dossiers:readWrite', 'lookupGate', 'audit:append', 'reference:read'],
  endpoints: [
    citizenDossierRoute('POST', '/dossiers/{code}/withdraw', {
      summary: 'Withdraw a dossier (citizen, with the lookup secret)',
      body: WithdrawRequestSchema,
      responses: {
        '200': { description: 'Withdrawn' },
        '409': { description: 'No longer withdrawable', content: errorContent },
        ...citizenBodyErrors,
      },
    }),
  ],
});
