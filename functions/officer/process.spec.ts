import * as z from 'zod';
import type { ProcessView } from '../../shared/app/officer-desk/view-process.ts';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { ProcessDefinitionSchema } from '../../shared/domain/process/process-definition.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { errors, jsonContent, notFound, officerRoute } from '../../shared/http/openapi.ts';

export const ProcessPathSchema = z.object({
  code: z
    .string()
    .regex(/^[A-Z0-9][A-Z0-9._-]{1,59}$/)
    .meta({ description: 'A process code (QT-HKD-HUYEN, MAC-DINH-DISTRICT) or a procedure code.' }),
});

export const ProcessQuerySchema = z.object({
  version: z
    .string()
    .regex(/^\d{1,7}$/)
    .optional()
    .meta({
      description:
        'A published process-set version (a dossier’s pinned one); 0 is the built-in default. By default the set in force.',
    }),
});

export const ProcessViewSchema = z
  .object({
    code: z.string(),
    version: z.number().int(),
    publishedAt: z.string(),
    definition: ProcessDefinitionSchema.extend({ version: z.number().int(), publishedAt: z.string() }),
    mermaid: z.string().meta({ description: 'The process as a Mermaid `flowchart TD`.' }),
  })
  .meta({ id: 'ProcessView' }) satisfies z.ZodType<ProcessView>;

export const officerProcessSpec = apiFunction({
  id: 'OfficerProcess',
  handler: 'officer/process.ts',
  description: 'Shows an internal process (steps, roles, budgets) and its diagram to officers',
  env: z.object({ REFERENCE_TABLE: name, ...officerPoolVariables }),
  permissions: ['reference:read', 'officers:lookup'],
  endpoints: [
    officerRoute('GET', '/officer/processes/{code}', {
      summary:
        'An internal process by its code (or the process a procedure code follows now), with its Mermaid diagram',
      params: { path: ProcessPathSchema, query: ProcessQuerySchema },
      responses: {
        '200': {
          description: 'The definition, its version and its diagram',
          content: jsonContent(ProcessViewSchema),
        },
        ...notFound('No such process (in the set in force, or at the version asked for)'),
        ...errors,
      },
    }),
  ],
});
