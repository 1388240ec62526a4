import { createHash } from 'node:crypto';
import * as z from 'zod';
import type { AgencyRecord } from '../../contracts/catalog.ts';
import type { FormDownload } from '../../contracts/forms.ts';
import type { Delegation, FileSignature, Signature } from '../../contracts/signing.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { DomainError, dossierNotFound } from '../../domain/common/errors.ts';
import {
  type FormContent,
  type FormContext,
  type FormNumber,
  formContent,
  placeOf,
} from '../../domain/documents/forms.ts';
import { canonicalJson } from '../../domain/intake/receipt.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { officerMayHandle } from '../../domain/officers/officer-view.ts';
import { CANONICALIZATION } from '../../domain/signing/signature.ts';
import { chooseSigningKey } from '../../domain/signing/signing-keys.ts';
import type { DocumentSigner } from '../file-ports.ts';
import type { DossierGate } from '../lookup/dossier-gate.ts';

/** Where signed forms are kept (the attachments bucket in AWS), with their signatures as metadata. */
export interface FormFiles {
  documentMetadata(key: string): Promise<Record<string, string> | undefined>;
  /** With `onlyIfAbsent`, false when another writer stored the key first (theirs then stands). */
  putDocument(
    key: string,
    bytes: Uint8Array,
    contentType: string,
    metadata: Record<string, string>,
    options: { onlyIfAbsent: boolean },
  ): Promise<boolean>;
  presignDownload(key: string, expiresInSeconds: number, fileName: string): Promise<string>;
}

export interface DownloadFormPorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  reference: { getAgency(code: string): Promise<AgencyRecord | undefined> };
  files: FormFiles;
  signer: DocumentSigner;
  /** Lays the form out as a PDF showing its content signature and a QR code to `verifyUrl`. */
  render(
    content: FormContent,
    signature: Signature,
    signedAt: string,
    verifyUrl: string,
  ): Promise<Uint8Array>;
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  signingKeys: { ecdsa: string; rsa: string };
  /** Where citizens reach the portal, ending in `/`. */
  publicBaseUrl: string;
  now(): Date;
}

/** Who asks: an officer of the unit holding the dossier, or its citizen through the lookup gate. */
export type FormCaller =
  | { kind: 'officer'; username: string; unit(): Promise<{ code: string; aliases?: string[] | undefined }> }
  | { kind: 'citizen'; gate: DossierGate };

const DOWNLOAD_LINK_SECONDS = 300;

/** Forms 01–06 of a dossier as signed PDFs, for its citizen (lookup secret) or the unit holding it. */
export async function downloadForm(
  ports: DownloadFormPorts,
  caller: FormCaller,
  code: string,
  form: FormNumber,
): Promise<FormDownload> {
  const dossier = await openDossier(ports, caller, code);
  if (form === '01' && dossier.receivedAt === undefined) {
    throw new DomainError('NOT_RECEIVED', {
      vi: 'Hồ sơ chưa được tiếp nhận: giấy tiếp nhận hồ sơ và hẹn trả kết quả (mẫu 01) được cấp khi bộ phận một cửa tiếp nhận hồ sơ.',
      en: 'The dossier has not been received yet: the receipt (form 01) is issued when the one-stop desk receives it.',
    });
  }
  const content = formContent(dossier, form, await formContext(ports, dossier, form));
  if (!content) {
    throw new DomainError('NOT_FOUND', {
      vi: `Hồ sơ chưa có mẫu số ${form} ở trạng thái hiện tại.`,
      en: `The dossier has no form ${form} in its current state.`,
    });
  }
  const canonical = canonicalJson(content);
  // The content's digest beside the version: whatever changes the form's text gets a new file.
  const contentDigest = createHash('sha256').update(canonical).digest('hex').slice(0, 16);
  const key = `forms/${code}/${form}-v${dossier.version}-${contentDigest}.pdf`;
  const signed =
    (await storedForm(ports, key)) ?? (await signAndStore(ports, dossier, content, canonical, key));
  const { sha256, pdfSignature, contentSignature } = signed;
  await ports.audit.append(code, {
    kind: 'download',
    action: `form_${form}`,
    actor: caller.kind === 'officer' ? caller.username : 'citizen',
    at: toVietnamIso(ports.now()),
    details: { key, sha256 },
  });
  return {
    form,
    title: content.title,
    url: await ports.files.presignDownload(key, DOWNLOAD_LINK_SECONDS, `${code}-mau-${form}.pdf`),
    sha256,
    pdfSignature,
    verifyUrl: verifyUrlOf(ports, code),
    content: { document: { ...content }, canonical, signature: contentSignature },
  };
}

async function openDossier(ports: DownloadFormPorts, caller: FormCaller, code: string) {
  if (caller.kind === 'citizen')
    return caller.gate.open(code, () => ports.dossiers.get(code), dossierNotFound);
  const dossier = await ports.dossiers.get(code);
  if (!dossier || !officerMayHandle(await caller.unit(), dossier)) throw dossierNotFound();
  return dossier;
}

interface SignedForm {
  sha256: string;
  pdfSignature: FileSignature;
  contentSignature: Signature;
}

/**
 * The header's parent body (the unit's parent in the registry) and the place of the date line (the
 * province the unit belongs to, the topmost body above it), and the dossier's lookup page.
 */
