/**
 * The shapes of the items the stores read back from DynamoDB. Every item read is parsed with one of
 * these, so a malformed item fails where it is read, naming the table and the attribute, instead of
 * flowing on under a type it does not have. They check structure, not the rules of the requests the
 * items came from, and keep attributes they do not name (index keys, attributes of other writers).
 */
import * as z from 'zod';
import { TierSchema } from '../domain/agencies/tier-schema.ts';
import { AUDIT_KINDS } from '../domain/audit/audit.ts';
import { keysOf } from '../domain/common/keys.ts';
import {
  DOCUMENT_KINDS,
  DocumentEnvelopeSchema,
  STATUS_CODES,
  StoredAttachmentSchema,
} from '../domain/documents/document-schema.ts';
import { RECALL_STATES, RECIPIENT_STATES } from '../domain/documents/documents.ts';
import { DOSSIER_STATUS_NAMES } from '../domain/lifecycle/dossier-status.ts';
import { OFFICER_ROLES } from '../domain/officers/officers.ts';
import { STEP_ACTIONS } from '../domain/process/process-definition.ts';
import { FileSignatureSchema, SignatureSchema } from '../domain/signing/signed-document.ts';

export { parseItem, parseOptionalItem, wellFormedItems } from './parse-item.ts';
export * from './stored-kpi-items.ts';
export * from './stored-webhook-items.ts';

const record = z.record(z.string(), z.unknown());
const optionalString = z.string().optional();
const optionalNumber = z.number().optional();
const TimelinessSchema = z.enum(['early', 'on_time', 'late']);
const STATUS_NAMES = keysOf(STATUS_CODES);

const AgencyRefSchema = z.looseObject({ code: z.string(), name: z.string(), tier: TierSchema });

const StoredSignedDocumentSchema = z.looseObject({
  document: record,
  canonical: z.string(),
  signature: SignatureSchema,
});

const storedContact = {
  address: z.string(),
  phone: z.string(),
  email: optionalString,
  representative: z
    .looseObject({
      fullName: z.string(),
      idNumber: z.string(),
      phone: optionalString,
      authorisationDocument: z.string(),
    })
    .optional(),
};

/** Dossiers from before applicant kinds have no `kind`: individuals. */
const StoredApplicantSchema = z.union([
  z.looseObject({
    kind: z.literal('individual').optional(),
    fullName: z.string(),
    idNumber: z.string(),
    ...storedContact,
  }),
  z.looseObject({
    kind: z.literal('organisation'),
    name: z.string(),
    taxCode: z.string(),
    legalRepresentative: z.string(),
    ...storedContact,
  }),
  z.looseObject({
    kind: z.literal('foreigner'),
    fullName: z.string(),
    passportNumber: z.string(),
    nationality: z.string(),
    ...storedContact,
  }),
]);

const StoredStepUnitSchema = z.looseObject({ code: z.string(), name: z.string(), tier: TierSchema });
/** A process step being worked on, as stored. */
const StoredActiveStepSchema = z.looseObject({
  step: z.string(),
  name: z.looseObject({ vi: z.string(), en: z.string() }),
  role: z.enum(OFFICER_ROLES),
  unit: StoredStepUnitSchema,
  assignee: optionalString,
  startedAt: z.string(),
  dueAt: z.string(),
  budgetMinutes: z.number(),
  handedOverBy: z.string(),
  pausedWorkingMinutes: optionalNumber,
  overdueAlertedAt: optionalString,
});
/** A finished step (a control-slip row), as stored. */
const StoredStepRecordSchema = StoredActiveStepSchema.extend({
  finishedAt: z.string(),
  finishedBy: z.string(),
  action: z.enum([...STEP_ACTIONS, 'withdraw']),
  next: z.array(z.string()),
  timeliness: TimelinessSchema,
  workingMinutes: z.number(),
});

