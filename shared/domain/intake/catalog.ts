import * as z from 'zod';
import { isAgencyCode } from '../agencies/agency.ts';
import { TierSchema } from '../agencies/tier-schema.ts';
import { bilingual } from '../common/field-issues.ts';
import { keysOf } from '../common/keys.ts';
import { nameText, text } from '../common/text-schema.ts';
import { SIGNING_ALGORITHMS } from '../signing/signing-keys.ts';
import { DOCUMENT_FORM_LABELS, type DocumentForm } from './document-forms.ts';

export { DOCUMENT_FORM_LABELS, type DocumentForm, TierSchema };

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

export const DocumentFormSchema = z.enum(keysOf(DOCUMENT_FORM_LABELS)).meta({ id: 'DocumentForm' });

const DocumentCodeSchema = z.string().regex(/^[A-Z0-9_]{2,40}$/);

/** A "thành phần hồ sơ": one document the procedure asks for. */
export const RequiredDocumentSchema = z
  .object({
    code: DocumentCodeSchema,
    name: text(300),
    nameEn: text(300).optional().meta({ description: 'The name in English, for bilingual messages.' }),
    form: DocumentFormSchema,
    copies: z.number().int().min(1).max(10).meta({ description: 'Number of copies (số lượng bộ).' }),
    mandatory: z.boolean(),
    alternates: z.array(DocumentCodeSchema).max(10).default([]).meta({
      description:
        'Codes of other components of the same procedure any one of which satisfies this one (e.g. a passport instead of the citizen ID card).',
    }),
  })
  .meta({ id: 'DocumentComponent' });

export type DocumentComponent = z.infer<typeof RequiredDocumentSchema>;

/** Component codes are unique in a procedure and alternates name other components of it. */
const RequiredDocumentsSchema = z
  .array(RequiredDocumentSchema)
  .max(30)
  .superRefine((components, context) => {
    const codes = components.map((component) => component.code);
    components.forEach((component, index) => {
      if (codes.indexOf(component.code) < index)
        context.addIssue({
          code: 'custom',
          path: [index, 'code'],
          message: bilingual(
            `Mã thành phần hồ sơ ${component.code} bị trùng.`,
            `Duplicate document component code ${component.code}.`,
          ),
        });
      component.alternates.forEach((alternate, at) => {
        if (alternate === component.code || !codes.includes(alternate))
          context.addIssue({
            code: 'custom',
            path: [index, 'alternates', at],
            message: bilingual(
              `Giấy tờ thay thế ${alternate} không phải thành phần hồ sơ khác của thủ tục.`,
              `Alternate ${alternate} is not another document component of the procedure.`,
            ),
          });
      });
    });
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
    requiredDocuments: RequiredDocumentsSchema.meta({
      description: 'Thành phần hồ sơ: each attachment of a dossier names one by its code.',
    }),
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
