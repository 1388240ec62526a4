import * as z from 'zod';
import { AgencySchema, ProcedureSchema } from '../domain/intake/catalog.ts';

export {
  AgencyCodeSchema,
  type AgencyRecord,
  AgencySchema,
  type DocumentComponent,
  DocumentFormSchema,
  type Procedure,
  ProcedureSchema,
  RequiredDocumentSchema,
  TierSchema,
} from '../domain/intake/catalog.ts';

export const ProcedureListSchema = z
  .object({
    procedures: z.array(ProcedureSchema),
    agencies: z.array(AgencySchema),
  })
  .meta({ id: 'ProcedureList' });
