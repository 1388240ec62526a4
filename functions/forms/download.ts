import { createHash } from 'node:crypto';
import regular from 'dejavu-fonts-ttf/ttf/DejaVuSans.ttf';
import bold from 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf';
import * as z from 'zod';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { renderFormPdf } from '../../shared/adapters/pdf-forms.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { formDownloadEnv, loadEnv, publicBaseUrl } from '../../shared/config/env.ts';
import { DomainError, dossierNotFound } from '../../shared/domain/errors.ts';
import { FORM_NUMBERS, formContent } from '../../shared/domain/forms.ts';
import { secretOpens } from '../../shared/domain/lookup-secret.ts';
import { officerMayHandle } from '../../shared/domain/officer-view.ts';
import { canonicalJson } from '../../shared/domain/receipt.ts';
import { chooseSigningKey } from '../../shared/domain/signing-keys.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { maybeOfficerOf, officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';

const env = loadEnv(formDownloadEnv);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const documents = new AttachmentStore(env.ATTACHMENTS_BUCKET);
const signer = new KmsSigner();
const DOWNLOAD_LINK_SECONDS = 300;
const PathSchema = z.object({ code: z.string().min(1).max(80), form: z.enum(FORM_NUMBERS) });

/** Forms 01–06 of a dossier as signed PDFs, for its citizen (lookup secret) or the unit holding it. */
export const handler = httpEndpoint(
  async (event) => {
    const { code, form } = validate(PathSchema, {
      code: pathParameter(event, 'code'),
      form: event.pathParameters?.form,
    });
    const dossier = await dossiers.get(code);
    // The officers' route needs an officer; the citizens' route takes an officer's token too.
    const officer = event.resource.startsWith('/officer/') ? officerOf(event) : maybeOfficerOf(event);
    if (officer) {
      if (!dossier || !officerMayHandle(await officerUnit(reference, officer), dossier))
        throw dossierNotFound();
    } else {
      if (!dossier || !secretOpens(event.headers['x-lookup-secret'], dossier.lookupSecretHash))
        throw dossierNotFound();
    }
    const content = formContent(dossier, form);
    if (!content) {
      throw new DomainError('NOT_FOUND', {
        vi: `Hồ sơ chưa có mẫu số ${form} ở trạng thái hiện tại.`,
        en: `The dossier has no form ${form} in its current state.`,
      });
    }
    // Signed by the key of the unit holding the dossier (ECDSA, or RSA where the registry asks for it).
    const holder = await reference.getAgency(dossier.currentAgency.code);
    const choice = chooseSigningKey(holder ?? {}, { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID });
    const canonical = canonicalJson(content);
    const contentSignature = await signer.sign(choice.keyId, canonical, choice.algorithm);
    const verifyUrl = `${publicBaseUrl(env)}verify?code=${encodeURIComponent(code)}`;
    const pdf = await renderFormPdf(
      content,
      contentSignature,
      toVietnamIso(new Date()),
      { regular, bold },
      verifyUrl,
    );
    const sha256 = createHash('sha256').update(pdf).digest();
    const pdfSignature = await signer.signDigest(choice.keyId, sha256, choice.algorithm);
    const key = `forms/${code}/${form}-v${dossier.version}-${sha256.toString('hex').slice(0, 16)}.pdf`;
    await documents.putDocument(key, pdf, 'application/pdf', {
      'signature-key-id': pdfSignature.keyId,
      'signature-algorithm': pdfSignature.algorithm,
      'signature-value': pdfSignature.value,
    });
    await audit.append(code, {
      kind: 'download',
      action: `form_${form}`,
      actor: officer ? officer.username : 'citizen',
      at: toVietnamIso(new Date()),
      details: { key, sha256: sha256.toString('hex') },
    });
    return json(200, {
      form,
      title: content.title,
      url: await documents.presignDownload(key, DOWNLOAD_LINK_SECONDS, `${code}-mau-${form}.pdf`),
      sha256: sha256.toString('hex'),
      pdfSignature,
      verifyUrl,
      content: { document: content, canonical, signature: contentSignature },
    });
  },
  officerAuthFromEnv(env, { optional: true }),
);
