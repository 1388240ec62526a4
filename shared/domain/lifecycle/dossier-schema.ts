import * as z from 'zod';
import { bilingual } from '../common/field-issues.ts';
import {
  BilingualMessageSchema,
  multilineText,
  nameText,
  optionalText,
  text,
} from '../common/text-schema.ts';
import { ATTACHMENT_KEY_PATTERN, isSafeFileName } from '../intake/attachment.ts';
import { FeedbackSchema } from '../intake/feedback-schema.ts';
import { SignedDocumentSchema } from '../signing/signed-document.ts';
import { type Channel, ChannelSchema, DossierStatusSchema } from './status-schemas.ts';

export { type Channel, ChannelSchema, DossierStatusSchema };

const phone = z
  .string()
  .overwrite((value) => value.replace(/[\s.-]/g, ''))
  .regex(/^(\+84|0)\d{9,10}$/, { message: 'phone must be a Vietnamese number such as 0912345678' });

/**
 * The personal identification number ("Số định danh cá nhân", 12 digits, on the citizen ID card and
 * in VNeID). Nine digits still parse so that the refusal can say why the old ID card no longer serves.
 */
export const PersonalIdNumberSchema = z
  .string()
  .trim()
  .regex(/^(\d{9}|\d{12})$/, {
    message: bilingual(
      'Số định danh cá nhân phải gồm 12 chữ số.',
      'idNumber must be the 12-digit personal identification number',
    ),
  })
  .meta({
    description:
      'Số định danh cá nhân, 12 digits. A 9-digit ID card (CMND) number is refused (422 ID_CARD_NO_LONGER_VALID): it is no longer valid since 1/1/2025.',
    example: '001203000123',
  });

const contact = { address: text(300), phone, email: z.email().max(254).optional() };

/** Who submits on the applicant's behalf, and the authorisation they hold. */
export const RepresentativeSchema = z
  .object({
    fullName: nameText(120),
    idNumber: PersonalIdNumberSchema,
    phone: phone.optional(),
    authorisationDocument: text(300).meta({
      description:
        'Văn bản ủy quyền: kind, number and date, e.g. "Giấy ủy quyền số 12/2026/UQ ngày 20/11/2026".',
    }),
  })
  .meta({ id: 'Representative' });

const representative = RepresentativeSchema.optional();

export const IndividualApplicantSchema = z
  .object({
    kind: z.literal('individual').default('individual'),
    fullName: nameText(120),
    idNumber: PersonalIdNumberSchema,
    ...contact,
    representative,
  })
  .meta({ id: 'IndividualApplicant', description: 'A Vietnamese citizen; `kind` may be left out.' });

export const OrganisationApplicantSchema = z
  .object({
    kind: z.literal('organisation'),
    name: nameText(300),
    taxCode: z
      .string()
      .overwrite((value) => value.replace(/\s/g, '').replace(/^(\d{10})(\d{3})$/, '$1-$2'))
      .regex(/^\d{10}(-\d{3})?$/, {
        message: bilingual(
          'Mã số doanh nghiệp/mã số thuế gồm 10 chữ số, hoặc 13 chữ số dạng 0101234567-001 với đơn vị phụ thuộc.',
          'taxCode must be the 10-digit enterprise/tax code, or 13 digits as 0101234567-001 for a dependent unit',
        ),
      })
      .meta({ description: 'Mã số doanh nghiệp / mã số thuế.', example: '0101234567' }),
    legalRepresentative: nameText(120).meta({ description: 'Người đại diện theo pháp luật.' }),
    ...contact,
    representative,
  })
  .meta({ id: 'OrganisationApplicant' });

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** ICU also names groupings and private-use codes that are no country of the ISO 3166-1 list. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);
const isCountryCode = (code: string) =>
  /^[A-Z]{2}$/.test(code) && !NOT_COUNTRIES.has(code) && regionNames.of(code) !== undefined;

export const ForeignerApplicantSchema = z
  .object({
    kind: z.literal('foreigner'),
    fullName: nameText(120),
    passportNumber: z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^[A-Z0-9]{5,20}$/, {
        message: bilingual(
          'Số hộ chiếu gồm 5–20 chữ cái hoặc chữ số.',
          'passportNumber must be 5–20 letters or digits',
        ),
      }),
    nationality: z
      .string()
      .trim()
      .toUpperCase()
      .refine((code) => code !== 'VN' && isCountryCode(code), {
        message: bilingual(
          'Quốc tịch là mã quốc gia ISO 3166 hai chữ cái (không phải VN).',
          'nationality must be an ISO 3166 alpha-2 country code other than VN',
        ),
      })
      .meta({ example: 'KR' }),
    ...contact,
    representative,
  })
  .meta({ id: 'ForeignerApplicant' });

export const ApplicantSchema = z
  .discriminatedUnion(
    'kind',
    [IndividualApplicantSchema, OrganisationApplicantSchema, ForeignerApplicantSchema],
    {
      error: (issue) =>
        issue.input === undefined
          ? undefined
          : bilingual(
              'Loại người nộp (kind) phải là individual, organisation hoặc foreigner.',
              'kind must be individual, organisation or foreigner',
            ),
    },
  )
  .meta({ id: 'Applicant' });

