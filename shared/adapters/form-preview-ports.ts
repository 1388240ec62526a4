import type { PreviewFormPorts } from '../app/forms/preview-form.ts';
import { publicBaseUrl } from '../config/env.ts';
import { dejaVuSans } from './dejavu-fonts.ts';
import { DossierStore } from './dossier-store.ts';
import { renderFormPreviewPdf } from './pdf-forms.ts';
import { ReferenceProcessCatalog } from './process-catalog.ts';
import { ReferenceStore } from './reference-store.ts';
import { runtime } from './runtime.ts';

/** What a form's preview reads: the dossier, the registry and its processes. Nothing it may write. */
export function formPreviewPorts(env: {
  DOSSIERS_TABLE: string;
  REFERENCE_TABLE: string;
  API_ID: string;
  API_STAGE: string;
  AWS_REGION: string;
  PUBLIC_BASE_URL?: string | undefined;
  AWS_ENDPOINT_URL?: string | undefined;
}): Omit<PreviewFormPorts, 'calendar'> & { reference: ReferenceStore } {
  const reference = new ReferenceStore(env.REFERENCE_TABLE);
  return {
    ...runtime,
    dossiers: new DossierStore(env.DOSSIERS_TABLE),
    reference,
    agency: (code) => reference.getAgency(code),
    procedure: (code) => reference.getProcedure(code),
    processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
    renderPreview: (content) => renderFormPreviewPdf(content, dejaVuSans),
    publicBaseUrl: publicBaseUrl(env),
  };
}
