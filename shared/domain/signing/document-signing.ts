/**
 * How forms, signed results and apology letters are signed: each by the unit's KMS key (`kms`), or,
 * for units on the ECDSA key, by a session key that key certifies once per function instance and
 * lifetime (`session`, as receipts always are: ADR 0012). Units on the RSA key are signed by KMS in
 * both modes: a 3072-bit session key takes about a second to make, and its statement would not fit
 * in a stored form's metadata beside the signatures.
 */
export const DOCUMENT_SIGNING_MODES = ['kms', 'session'] as const;
export type DocumentSigningMode = (typeof DOCUMENT_SIGNING_MODES)[number];

/**
 * The design peak's form throttles (20/s on each of the two form routes, 2 signatures per first
 * download) keep KMS's shared 300 ECC signatures a second at about a quarter. A deployment planned
 * above that peak scales those throttles past what KMS grants, so its documents are signed with
 * session keys; at or below it each document verifies in one step with the published key.
 */
export function documentSigningFor(
  plannedPeakDossiersPerSecond: number,
  designPeakDossiersPerSecond: number,
): DocumentSigningMode {
  return plannedPeakDossiersPerSecond > designPeakDossiersPerSecond ? 'session' : 'kms';
}
