import { createHash } from 'node:crypto';
import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import * as z from 'zod';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { LookupAttempts } from '../../shared/adapters/lookup-attempts.ts';
import { renderFormPdf } from '../../shared/adapters/pdf-forms.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { loadEnv, publicBaseUrl } from '../../shared/config/env.ts';
import type { Signature } from '../../shared/contracts/signing.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { FORM_NUMBERS, formContent } from '../../shared/domain/forms.ts';
import { officerMayHandle } from '../../shared/domain/officer-view.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { CANONICALIZATION } from '../../shared/domain/signature.ts';
import { chooseSigningKey } from '../../shared/domain/signing-keys.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { LookupGate } from '../../shared/http/lookup-gate.ts';
import { maybeOfficerOf, officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { formDownloadSpec } from './download.spec.ts';

const env = loadEnv(formDownloadSpec.env);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const documents = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const signer = new KmsSigner();
const gate = new LookupGate(new LookupAttempts(env.COUNTERS_TABLE), {
  exemptSources: env.LOOKUP_THROTTLE_EXEMPT_SOURCES,
});
const DOWNLOAD_LINK_SECONDS = 300;
const PathSchema = z.object({ code: z.string().min(1).max(80), form: z.enum(FORM_NUMBERS) });

/** Forms 01–06 of a dossier as signed PDFs, for its citizen (lookup secret) or the unit holding it. */
export const handler = httpEndpoint(
  async (event) => {
    const { code, form } = validate(PathSchema, {
      code: pathParameter(event, 'code'),
      form: event.pathParameters?.form,
    });
    // The officers' route needs an officer; the citizens' route takes an officer's token too.
    const officer = event.resource.startsWith('/officer/') ? officerOf(event) : maybeOfficerOf(event);
    let dossier: DossierRecord | undefined;
    if (officer) {
      dossier = await dossiers.get(code);
      if (!dossier || !officerMayHandle(await officerUnit(reference, officer), dossier))
        throw dossierNotFound();
    } else {
      dossier = await gate.open(event, code, () => dossiers.get(code), dossierNotFound);
    }
    const content = formContent(dossier, form);
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
    const signed = (await storedForm(key)) ?? (await signAndStore(dossier, content, canonical, key));
    const { sha256, pdfSignature, contentSignature } = signed;
    const verifyUrl = verifyUrlOf(code);
    await audit.append(code, {
      kind: 'download',
      action: `form_${form}`,
      actor: officer ? officer.username : 'citizen',
      at: toVietnamIso(new Date()),
      details: { key, sha256 },
    });
    return json(200, {
      form,
      title: content.title,
      url: await documents.presignDownload(key, DOWNLOAD_LINK_SECONDS, `${code}-mau-${form}.pdf`),
      sha256,
      pdfSignature,
      verifyUrl,
      content: { document: content, canonical, signature: contentSignature },
    });
  },
  officerAuthFromEnv(env, { optional: true }),
);

interface SignedForm {
  sha256: string;
  pdfSignature: { keyId: string; algorithm: string; value: string };
  contentSignature: Signature;
}

const verifyUrlOf = (code: string) => `${publicBaseUrl(env)}verify?code=${encodeURIComponent(code)}`;

/**
 * A form is rendered and signed once per dossier version and kept under a key naming that version;
 * later downloads are served the same file, so downloads cost no KMS signature and no new object.
 * Both signatures are by the same key and algorithm; the metadata carries them (S3 allows 2 KB).
 */
async function storedForm(key: string): Promise<SignedForm | undefined> {
  const metadata = await documents.documentMetadata(key);
  if (!metadata) return undefined;
  const parsed = StoredSignaturesSchema.safeParse(metadata);
  if (!parsed.success) return undefined;
  const { keyId, algorithm, pdf, content, sha256 } = {
    keyId: parsed.data['signature-key-id'],
    algorithm: parsed.data['signature-algorithm'],
    pdf: parsed.data['signature-value'],
    content: parsed.data['content-signature-value'],
    sha256: parsed.data.sha256,
  };
  return {
    sha256,
    pdfSignature: { keyId, algorithm, value: pdf },
    contentSignature: { keyId, algorithm, canonicalization: CANONICALIZATION, value: content },
  };
}

const StoredSignaturesSchema = z.object({
  'signature-key-id': z.string().min(1),
  'signature-algorithm': z.enum(['ECDSA_SHA_256', 'RSASSA_PSS_SHA_256']),
  'signature-value': z.string().min(1),
  'content-signature-value': z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});

async function signAndStore(
  dossier: DossierRecord,
  content: NonNullable<ReturnType<typeof formContent>>,
  canonical: string,
  key: string,
): Promise<SignedForm> {
  // Signed by the key of the unit holding the dossier (ECDSA, or RSA where the registry asks for it).
  const holder = await reference.getAgency(dossier.currentAgency.code);
  const choice = chooseSigningKey(holder ?? {}, { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID });
  const contentSignature = await signer.sign(choice.keyId, canonical, choice.algorithm);
  const pdf = await renderFormPdf(
    content,
    contentSignature,
    toVietnamIso(new Date()),
    { regular, bold },
    verifyUrlOf(dossier.dossierCode),
  );
  const digest = createHash('sha256').update(pdf).digest();
  const pdfSignature = await signer.signDigest(choice.keyId, digest, choice.algorithm);
  const sha256 = digest.toString('hex');
  const stored = await documents.putDocument(
    key,
    pdf,
    'application/pdf',
    {
      'signature-key-id': pdfSignature.keyId,
      'signature-algorithm': pdfSignature.algorithm,
      'signature-value': pdfSignature.value,
      'content-signature-value': contentSignature.value,
      sha256,
    },
    { onlyIfAbsent: true },
  );
  // A concurrent first download stored its own rendering first: that one is the form.
  return (stored ? undefined : await storedForm(key)) ?? { sha256, pdfSignature, contentSignature };
}