export const DossierAttachmentSchema = z.object({
  key: z.string().regex(ATTACHMENT_KEY_PATTERN, { message: 'key must be one returned by POST /attachments' }),
  documentCode: z
    .string()
    .regex(/^[A-Z0-9_]{2,40}$/)
    .optional()
    .meta({
      description:
        "The procedure's document component this file is (requiredDocuments[].code); required when the procedure lists components.",
    }),
  fileName: text(200).refine(isSafeFileName, {
    message: 'fileName must not contain path separators, "..", quotes or control characters',
  }),
});

export const SubmitDossierRequestSchema = z
  .object({
    procedureCode: z.string().min(3).max(60),
    channel: ChannelSchema.default('online'),
    applicant: ApplicantSchema,
    attachments: z.array(DossierAttachmentSchema).max(20).default([]),
    note: multilineText(2000).optional(),
    wantsMail: z.boolean().default(true),
  })
  .meta({ id: 'SubmitDossierRequest' });

/** The citizen's answer to a request for supplementary documents (form 02), sent from the lookup page. */
export const SupplementRequestSchema = z
  .object({
    attachments: z.array(DossierAttachmentSchema).min(1).max(20),
    note: multilineText(2000).optional(),
  })
  .meta({ id: 'SupplementRequest' });

export const SupplementResponseSchema = z
  .object({
    dossierCode: z.string(),
    status: DossierStatusSchema,
    syncCode: z.number().int(),
    suppliedAt: z.iso.datetime({ offset: true }),
    attachments: z.array(z.object({ fileName: z.string(), documentCode: z.string().optional() })),
  })
  .meta({ id: 'SupplementResponse' });

export const HistoryEntrySchema = z.object({
  status: DossierStatusSchema.or(z.enum(['routed', 'acknowledged'])),
  at: z.iso.datetime({ offset: true }),
  by: z.string(),
  note: optionalText(500),
});

const AgencyRefSchema = z.object({ code: z.string(), name: z.string(), tier: z.string() });

export const DossierViewSchema = z
  .object({
    dossierCode: z.string(),
    status: DossierStatusSchema,
    statusLabel: BilingualMessageSchema,
    syncCode: z.number().int(),
    procedure: z.object({ code: z.string(), name: z.string() }),
    agency: AgencyRefSchema.meta({ description: 'The unit that received the dossier.' }),
    currentAgency: AgencyRefSchema.meta({ description: 'The unit holding the dossier now.' }),
    channel: ChannelSchema,
    submittedAt: z.iso.datetime({ offset: true }).optional(),
    receivedAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'When the one-stop desk received the dossier; absent until then.' }),
    dueAt: z.iso
      .datetime({ offset: true })
      .optional()
      .meta({ description: 'The appointment for the result; absent until the dossier is received.' }),
    dueAtWording: z.string().meta({
      example: '17 giờ 00 phút, ngày 27 tháng 11 năm 2026',
      description: 'The appointment in words, or "Chờ tiếp nhận" while the dossier awaits reception.',
    }),
    awaitingReception: z
      .boolean()
      .meta({ description: 'Submitted online and not yet checked and received by the one-stop desk.' }),
    remaining: z
      .object({ late: z.boolean(), workingMinutes: z.number().int(), vi: z.string(), en: z.string() })
      .optional()
      .meta({ description: 'Working time left (or late by) while the dossier is open and its clock runs.' }),
    history: z.array(HistoryEntrySchema.extend({ label: BilingualMessageSchema })),
    receipt: SignedDocumentSchema.optional().meta({
      description: 'Form 01 as signed at reception; absent until the dossier is received.',
    }),
    apology: z
      .object({
        state: z.enum(['draft', 'approved']),
        missedDueAt: z.iso.datetime({ offset: true }),
        newDueAt: z.iso.datetime({ offset: true }).optional(),
      })
      .optional()
      .meta({ description: 'Form 04, once the dossier became late; downloadable when approved.' }),
    supplement: z
      .object({
        requestedAt: z.iso.datetime({ offset: true }),
        reason: z.string(),
        documents: z.array(z.string()),
        suppliedAt: z.iso.datetime({ offset: true }).optional(),
      })
      .optional()
      .meta({
        description:
          'The latest request for supplementary documents (form 02); while the status is supplement_requested the citizen answers it with POST /dossiers/{code}/supplement.',
      }),
    feedback: FeedbackSchema.optional(),
    feedbackOpen: z.boolean().meta({ description: 'Settled and not rated yet: feedback is accepted.' }),
    progress: z
      .object({
        done: z.array(
          z.object({
            step: z.string(),
            label: BilingualMessageSchema,
            finishedAt: z.iso.datetime({ offset: true }),
          }),
        ),
        current: z.array(
          z.object({
            step: z.string(),
            label: BilingualMessageSchema,
            since: z.iso.datetime({ offset: true }),
            unit: z.string(),
          }),
        ),
      })
      .optional()
      .meta({
        description:
          'The internal process in plain words: the steps done and the one(s) under way, without officers’ names; absent for dossiers received before processes.',
      }),
  })
  .meta({ id: 'DossierView' });

export type SubmitDossierRequest = z.infer<typeof SubmitDossierRequestSchema>;
export type SupplementRequest = z.infer<typeof SupplementRequestSchema>;
export type SupplementResponse = z.infer<typeof SupplementResponseSchema>;
export type DossierView = z.infer<typeof DossierViewSchema>;
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;
