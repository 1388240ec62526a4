import * as z from 'zod';
import { isAgencyCode } from '../agencies/agency.ts';
import { nameText, text } from '../common/text-schema.ts';
import { SIGNING_ALGORITHMS } from '../signing/signing-keys.ts';

export const TierSchema = z.enum(['commune', 'district', 'province', 'central']).meta({ id: 'Tier' });

export const AgencyCodeSchema = z
  .string()
  .refine(isAgencyCode, { message: 'agency code must look like 000.17.22.H56 or H55.242' })
  .meta({ id: 'AgencyCode', example: '000.17.22.H56' });

export const AgencySchema = z
  .object({
    code: AgencyCodeSchema,
    name: nameText(200),
    tier: TierSchema,
    parentCode: AgencyCodeSchema.optional(),
    officialEmail: z.email(),
    signingAlgorithm: z.enum(SIGNING_ALGORITHMS).optional().meta({
      description: 'ECDSA_SHA_256 by default; RSASSA_PSS_SHA_256 for agencies whose systems need RSA.',
    }),
    aliases: z
      .array(AgencyCodeSchema)
      .max(50)
      .optional()
      .meta({ description: 'Former codes (renamed or merged units).' }),
  })
  .meta({ id: 'Agency' });

export const RequiredDocumentSchema = z.object({
  code: z.string().regex(/^[A-Z0-9_]{2,40}$/),
  name: text(300),
  mandatory: z.boolean(),
});

export const ProcedureSchema = z
  .object({
    code: z
      .string()
      .regex(/^\d\.\d{6}(\.[0-9A-Z]{1,4}){1,6}$/)
      .meta({ example: '1.001193.000.00.00.H56' }),
    name: text(300),
    field: text(120).meta({ description: 'Lĩnh vực (sector) the procedure belongs to.' }),
    agencyCode: AgencyCodeSchema,
    tier: TierSchema,
    processingTime: z
      .number()
      .int()
      .min(0)
      .max(2920)
      .meta({ description: 'Processing time, in processingUnit; not read for same_day (write 0).' }),
    processingUnit: z.enum(['working_days', 'working_hours', 'same_day']).meta({
      description:
        'working_days: N × 8 office hours from receipt; working_hours: N office hours; same_day ("trong ngày"): by the close of the day of receipt, or of the next working day when received at or after 15:00.',
    }),
    onlineLevel: z.enum(['partial', 'full']).meta({
      description:
        'Decree 42/2022: "một phần" (partial) or "toàn trình" (full-process online). legacyLevel keeps the older levels 2–4.',
    }),
    legacyLevel: z.union([z.literal(2), z.literal(3), z.literal(4)]),
    requiredDocuments: z.array(RequiredDocumentSchema).max(30),
    feeVnd: z.number().int().nonnegative(),
    resultSigned: z.boolean(),
    countsFromNextDayAfter15h: z.boolean().meta({
      description:
        'working_days and working_hours: a dossier received at or after 15:00 counts from the next working day. same_day procedures always have this cut-off.',
    }),
    pausesForPayment: z.boolean().optional().meta({
      description:
        'The clock stops while the applicant pays the financial obligations the procedure requires (request_payment to confirm_payment). Absent means false.',
    }),
  })
  .meta({ id: 'Procedure' });

export type Procedure = z.infer<typeof ProcedureSchema>;
export type AgencyRecord = z.infer<typeof AgencySchema>;
