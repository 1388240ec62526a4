import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';
import type { SubmitDossierRequest } from '../../contracts/dossiers.ts';
import type { RoutingMessage } from '../../contracts/routing.ts';
import type { Signature } from '../../contracts/signing.ts';
import type { Tier } from '../../domain/agencies/tiers.ts';
import { type AuditEntry, nextAuditEntry } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { DomainError } from '../../domain/common/errors.ts';
import { maskedApplicant, refuseOldIdCards } from '../../domain/intake/applicant.ts';
import { newUploadClaim, type UploadClaim } from '../../domain/intake/attachment.ts';
import { checkDocumentComponents } from '../../domain/intake/document-components.ts';
import { dailySequenceKey, formatDossierCode } from '../../domain/intake/dossier-code.ts';
import { prepareDossier, unknownProcedure } from '../../domain/intake/intake.ts';
import {
  claimedAnswer,
  type IntakeClaim,
  idempotencyKeyReused,
  intakeClaimId,
  newIntakeClaim,
} from '../../domain/intake/intake-claim.ts';
import { hashLookupSecret, newLookupSecret } from '../../domain/intake/lookup-secret.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { Channel } from '../../domain/lifecycle/dossier-schema.ts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../domain/lifecycle/dossier-status.ts';
import { unitCodes } from '../../domain/officers/officer-view.ts';
import type { ProcessCatalog } from '../../domain/process/process-definition.ts';
import type { SignedDocument } from '../../domain/signing/signed-document.ts';
import { chooseSigningKey, type SigningAlgorithm } from '../../domain/signing/signing-keys.ts';
import type { UploadFiles } from '../file-ports.ts';
import { startDossierProcess } from '../process/process-context.ts';
import { bindFiles, receiveFiles, refuseClaimedUploads, refuseRepeatedUploads } from './receive-uploads.ts';
import { signedReception } from './reception.ts';
import { digestedSearchAttributes, type IdentifierDigests } from './search-attributes.ts';

/** The lookup secret is kept sealed in the answers stored for replays; only the citizen's copy has it in clear. */
export interface LookupSecretSealer {
  seal(plaintext: string, context: string): Promise<string>;
  open(sealed: string, context: string): Promise<string>;
}

export interface SubmitPorts {
  reference: {
    getProcedure(code: string): Promise<Procedure | undefined>;
    getAgency(code: string): Promise<AgencyRecord | undefined>;
  };
  counters: { next(counterKey: string): Promise<number> };
  /** The internal process a dossier received at the counter starts on. */
  processes: ProcessCatalog;
  uploads: UploadFiles;
  /** Claims binding uploads to dossiers, and the table that also holds the intake claims. */
  claims: {
    uploads: {
      existing(uploadKeys: readonly string[]): Promise<UploadClaim[]>;
      /** The write, joined to the dossier's, that claims an upload unless it is claimed already. */
      putItem(claim: UploadClaim): unknown;
    };
    table: string;
  };
  dossiers: {
    /** The dossier, its first audit entry and the claims, all or none; refused when a claim exists. */
    create(
      record: DossierRecord,
      entry: AuditEntry,
      claim?: { tableName: string; item: IntakeClaim },
      uploadClaims?: readonly unknown[],
    ): Promise<void>;
    intakeClaim(tableName: string, id: string): Promise<IntakeClaim | undefined>;
    markQueued(dossierCode: string, queuedAt: string): Promise<void>;
  };
  /** True for the error of a `create` refused by one of its conditions (a claim written meanwhile). */
  refusedWrite(error: unknown): boolean;
  signers: {
    /** A session key certified by the ECDSA key: one key-service call per session, not per dossier. */
    session: { sign(canonical: string): Promise<Signature> };
    kms: { sign(keyId: string, canonical: string, algorithm: SigningAlgorithm): Promise<Signature> };
    keys: { ecdsa: string; rsa: string };
  };
  sealer: LookupSecretSealer;
  /** Keyed digests of applicant identifiers, stored for the officers' search instead of the numbers. */
  identifiers: IdentifierDigests;
  routing: {
    queues: Partial<Record<Tier, string>>;
    send(queueUrl: string, message: RoutingMessage): Promise<void>;
  };
  log: {
    info(message: string, fields: Record<string, unknown>): void;
    error(message: string, fields: Record<string, unknown>): void;
  };
  now(): Date;
  calendar: WorkingCalendar;
}