export async function formContext(
  ports: Pick<DownloadFormPorts, 'reference' | 'publicBaseUrl'>,
  dossier: Pick<DossierRecord, 'dossierCode' | 'agency' | 'currentAgency'>,
  form: FormNumber,
): Promise<FormContext> {
  const issuer = form === '01' ? dossier.agency.code : dossier.currentAgency.code;
  const chain: AgencyRecord[] = [];
  for (let code: string | undefined = issuer; code && chain.length < MAX_AGENCY_DEPTH; ) {
    const agency = await ports.reference.getAgency(code);
    if (!agency) break;
    chain.push(agency);
    code = agency.parentCode;
  }
  const top = chain.at(-1);
  return {
    parentAgency: chain[1]?.name,
    place: top ? placeOf(top.name) : undefined,
    lookupUrl: `${ports.publicBaseUrl}lookup?code=${encodeURIComponent(dossier.dossierCode)}`,
  };
}

/** Central → province → district → commune, with room for a unit under a commune. */
const MAX_AGENCY_DEPTH = 6;

const verifyUrlOf = (ports: DownloadFormPorts, code: string) =>
  `${ports.publicBaseUrl}verify?code=${encodeURIComponent(code)}`;

/**
 * A form is rendered and signed once per dossier version and kept under a key naming that version;
 * later downloads are served the same file, so downloads cost no signature and no new object.
 * Both signatures are by the same key and algorithm; the metadata carries them (S3 allows 2 KB), with
 * the session key's statement when one made them (base64, as metadata is ASCII).
 */
async function storedForm(ports: DownloadFormPorts, key: string): Promise<SignedForm | undefined> {
  const metadata = await ports.files.documentMetadata(key);
  if (!metadata) return undefined;
  const parsed = StoredSignaturesSchema.safeParse(metadata);
  if (!parsed.success) return undefined;
  const stored = parsed.data;
  const signer = { keyId: stored['signature-key-id'], algorithm: stored['signature-algorithm'] };
  const pdfDelegation = delegationOf(stored['signature-delegation'], stored['signature-delegation-value']);
  const contentDelegation =
    delegationOf(stored['content-signature-delegation'], stored['content-signature-delegation-value']) ??
    pdfDelegation;
  return {
    sha256: stored.sha256,
    pdfSignature: { ...signer, value: stored['signature-value'], ...pdfDelegation },
    contentSignature: {
      ...signer,
      canonicalization: CANONICALIZATION,
      value: stored['content-signature-value'],
      ...contentDelegation,
    },
  };
}

const base64 = z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/);

const StoredSignaturesSchema = z.object({
  'signature-key-id': z.string().min(1),
  'signature-algorithm': z.enum(['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256']),
  'signature-value': base64,
  'content-signature-value': base64,
  'signature-delegation': base64.optional(),
  'signature-delegation-value': base64.optional(),
  'content-signature-delegation': base64.optional(),
  'content-signature-delegation-value': base64.optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

function delegationOf(canonical: string | undefined, value: string | undefined) {
  if (!canonical || !value) return undefined;
  return { delegation: { canonical: Buffer.from(canonical, 'base64').toString('utf8'), value } };
}

function delegationMetadata(prefix: string, delegation: Delegation | undefined): Record<string, string> {
  if (!delegation) return {};
  return {
    [`${prefix}-delegation`]: Buffer.from(delegation.canonical, 'utf8').toString('base64'),
    [`${prefix}-delegation-value`]: delegation.value,
  };
}

async function signAndStore(
  ports: DownloadFormPorts,
  dossier: DossierRecord,
  content: FormContent,
  canonical: string,
  key: string,
): Promise<SignedForm> {
  // Signed by the key of the unit holding the dossier (ECDSA, or RSA where the registry asks for it).
  const holder = await ports.reference.getAgency(dossier.currentAgency.code);
  const choice = chooseSigningKey(holder ?? {}, ports.signingKeys);
  const contentSignature = await ports.signer.sign(choice.keyId, canonical, choice.algorithm);
  const pdf = await ports.render(
    content,
    contentSignature,
    toVietnamIso(ports.now()),
    verifyUrlOf(ports, dossier.dossierCode),
  );
  const sha256 = createHash('sha256').update(pdf).digest('hex');
  const pdfSignature = await ports.signer.signFile(choice.keyId, pdf, choice.algorithm);
  // A session renewed between the two signatures leaves the content with a statement of its own.
  const contentDelegation =
    contentSignature.delegation?.value === pdfSignature.delegation?.value
      ? undefined
      : contentSignature.delegation;
  const stored = await ports.files.putDocument(
    key,
    pdf,
    'application/pdf',
    {
      'signature-key-id': pdfSignature.keyId,
      'signature-algorithm': pdfSignature.algorithm,
      'signature-value': pdfSignature.value,
      'content-signature-value': contentSignature.value,
      ...delegationMetadata('signature', pdfSignature.delegation),
      ...delegationMetadata('content-signature', contentDelegation),
      sha256,
    },
    { onlyIfAbsent: true },
  );
  // A concurrent first download stored its own rendering first: that one is the form.
  return (stored ? undefined : await storedForm(ports, key)) ?? { sha256, pdfSignature, contentSignature };
}
