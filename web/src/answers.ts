import type { AgencyRecord, Procedure } from '../../shared/contracts/catalog.ts';
import type {
  DossierView,
  SubmitDossierResponse,
  SupplementResponse,
} from '../../shared/contracts/dossiers.ts';
import type { KpiResponse } from '../../shared/contracts/kpi.ts';

/**
 * Checks of the API's answers before a page reads them: the parts each page reads must be there
 * and of their kind; anything else is treated like an answer the page does not understand.
 */
export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The string at `key` of an answer, if it has one. */
export function stringAt(value: unknown, key: string): string | undefined {
  if (!isObject(value)) return undefined;
  const field = value[key];
  return typeof field === 'string' ? field : undefined;
}

export interface ProcedureList {
  procedures: Procedure[];
  agencies: AgencyRecord[];
}

export const isProcedureList = (value: unknown): value is ProcedureList =>
  isObject(value) && Array.isArray(value.procedures) && Array.isArray(value.agencies);

export interface UploadResponse {
  key: string;
  url: string;
  fields: Record<string, string>;
}

export const isUploadResponse = (value: unknown): value is UploadResponse =>
  isObject(value) &&
  typeof value.key === 'string' &&
  typeof value.url === 'string' &&
  isObject(value.fields) &&
  Object.values(value.fields).every((field) => typeof field === 'string');

const isSignedDocument = (value: unknown) =>
  isObject(value) &&
  typeof value.canonical === 'string' &&
  isObject(value.document) &&
  isObject(value.signature);

/** The receipt is there once the desk received the dossier (counter and postal ones at once). */
const receiptIfAny = (value: Record<string, unknown>) =>
  value.receipt === undefined || isSignedDocument(value.receipt);

export const isSubmitDossierResponse = (value: unknown): value is SubmitDossierResponse =>
  isObject(value) &&
  typeof value.dossierCode === 'string' &&
  typeof value.lookupSecret === 'string' &&
  typeof value.submittedAt === 'string' &&
  receiptIfAny(value);

export const isDossierView = (value: unknown): value is DossierView =>
  isObject(value) && typeof value.dossierCode === 'string' && receiptIfAny(value);

export const isKpiResponse = (value: unknown): value is KpiResponse =>
  isObject(value) &&
  typeof value.granularity === 'string' &&
  Array.isArray(value.periods) &&
  Array.isArray(value.rows) &&
  isObject(value.formulas);

export const isSupplementResponse = (value: unknown): value is SupplementResponse =>
  isObject(value) &&
  typeof value.dossierCode === 'string' &&
  typeof value.status === 'string' &&
  typeof value.suppliedAt === 'string' &&
  Array.isArray(value.attachments);

export type Feedback = NonNullable<DossierView['feedback']>;

export const isFeedback = (value: unknown): value is Feedback =>
  isObject(value) && typeof value.rating === 'number' && typeof value.at === 'string';

/** A signed PDF's address. */
export const isLink = (value: unknown): value is { url: string } =>
  isObject(value) && typeof value.url === 'string';

export interface Verdict {
  valid: boolean;
  algorithm: string;
  keyId: string;
  key?: { status: string };
  reason?: { vi: string; en: string };
}

export const isVerdict = (value: unknown): value is Verdict =>
  isObject(value) &&
  typeof value.valid === 'boolean' &&
  typeof value.algorithm === 'string' &&
  typeof value.keyId === 'string' &&
  (value.key === undefined || isObject(value.key)) &&
  (value.reason === undefined || isObject(value.reason));

/** A key of the JWKS: EC keys have `crv`, `x` and `y`; RSA keys have `n` and `e`. */
export interface SigningKey {
  kid: string;
  kty: string;
  crv?: string;
  x?: string;
  y?: string;
  n?: string;
  e?: string;
  status: string;
}

const isSigningKey = (value: unknown): value is SigningKey =>
  isObject(value) &&
  ['kid', 'kty', 'status'].every((key) => typeof value[key] === 'string') &&
  ['crv', 'x', 'y', 'n', 'e'].every((key) => value[key] === undefined || typeof value[key] === 'string');

/** A session key's statement as a signature carries it: the canonical JSON and the KMS key's signature. */
export interface Delegation {
  canonical: string;
  value: string;
}

export const isDelegation = (value: unknown): value is Delegation =>
  isObject(value) && typeof value.canonical === 'string' && typeof value.value === 'string';

/** What a session key's statement says: its public key and when it may sign. */
export interface SessionKeyStatement {
  publicKeyPem: string;
  notBefore: string;
  notAfter: string;
}

export const isSessionKeyStatement = (value: unknown): value is SessionKeyStatement =>
  isObject(value) &&
  value.version === 'motcua.session-key/v1' &&
  ['publicKeyPem', 'notBefore', 'notAfter'].every((key) => typeof value[key] === 'string');

export const isSigningKeys = (value: unknown): value is { keys: SigningKey[] } =>
  isObject(value) && Array.isArray(value.keys) && value.keys.every(isSigningKey);