/** The request as it came: its Idempotency-Key, if any, and its exact body, which a replay must repeat. */
export interface Submission {
  idempotencyKey?: string | undefined;
  body: string;
}

/**
 * What the citizen is told of a new dossier (the lookup secret still sealed). A dossier recorded at
 * the counter or from the post is received at once, so its answer also has the appointment and the
 * signed receipt.
 */
export type ReceivedDossier = {
  dossierCode: string;
  status: DossierStatus;
  syncCode: number;
  submittedAt: string;
  lookupSecret: string;
  receivedAt?: string;
  dueAt?: string;
  receipt?: SignedDocument;
};

/** A new dossier's answer; `replayed` when an earlier request with the same key already created it. */
export type SubmitOutcome =
  | { replayed: false; answer: ReceivedDossier }
  | { replayed: true; answer: Record<string, unknown> };

/** The officer of the receiving unit's one-stop desk who records a counter or postal dossier. */
export interface Desk {
  officer: { id: string; username: string; fullName?: string | undefined };
  /** The unit the officer works for today. */
  unit: { code: string; aliases?: string[] | undefined };
}

/**
 * Submits a dossier online: checks its procedure and uploads, numbers it, stores it as "Mới đăng
 * ký" with its first audit entry and claims, then routes it to its agency's tier queue. No receipt
 * and no appointment: the one-stop desk receives it first (Decree 61/2018 Art. 15–16).
 */
export async function submitDossier(
  ports: SubmitPorts,
  request: SubmitDossierRequest,
  submission: Submission,
): Promise<SubmitOutcome> {
  if (request.channel !== 'online') throw channelNotAllowed(request.channel, 'online');
  const earlier = await claimedFor(ports, submission);
  if (earlier) return { replayed: true, answer: earlier };
  return intake(ports, request, submission);
}

/**
 * An officer of the receiving unit records a dossier handed in at the counter or by post: it is
 * received at once (receipt signed, clock started) by that officer.
 */
export async function recordDossier(
  ports: SubmitPorts,
  request: SubmitDossierRequest,
  submission: Submission,
  desk: Desk,
): Promise<SubmitOutcome> {
  if (request.channel === 'online') throw channelNotAllowed(request.channel, 'counter');
  // The officer's keys are their own: a citizen repeating a key must not meet an officer's answer.
  const own: Submission = {
    ...submission,
    idempotencyKey: submission.idempotencyKey && `officer#${desk.officer.id}#${submission.idempotencyKey}`,
  };
  const earlier = await claimedFor(ports, own);
  if (earlier) return { replayed: true, answer: earlier };
  return intake(ports, request, own, desk);
}

/** 422: the public form submits online only; counter and postal dossiers are an officer's to record. */
export function channelNotAllowed(channel: Channel, allowed: 'online' | 'counter'): DomainError {
  const message =
    allowed === 'online'
      ? {
          vi: `Hồ sơ nộp trực tuyến không thể khai kênh "${channel}": hồ sơ nộp trực tiếp hoặc qua bưu chính do cán bộ bộ phận một cửa của cơ quan tiếp nhận ghi nhận.`,
          en: `An online submission cannot claim the channel "${channel}": counter and postal dossiers are recorded by an officer of the receiving unit.`,
        }
      : {
          vi: 'Cán bộ chỉ ghi nhận hồ sơ nộp trực tiếp (counter) hoặc qua bưu chính (postal); hồ sơ trực tuyến do công dân tự nộp.',
          en: 'Officers record counter or postal dossiers only; online dossiers are submitted by the citizen.',
        };
  return new DomainError('CHANNEL_NOT_ALLOWED', message, [
    {
      field: 'channel',
      message:
        allowed === 'online'
          ? { vi: 'Chỉ được nộp trực tuyến (online).', en: 'Must be online.' }
          : { vi: 'Phải là counter hoặc postal.', en: 'Must be counter or postal.' },
    },
  ]);
}

const otherUnitsProcedure = (procedureCode: string) =>
  new DomainError('FORBIDDEN', {
    vi: `Thủ tục ${procedureCode} không thuộc đơn vị của cán bộ: chỉ đơn vị tiếp nhận thủ tục mới ghi nhận hồ sơ của thủ tục đó.`,
    en: `Procedure ${procedureCode} is not one of the officer's unit: only its receiving unit records its dossiers.`,
  });

