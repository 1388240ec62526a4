import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
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
import {
  revealLookupSecret,
  type SubmitPorts,
  submitDossier,
} from '../../shared/app/intake/submit-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema } from '../../shared/contracts/dossiers.ts';
import { type HttpHandler, httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { idempotencyKeyHeader } from '../../shared/http/idempotency.ts';
import { json } from '../../shared/http/responses.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { submitDossierSpec } from './submit.spec.ts';

const env = loadEnv(submitDossierSpec.env);
const kms = new KmsSigner();
const session = new SessionSigner(kms, env.SIGNING_KEY_ID, env.SESSION_KEY_LIFETIME_SECONDS * 1000);
const sealer = new SecretSealer(env.DATA_KEY_ID);
const ports: SubmitPorts = {
  reference: new ReferenceStore(env.REFERENCE_TABLE),
  counters: new SequenceCounter(env.COUNTERS_TABLE),
  uploads: new AttachmentStore(env.ATTACHMENTS_BUCKET),
  claims: { uploads: new UploadClaims(env.IDEMPOTENCY_TABLE), table: env.IDEMPOTENCY_TABLE },
  dossiers: new DossierStore(env.DOSSIERS_TABLE, new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE)),
  refusedWrite: (error) => error instanceof TransactionCanceledException,
  signers: { session, kms, keys: { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID } },
  sealer,
  routing: { queues: env.TIER_QUEUE_URLS, send: sendToTierQueue },
  log: logger,
  now: () => new Date(),
};

/** Answers kept for replays hold the lookup secret sealed: only the citizen's copy, on the wire, has it in clear. */
export const handler: HttpHandler = async (event, context) =>
  revealLookupSecret(sealer, SecretSealer.isSealed, await receive(event, context));

const receive = httpEndpoint(
  async (event) => {
    const request = parseJsonBody(event, SubmitDossierRequestSchema);
    const submission = { idempotencyKey: event.headers['idempotency-key'], body: event.body ?? '' };
    const received = await submitDossier(ports, request, submission);
    if (!received.replayed) count(BusinessMetric.DossierReceived);
    return json(201, received.answer);
  },
  ...idempotencyKeyHeader(env.IDEMPOTENCY_TABLE),
);
