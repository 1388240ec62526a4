import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';
import type { SubmitDossierRequest } from '../../contracts/dossiers.ts';
import type { RoutingMessage } from '../../contracts/routing.ts';
import type { Signature } from '../../contracts/signing.ts';
import type { Tier } from '../../domain/agencies/tiers.ts';
import { type AuditEntry, nextAuditEntry } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
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
import { canonicalJson } from '../../domain/intake/receipt.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { DOSSIER_STATUSES, type DossierStatus } from '../../domain/lifecycle/dossier-status.ts';
import { chooseSigningKey, type SigningAlgorithm } from '../../domain/signing/signing-keys.ts';
import type { UploadFiles } from '../file-ports.ts';
import { bindFiles, receiveFiles, refuseClaimedUploads, refuseRepeatedUploads } from './receive-uploads.ts';

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

/** What the citizen is told of a new dossier (the lookup secret still sealed). */
export type ReceivedDossier = {
  dossierCode: string;
  status: DossierStatus;
  syncCode: number;
  receivedAt: string;
  dueAt: string;
  lookupSecret: string;
  receipt: { document: Record<string, unknown>; canonical: string; signature: Signature };
};

/** A new dossier's answer; `replayed` when an earlier request with the same key already created it. */
export type SubmitOutcome =
  | { replayed: false; answer: ReceivedDossier }
  | { replayed: true; answer: Record<string, unknown> };

/**
 * Receives a dossier: checks its procedure and uploads, numbers it, signs its receipt (form 01),
 * stores it with its first audit entry and claims, then routes it to its agency's tier queue.
 */
export async function submitDossier(
  ports: SubmitPorts,
  request: SubmitDossierRequest,
  submission: Submission,
): Promise<SubmitOutcome> {
  const earlier = await claimedFor(ports, submission);
  if (earlier) return { replayed: true, answer: earlier };
  return receive(ports, request, submission);
}

async function receive(
  ports: SubmitPorts,
  request: SubmitDossierRequest,
  submission: Submission,
): Promise<SubmitOutcome> {
  const procedure = await ports.reference.getProcedure(request.procedureCode);
  if (!procedure) throw unknownProcedure(request.procedureCode);
  const agency = await ports.reference.getAgency(procedure.agencyCode);
  if (!agency) throw new Error(`Procedure ${procedure.code} names unknown agency ${procedure.agencyCode}`);
  refuseOldIdCards(request.applicant);
  checkDocumentComponents(procedure.requiredDocuments, request.attachments);
  const uploadKeys = request.attachments.map((attachment) => attachment.key);
  refuseRepeatedUploads(request.attachments);
  await refuseClaimedUploads(ports.claims.uploads, request.attachments);
  const received = await receiveFiles(ports.uploads, request.attachments);

  const receivedAt = ports.now();
  const dossierCode = formatDossierCode(
    agency.code,
    receivedAt,
    await ports.counters.next(dailySequenceKey(agency.code, receivedAt)),
  );
  await bindFiles(ports.uploads, request.attachments, received, dossierCode);
  const lookupSecret = newLookupSecret();
  const prepared = prepareDossier({
    request,
    procedure,
    agency,
    dossierCode,
    receivedAt,
    files: received.map(({ file }) => file),
    lookupSecretHash: hashLookupSecret(lookupSecret),
    calendar: ports.calendar,
  });
  const canonical = canonicalJson(prepared.receipt);
  const receipt = {
    document: { ...prepared.receipt },
    canonical,
    signature: await signReceipt(ports, agency, canonical),
  };
  const firstEntry = nextAuditEntry(dossierCode, undefined, {
    kind: 'submission',
    action: 'submitted',
    actor: request.channel,
    at: prepared.record.receivedAt,
    details: { procedure: procedure.code, receiptSignature: receipt.signature.value },
  });
  const answer: ReceivedDossier = {
    dossierCode,
    status: prepared.record.status,
    syncCode: DOSSIER_STATUSES[prepared.record.status].syncCode,
    receivedAt: prepared.record.receivedAt,
    dueAt: prepared.record.dueAt,
    lookupSecret: await ports.sealer.seal(lookupSecret, dossierCode),
    receipt,
  };
  const { idempotencyKey, body } = submission;
  const claim = idempotencyKey && {
    tableName: ports.claims.table,
    item: newIntakeClaim(idempotencyKey, body, dossierCode, answer, receivedAt),
  };
  const uploadClaims = uploadKeys.map((key) =>
    ports.claims.uploads.putItem(newUploadClaim(key, dossierCode, prepared.record.receivedAt)),
  );
  try {
    await ports.dossiers.create(
      { ...prepared.record, receipt },
      firstEntry,
      claim || undefined,
      uploadClaims,
    );
  } catch (error) {
    if (!ports.refusedWrite(error)) throw error;
    // A retry of the same request got there first: its dossier is the one.
    const first = await claimedFor(ports, submission);
    if (first) return { replayed: true, answer: first };
    // Another dossier claimed one of the uploads since they were checked.
    await refuseClaimedUploads(ports.claims.uploads, request.attachments);
    throw error;
  }
  ports.log.info('dossier received', {
    dossierCode,
    procedure: procedure.code,
    applicant: maskedApplicant(request.applicant),
  });
  await route(ports, dossierCode, agency);
  return { replayed: false, answer };
}

/**
 * The dossier is already received: a routing failure must not turn into an error that invites a
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
