import * as z from 'zod';
import { name } from '../../shared/config/env.ts';
import { ProcedureListSchema } from '../../shared/contracts/catalog.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, publicRoute } from '../../shared/http/openapi.ts';

export const listProceduresSpec = apiFunction({
  id: 'ListProcedures',
  handler: 'catalog/list-procedures.ts',
  description: 'Lists the procedures catalog',
  env: z.object({ REFERENCE_TABLE: name }),
  permissions: ['reference:read'],
  endpoints: [
    publicRoute('GET', '/procedures', {
      summary: 'Procedures catalog and agencies',
      responses: { '200': { description: 'Catalog', content: jsonContent(ProcedureListSchema) } },
    }),
  ],
});