export const StoredDossierSchema = z.looseObject({
  dossierCode: z.string(),
  kpiShard: z.string(),
  version: z.number(),
  currentAgencyCode: z.string(),
  agency: AgencyRefSchema,
  procedure: z.looseObject({ code: z.string(), name: z.string() }),
  channel: z.enum(['online', 'counter', 'postal']),
  status: z.enum(DOSSIER_STATUS_NAMES),
  submittedAt: optionalString,
  receivedAt: optionalString,
  dueAt: optionalString,
  extendedDueAt: optionalString,
  applicant: StoredApplicantSchema,
  attachments: z.array(
    z.looseObject({
      key: z.string(),
      uploadKey: optionalString,
      fileName: z.string(),
      documentCode: optionalString,
      contentType: z.string(),
      sha256: optionalString,
      sizeBytes: optionalNumber,
      suppliedAt: optionalString,
    }),
  ),
  note: optionalString,
  wantsMail: z.boolean(),
  lookupSecretHash: z.string(),
  receipt: StoredSignedDocumentSchema.optional(),
  history: z.array(
    z.looseObject({
      status: z.enum([...DOSSIER_STATUS_NAMES, 'routed', 'acknowledged']),
      at: z.string(),
      by: z.string(),
      note: optionalString,
    }),
  ),
  routing: z.looseObject({
    tier: TierSchema,
    queuedAt: optionalString,
    arrivedAt: optionalString,
    acknowledgedAt: optionalString,
  }),
  feedback: z
    .looseObject({
      rating: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
      comment: optionalString,
      at: z.string(),
    })
    .optional(),
  currentAgency: AgencyRefSchema,
  clock: z.looseObject({ pausedAt: z.string(), remainingWorkingMinutes: z.number() }).optional(),
  pausesForPayment: z.boolean().optional(),
  pausedWorkingMinutes: optionalNumber,
  supplementRequests: z.number(),
  controlSlip: z.array(
    z.looseObject({
      from: AgencyRefSchema,
      to: AgencyRefSchema,
      handedOverBy: z.string(),
      at: z.string(),
      dueAt: z.string(),
      result: TimelinessSchema,
      note: optionalString,
    }),
  ),
  settledAt: optionalString,
  result: z
    .looseObject({
      documentKey: optionalString,
      uploadKey: optionalString,
      documentSha256: optionalString,
      documentSizeBytes: optionalNumber,
      documentSignature: FileSignatureSchema.extend({ sha256: z.string() }).optional(),
      completedBy: z.string(),
      timeliness: TimelinessSchema,
      processingWorkingMinutes: optionalNumber,
    })
    .optional(),
  outcome: z
    .looseObject({ form: optionalString, reason: optionalString, amountVnd: optionalNumber })
    .optional(),
  apology: z
    .looseObject({
      state: z.enum(['draft', 'approved']),
      draftedAt: z.string(),
      draftedBy: optionalString,
      reason: optionalString,
      missedDueAt: z.string(),
      proposedDueAt: z.string(),
      approvedAt: optionalString,
      approvedBy: optionalString,
      newDueAt: optionalString,
      letter: StoredSignedDocumentSchema.optional(),
    })
    .optional(),
  supplement: z
    .looseObject({
      requestedAt: z.string(),
      reason: z.string(),
      documents: z.array(z.string()),
      suppliedAt: optionalString,
    })
    .optional(),
  process: z
    .looseObject({
      code: z.string(),
      version: z.number(),
      statutoryMinutes: z.number(),
      active: z.array(StoredActiveStepSchema),
      done: z.array(StoredStepRecordSchema),
      draftedBy: optionalString,
      arrived: z.record(z.string(), z.array(z.string())).optional(),
    })
    .optional(),
  leaderAlertedAt: optionalString,
});

/** What the KPI indexes and stream images carry: any part of a dossier. */
export const StoredDossierPartSchema = StoredDossierSchema.partial();

export const StoredIntakeClaimSchema = z.looseObject({
  id: z.string(),
  dossierCode: z.string(),
  bodyHash: z.string(),
  response: record,
  expiration: z.number(),
});

export const StoredUploadClaimSchema = z.looseObject({
  id: z.string(),
  uploadKey: z.string(),
  dossierCode: z.string(),
  claimedAt: z.string(),
});

export const StoredAuditEntrySchema = z.looseObject({
  chain: z.string(),
  seq: z.number(),
  prevHash: z.string(),
  hash: z.string(),
  kind: z.enum(AUDIT_KINDS),
  action: z.string(),
  actor: z.string(),
  at: z.string(),
  details: record,
});

export const StoredPendingChainSchema = z.looseObject({ chain: z.string(), seq: z.number() });

const OrganSchema = z.looseObject({
  organId: z.string(),
  organName: z.string(),
  organAdd: optionalString,
  email: optionalString,
  telephone: optionalString,
});

export const StoredDocumentHeaderSchema = z.looseObject({
  id: z.string(),
  documentId: z.string(),
  senderOrganId: z.string(),
  senderTier: TierSchema,
  sentAt: z.string(),
  contentHash: z.string(),
  // Written as the output of this schema (at send or edXML import): parsing it again changes nothing.
  envelope: DocumentEnvelopeSchema,
  signature: SignatureSchema,
  attachments: z.array(StoredAttachmentSchema),
  routedAt: optionalString,
});

export const StoredRecipientSchema = z.looseObject({
  id: z.string(),
  documentId: z.string(),
  recipient: OrganSchema,
  recipientTier: TierSchema,
  senderOrganId: z.string(),
  senderTier: TierSchema,
  subject: z.string(),
  kind: z.enum(DOCUMENT_KINDS),
  promulgationDate: z.string(),
  sentAt: z.string(),
  state: z.enum(RECIPIENT_STATES),
  recall: z.enum(RECALL_STATES).optional(),
  steps: z.array(
    z.looseObject({
      statusId: z.string(),
      status: z.enum(STATUS_NAMES),
      code: z.string(),
      at: z.string(),
      by: z.string(),
      note: optionalString,
      signature: SignatureSchema.optional(),
    }),
  ),
  acks: z.record(
    z.string(),
    z.looseObject({ status: z.enum(STATUS_NAMES), code: z.string(), at: z.string(), receivedAt: z.string() }),
  ),
  version: z.number(),
});