const COUNTER_NOTES: Record<Exclude<Channel, 'online'>, string> = {
  counter: 'Tiếp nhận trực tiếp tại bộ phận một cửa',
  postal: 'Tiếp nhận qua dịch vụ bưu chính',
};

async function intake(
  ports: SubmitPorts,
  request: SubmitDossierRequest,
  submission: Submission,
  desk?: Desk,
): Promise<SubmitOutcome> {
  const procedure = await ports.reference.getProcedure(request.procedureCode);
  if (!procedure) throw unknownProcedure(request.procedureCode);
  if (desk && !unitCodes(desk.unit).includes(procedure.agencyCode)) {
    throw otherUnitsProcedure(procedure.code);
  }
  const agency = await ports.reference.getAgency(procedure.agencyCode);
  if (!agency) throw new Error(`Procedure ${procedure.code} names unknown agency ${procedure.agencyCode}`);
  refuseOldIdCards(request.applicant);
  checkDocumentComponents(procedure.requiredDocuments, request.attachments);
  const uploadKeys = request.attachments.map((attachment) => attachment.key);
  refuseRepeatedUploads(request.attachments);
  await refuseClaimedUploads(ports.claims.uploads, request.attachments);
  const received = await receiveFiles(ports.uploads, request.attachments);

  const submittedAt = ports.now();
  const dossierCode = formatDossierCode(
    agency.code,
    submittedAt,
    await ports.counters.next(dailySequenceKey(agency.code, submittedAt)),
  );
  await bindFiles(ports.uploads, request.attachments, received, dossierCode);
  const lookupSecret = newLookupSecret();
  const prepared = prepareDossier({
    request,
    procedure,
    agency,
    dossierCode,
    submittedAt,
    files: received.map(({ file }) => file),
    lookupSecretHash: hashLookupSecret(lookupSecret),
  });
  const submitted = {
    ...prepared,
    ...(await digestedSearchAttributes(prepared.applicant, ports.identifiers)),
  };
  const record = desk
    ? await receivedAtOnce(ports, submitted, { procedure, agency, at: submittedAt, desk })
    : submitted;
  const at = record.submittedAt ?? toVietnamIso(submittedAt);
  const firstEntry = nextAuditEntry(dossierCode, undefined, {
    kind: 'submission',
    action: desk ? 'received' : 'submitted',
    actor: desk ? desk.officer.username : request.channel,
    at,
    details: {
      procedure: procedure.code,
      ...(record.receipt ? { receiptSignature: record.receipt.signature.value } : {}),
    },
  });
  const answer: ReceivedDossier = {
    dossierCode,
    status: record.status,
    syncCode: DOSSIER_STATUSES[record.status].syncCode,
    submittedAt: at,
    lookupSecret: await ports.sealer.seal(lookupSecret, dossierCode),
    ...(record.receivedAt ? { receivedAt: record.receivedAt } : {}),
    ...(record.dueAt ? { dueAt: record.dueAt } : {}),
    ...(record.receipt ? { receipt: record.receipt } : {}),
  };
  const { idempotencyKey, body } = submission;
  const claim = idempotencyKey && {
    tableName: ports.claims.table,
    item: newIntakeClaim(idempotencyKey, body, dossierCode, answer, submittedAt),
  };
  const uploadClaims = uploadKeys.map((key) =>
    ports.claims.uploads.putItem(newUploadClaim(key, dossierCode, at)),
  );
  try {
    await ports.dossiers.create(record, firstEntry, claim || undefined, uploadClaims);
  } catch (error) {
    if (!ports.refusedWrite(error)) throw error;
    // A retry of the same request got there first: its dossier is the one.
    const first = await claimedFor(ports, submission);
    if (first) return { replayed: true, answer: first };
    // Another dossier claimed one of the uploads since they were checked.
    await refuseClaimedUploads(ports.claims.uploads, request.attachments);
    throw error;
  }
  ports.log.info(desk ? 'dossier received' : 'dossier submitted', {
    dossierCode,
    channel: request.channel,
    procedure: procedure.code,
    applicant: maskedApplicant(request.applicant),
  });
  await route(ports, dossierCode, agency);
  return { replayed: false, answer };
}

