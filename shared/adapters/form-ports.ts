import type { DownloadFormPorts } from '../app/forms/download-form.ts';
import { publicBaseUrl } from '../config/env.ts';
import type { DocumentSigningMode } from '../domain/signing/document-signing.ts';
import { AttachmentStore } from './attachment-store.ts';
import { AuditLog } from './audit-log.ts';
import { dejaVuSans } from './dejavu-fonts.ts';
import { documentSigner } from './document-signer.ts';
import { DossierStore } from './dossier-store.ts';
import { renderFormPdf } from './pdf-forms.ts';
import { ReferenceStore } from './reference-store.ts';

/** What a form download reads and writes: the dossier, the registry, the signed files, the audit trail. */
export function formPorts(env: {
  DOSSIERS_TABLE: string;
  REFERENCE_TABLE: string;
  ATTACHMENTS_BUCKET: string;
  AUDIT_TABLE: string;
  AUDIT_PENDING_TABLE: string;
  SIGNING_KEY_ID: string;
  RSA_SIGNING_KEY_ID: string;
  DOCUMENT_SIGNING: DocumentSigningMode;
  SESSION_KEY_LIFETIME_SECONDS: number;
  API_ID: string;
  API_STAGE: string;
  AWS_REGION: string;
  PUBLIC_BASE_URL?: string | undefined;
  AWS_ENDPOINT_URL?: string | undefined;
}): DownloadFormPorts & { reference: ReferenceStore } {
  return {
    dossiers: new DossierStore(env.DOSSIERS_TABLE),
    reference: new ReferenceStore(env.REFERENCE_TABLE),
    files: new AttachmentStore(env.ATTACHMENTS_BUCKET),
    signer: documentSigner(env),
    render: (content, signature, at, url) => renderFormPdf(content, signature, at, dejaVuSans, url),
    audit: new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE),
    signingKeys: { ecdsa: env.SIGNING_KEY_ID, rsa: env.RSA_SIGNING_KEY_ID },
    publicBaseUrl: publicBaseUrl(env),
    now: () => new Date(),
  };
}
