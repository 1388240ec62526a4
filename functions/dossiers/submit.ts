import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import type { APIGatewayProxyResult } from 'aws-lambda';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { SecretSealer } from '../../shared/adapters/secret-sealer.ts';
import { SequenceCounter } from '../../shared/adapters/sequence-counter.ts';
import { SessionSigner } from '../../shared/adapters/session-signer.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { sendToTierQueue } from '../../shared/adapters/tier-queue.ts';
import { UploadClaims } from '../../shared/adapters/upload-claims.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv, submitDossierEnv } from '../../shared/config/env.ts';
import type { AgencyRecord } from '../../shared/contracts/catalog.ts';
import { type SubmitDossierRequest, SubmitDossierRequestSchema } from '../../shared/contracts/dossiers.ts';
import { maskedApplicant } from '../../shared/domain/applicant.ts';
import {
  ATTACHMENT_MAX_BYTES,
  attachmentAlreadyUsed,
  attachmentsRejected,
  dossierFileKey,
  fileChangedMessage,
  newUploadClaim,
  repeatedUploads,
  uploadName,
} from '../../shared/domain/attachment.ts';
import { nextAuditEntry } from '../../shared/domain/audit.ts';
import { dailySequenceKey, formatDossierCode } from '../../shared/domain/dossier-code.ts';
import { DOSSIER_STATUSES } from '../../shared/domain/dossier-status.ts';
import type { FieldIssue } from '../../shared/domain/errors.ts';
import {
  type CheckedFile,
  checkUploadedFile,
  isCheckedFile,
  prepareDossier,
  unknownProcedure,
} from '../../shared/domain/intake.ts';
import { claimedAnswer, intakeClaimId, newIntakeClaim } from '../../shared/domain/intake-claim.ts';
import { hashLookupSecret, newLookupSecret } from '../../shared/domain/lookup-secret.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { chooseSigningKey } from '../../shared/domain/signing-keys.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { type HttpHandler, httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { idempotencyKeyHeader, idempotencyKeyReused } from '../../shared/http/idempotency.ts';
import { json } from '../../shared/http/responses.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';

const env = loadEnv(submitDossierEnv);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const counters = new SequenceCounter(env.COUNTERS_TABLE);
const attachments = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const claims = new UploadClaims(env.IDEMPOTENCY_TABLE);
// Receipts are signed with a session key certified by the KMS key: one KMS call per session, not per dossier.
const kms = new KmsSigner();
const sessionSigner = new SessionSigner(kms, env.SIGNING_KEY_ID, env.SESSION_KEY_LIFETIME_SECONDS * 1000);
const signingKeys = { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID };
const sealer = new SecretSealer(env.DATA_KEY_ID);

/**
 * The answer is kept for replays (the intake claim, the idempotency record) with the lookup secret
 * sealed: only the citizen's copy, on the wire, carries it in clear.
 */
export const handler: HttpHandler = async (event, context) =>
  withSecretRevealed(await receive(event, context));

const receive = httpEndpoint(
  async (event) => {
    const request = parseJsonBody(event, SubmitDossierRequestSchema);
    const idempotencyKey = event.headers['idempotency-key'];
    const body = event.body ?? '';
    const earlier = idempotencyKey ? await claimedFor(idempotencyKey, body) : undefined;
    if (earlier) return earlier;
    const procedure = await reference.getProcedure(request.procedureCode);
    if (!procedure) throw unknownProcedure(request.procedureCode);
    const agency = await reference.getAgency(procedure.agencyCode);
    if (!agency) throw new Error(`Procedure ${procedure.code} names unknown agency ${procedure.agencyCode}`);
    const uploadKeys = request.attachments.map((attachment) => attachment.key);
    repeatedUploads(uploadKeys, attachmentField);
    await refuseClaimedUploads(request);
    const received = await receiveFiles(request);

    const receivedAt = new Date();
    const dossierCode = formatDossierCode(
      agency.code,
      receivedAt,
      await counters.next(dailySequenceKey(agency.code, receivedAt)),
    );
    await bindFiles(request, received, dossierCode);
    const lookupSecret = newLookupSecret();
    const prepared = prepareDossier({
      request,
      procedure,
      agency,
      dossierCode,
      receivedAt,
      files: received.map(({ file }) => file),
      lookupSecretHash: hashLookupSecret(lookupSecret),
      calendar: workingCalendar,
    });
    const canonical = canonicalJson(prepared.receipt);
    const receipt = {
      document: { ...prepared.receipt },
      canonical,
      signature: await signReceipt(agency, canonical),
    };
    const firstEntry = nextAuditEntry(dossierCode, undefined, {
      kind: 'submission',
      action: 'submitted',
      actor: request.channel,
      at: prepared.record.receivedAt,
      details: { procedure: procedure.code, receiptSignature: receipt.signature.value },
    });
    const answer = {
      dossierCode,
      status: prepared.record.status,
      syncCode: DOSSIER_STATUSES[prepared.record.status].syncCode,
      receivedAt: prepared.record.receivedAt,
      dueAt: prepared.record.dueAt,
      lookupSecret: await sealer.seal(lookupSecret, dossierCode),
      receipt,
    };
    const claim = idempotencyKey && {
      tableName: env.IDEMPOTENCY_TABLE,
      item: newIntakeClaim(idempotencyKey, body, dossierCode, answer, receivedAt),
    };
    const uploadClaims = uploadKeys.map((key) =>
      claims.putItem(newUploadClaim(key, dossierCode, prepared.record.receivedAt)),
    );
    try {
      await dossiers.create({ ...prepared.record, receipt }, firstEntry, claim || undefined, uploadClaims);
    } catch (error) {
      if (!(error instanceof TransactionCanceledException)) throw error;
      // A retry of the same request got there first: its dossier is the one.
      const first = idempotencyKey ? await claimedFor(idempotencyKey, body) : undefined;
      if (first) return first;
      // Another dossier claimed one of the uploads since they were checked.
      await refuseClaimedUploads(request);
      throw error;
    }
    logger.info('dossier received', {
      dossierCode,
      procedure: procedure.code,
      applicant: maskedApplicant(request.applicant),
    });
    count(BusinessMetric.DossierReceived);

    // The dossier is already received: a routing failure must not turn into an error that invites a
    // resubmission. It stays without `routing.queuedAt`, which is what a re-send sweep looks for.
    try {
      const queueUrl = env.TIER_QUEUE_URLS[agency.tier];
      if (!queueUrl) throw new Error(`No queue is configured for tier ${agency.tier}`);
      const sentAt = toVietnamIso(new Date());
      await sendToTierQueue(queueUrl, {
        type: 'dossier.received',
        dossierCode,
        agencyCode: agency.code,
        tier: agency.tier,
        sentAt,
      });
      await dossiers.markQueued(dossierCode, sentAt);
    } catch (error) {
      logger.error('dossier stored but not routed', { dossierCode, error: error as Error });
    }

    return json(201, answer);
  },
  ...idempotencyKeyHeader(env.IDEMPOTENCY_TABLE),
);

const attachmentField = (index: number) => `attachments.${index}.key`;

/** 409 when an upload the request names already belongs to a dossier. */
async function refuseClaimedUploads(request: SubmitDossierRequest): Promise<void> {
  const claimed = new Set(
    (await claims.existing(request.attachments.map((a) => a.key))).map((c) => c.uploadKey),
  );
  const used = request.attachments.flatMap((attachment, index) =>
    claimed.has(attachment.key) ? [{ field: attachmentField(index), fileName: attachment.fileName }] : [],
  );
  if (used.length > 0) throw attachmentAlreadyUsed(used);
}

/**
 * Reads each upload once, checks and hashes exactly those bytes; one file at a time, so a dossier
 * of twenty 10 MB scans never holds more than one in memory. 422 naming every refused file.
 */
async function receiveFiles(request: SubmitDossierRequest) {
  const issues: FieldIssue[] = [];
  const received: { file: CheckedFile; etag: string }[] = [];
  for (const [index, attachment] of request.attachments.entries()) {
    const upload = await attachments.readUpload(attachment.key, ATTACHMENT_MAX_BYTES);
    const outcome = await checkUploadedFile(attachment.fileName, upload);
    if (upload && isCheckedFile(outcome)) received.push({ file: outcome, etag: upload.etag });
    else if (!isCheckedFile(outcome)) issues.push({ field: attachmentField(index), message: outcome });
  }
  if (issues.length > 0) throw attachmentsRejected(issues);
  return received;
}

/** Copies each checked upload to the dossier's own key, refusing any replaced since it was read. */
async function bindFiles(
  request: SubmitDossierRequest,
  received: { file: CheckedFile; etag: string }[],
  dossierCode: string,
): Promise<void> {
  const outcomes = await Promise.all(
    request.attachments.map(async (attachment, index) => {
      const checked = received[index];
      if (!checked) throw new Error(`Attachment ${index} was not checked`);
      const target = dossierFileKey(dossierCode, 'attachments', uploadName(attachment.key));
      const bound = await attachments.bindUpload(attachment.key, checked.etag, target, checked.file);
      return bound
        ? []
        : [{ field: attachmentField(index), message: fileChangedMessage(attachment.fileName) }];
    }),
  );
  const issues = outcomes.flat();
  if (issues.length > 0) throw attachmentsRejected(issues);
}

/** The answer already given to this Idempotency-Key, from the claim written with its dossier. */
async function claimedFor(idempotencyKey: string, body: string) {
  const claim = await dossiers.intakeClaim(env.IDEMPOTENCY_TABLE, intakeClaimId(idempotencyKey));
  const earlier = claimedAnswer(claim, body, new Date());
  if (!earlier) return undefined;
  if (!earlier.sameBody) throw idempotencyKeyReused();
  logger.info('dossier already received under this key', { dossierCode: claim?.dossierCode });
  return json(201, earlier.response);
}

/** ECDSA agencies sign through the session key; the few RSA agencies sign with their KMS key directly. */
function signReceipt(agency: AgencyRecord, canonical: string) {
  const choice = chooseSigningKey(agency, signingKeys);
  return choice.algorithm === 'ECDSA_SHA_256'
    ? sessionSigner.sign(canonical)
    : kms.sign(choice.keyId, canonical, choice.algorithm);
}

async function withSecretRevealed(response: APIGatewayProxyResult): Promise<APIGatewayProxyResult> {
  if (response.statusCode !== 201) return response;
  const answer = JSON.parse(response.body) as { dossierCode: string; lookupSecret: unknown };
  if (!SecretSealer.isSealed(answer.lookupSecret)) return response;
  answer.lookupSecret = await sealer.open(answer.lookupSecret, answer.dossierCode);
  return { ...response, body: JSON.stringify(answer) };
}