/** A counter or postal dossier: received by the officer who records it, its receipt signed now. */
async function receivedAtOnce(
  ports: SubmitPorts,
  submitted: DossierRecord,
  context: { procedure: Procedure; agency: AgencyRecord; at: Date; desk: Desk },
): Promise<DossierRecord> {
  const { desk, agency } = context;
  const reception = await signedReception(
    {
      dossier: submitted,
      procedure: context.procedure,
      agency,
      receivedAt: context.at,
      receivedBy: desk.officer.fullName ?? desk.officer.username,
      calendar: ports.calendar,
    },
    (signingAgency, canonical) => signReceipt(ports, signingAgency, canonical),
  );
  const channel = submitted.channel === 'online' ? 'counter' : submitted.channel;
  const process = await startDossierProcess(
    { processes: ports.processes, agency: (code) => ports.reference.getAgency(code) },
    {
      procedure: context.procedure,
      agency,
      currentAgency: submitted.currentAgency,
      receivedAt: reception.receivedAt,
      dueAt: reception.dueAt,
      by: desk.officer.username,
      calendar: ports.calendar,
    },
  );
  return {
    ...submitted,
    ...reception,
    process,
    status: 'accepted',
    history: [
      ...submitted.history,
      {
        status: 'accepted',
        at: reception.receivedAt,
        by: desk.officer.username,
        note: COUNTER_NOTES[channel],
      },
    ],
  };
}

/**
 * The dossier is already stored: a routing failure must not turn into an error that invites a
 * resubmission. It stays without `routing.queuedAt`, which is what a re-send sweep looks for.
 */
async function route(ports: SubmitPorts, dossierCode: string, agency: AgencyRecord): Promise<void> {
  try {
    const queueUrl = ports.routing.queues[agency.tier];
    if (!queueUrl) throw new Error(`No queue is configured for tier ${agency.tier}`);
    const sentAt = toVietnamIso(ports.now());
    await ports.routing.send(queueUrl, {
      type: 'dossier.received',
      dossierCode,
      agencyCode: agency.code,
      tier: agency.tier,
      sentAt,
    });
    await ports.dossiers.markQueued(dossierCode, sentAt);
  } catch (error) {
    ports.log.error('dossier stored but not routed', { dossierCode, error });
  }
}

/** The answer already given to this Idempotency-Key, from the claim written with its dossier. */
async function claimedFor(
  ports: SubmitPorts,
  { idempotencyKey, body }: Submission,
): Promise<Record<string, unknown> | undefined> {
  if (!idempotencyKey) return undefined;
  const claim = await ports.dossiers.intakeClaim(ports.claims.table, intakeClaimId(idempotencyKey));
  const earlier = claimedAnswer(claim, body, ports.now());
  if (!earlier) return undefined;
  if (!earlier.sameBody) throw idempotencyKeyReused();
  ports.log.info('dossier already received under this key', { dossierCode: claim?.dossierCode });
  return earlier.response;
}

/** ECDSA agencies sign through the session key; the few RSA agencies sign with their KMS key directly. */
function signReceipt(ports: SubmitPorts, agency: AgencyRecord, canonical: string) {
  const choice = chooseSigningKey(agency, ports.signers.keys);
  return choice.algorithm === 'ECDSA_SHA_256'
    ? ports.signers.session.sign(canonical)
    : ports.signers.kms.sign(choice.keyId, canonical, choice.algorithm);
}

/**
 * The citizen's copy of a 201 answer (a new one, or one the idempotency layer replays): the lookup
 * secret opened. Any other response passes unchanged.
 */
export async function revealLookupSecret<R extends { statusCode: number; body: string }>(
  sealer: LookupSecretSealer,
  isSealed: (value: unknown) => value is string,
  response: R,
): Promise<R> {
  if (response.statusCode !== 201) return response;
  const answer: unknown = JSON.parse(response.body);
  if (typeof answer !== 'object' || answer === null || !('lookupSecret' in answer)) return response;
  if (!isSealed(answer.lookupSecret) || !('dossierCode' in answer) || typeof answer.dossierCode !== 'string')
    return response;
  const lookupSecret = await sealer.open(answer.lookupSecret, answer.dossierCode);
  return { ...response, body: JSON.stringify({ ...answer, lookupSecret }) };
}
