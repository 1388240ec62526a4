import { createHash } from 'node:crypto';
import { DomainError } from '../common/errors.ts';

/**
 * The idempotency library records a request's answer only after the handler returns. A request cut
 * off after the dossier was written (a crash, a timeout, an emulator restart) leaves its record in
 * progress; once that expires, a retry would create a second dossier. So intake writes a claim for
 * the key in the same transaction as the dossier, holding the answer, and a retry finding the claim
 * gets that answer instead.
 */
export const INTAKE_CLAIM_SECONDS = 24 * 3600;

export interface IntakeClaim {
  id: string;
  dossierCode: string;
  bodyHash: string;
  response: Record<string, unknown>;
  expiration: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

export const intakeClaimId = (idempotencyKey: string) => `intake#${sha256(idempotencyKey)}`;

export function newIntakeClaim(
  idempotencyKey: string,
  body: string,
  dossierCode: string,
  response: Record<string, unknown>,
  now: Date,
): IntakeClaim {
  return {
    id: intakeClaimId(idempotencyKey),
    dossierCode,
    bodyHash: sha256(body),
    response,
    expiration: Math.floor(now.getTime() / 1000) + INTAKE_CLAIM_SECONDS,
  };
}

/** The earlier answer when the claim is for this very request body; undefined when it has expired. */
export function claimedAnswer(
  claim: IntakeClaim | undefined,
  body: string,
  now: Date,
): { sameBody: boolean; response: Record<string, unknown> } | undefined {
  if (!claim || claim.expiration * 1000 < now.getTime()) return undefined;
  return { sameBody: claim.bodyHash === sha256(body), response: claim.response };
}

export function idempotencyKeyReused(): DomainError {
  return new DomainError('IDEMPOTENCY_KEY_REUSED', {
    vi: 'Idempotency-Key này đã được dùng cho một yêu cầu khác.',
    en: 'This Idempotency-Key was already used for a different request.',
  });
}
