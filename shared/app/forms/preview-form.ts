import type { Procedure } from '../../contracts/catalog.ts';
import { DomainError } from '../../domain/common/errors.ts';
import {
  FORM_ISSUED_BY,
  FORM_TITLES,
  type FormContent,
  type FormDossier,
  type FormNumber,
  formContent,
} from '../../domain/documents/forms.ts';
import { receptionOf } from '../../domain/intake/intake.ts';
import type { Log } from '../log.ts';
import {
  type ActionDecisionPorts,
  decideAction,
  type OfficerActionRequest,
  receptionInput,
} from '../officer-desk/act-on-dossier.ts';
import { type DownloadFormPorts, formContext } from './download-form.ts';

/** What a preview reads; it has no port that writes, signs or counts. */
export interface PreviewFormPorts extends ActionDecisionPorts, Pick<DownloadFormPorts, 'reference'> {
  procedure(code: string): Promise<Procedure | undefined>;
  /** Lays the form out as a PDF stamped as a preview, with no signature and no QR code. */
  renderPreview(content: FormContent): Promise<Uint8Array>;
  /** Where citizens reach the portal, ending in `/`: form 01 prints the lookup page. */
  publicBaseUrl: string;
  log: Pick<Log, 'info'>;
}

export interface PreviewFormRequest extends OfficerActionRequest {
  form: FormNumber;
}

const notIssuedBy = (form: FormNumber, issued: FormNumber | undefined) =>
  new DomainError(
    'VALIDATION_FAILED',
    {
      vi: issued
        ? `Thao tác này ban hành mẫu số ${issued}, không phải mẫu số ${form}.`
        : `Thao tác này không ban hành phiếu nào: không có mẫu số ${form} để xem trước.`,
      en: issued
        ? `This action issues form ${issued}, not form ${form}.`
        : `This action issues no form: there is no form ${form} to preview.`,
    },
    [
      {
        field: 'type',
        message: {
          vi: `Mẫu số ${form} (${FORM_TITLES[form]}) không do thao tác này ban hành.`,
          en: `Form ${form} is not issued by this action.`,
        },
      },
    ],
  );

/**
 * The form an officer's action would issue, shown before it is taken: decided by the same checks
 * as the action (the same refusals), laid out from the dossier as the action would leave it, and
 * rendered unsigned with the preview stamp. Nothing is signed, stored or written to the audit trail.
 */
export async function previewForm(ports: PreviewFormPorts, request: PreviewFormRequest) {
  const { action, form, officer } = request;
  const issued = FORM_ISSUED_BY[action.type];
  if (issued !== form) throw notIssuedBy(form, issued);
  const { dossier, outcome, now } = await decideAction(ports, request);
  const after: FormDossier = {
    ...dossier,
    ...outcome.state,
    currentAgencyCode: outcome.state.currentAgency.code,
    version: dossier.version + 1,
    history: [...dossier.history, outcome.history],
  };
  // Reception signs the receipt it reads form 01 from: the preview reads the same receipt, unsigned.
  if (action.type === 'accept') {
    const reception = receptionOf(await receptionInput(ports, dossier, officer.username, now));
    Object.assign(after, { ...reception, receipt: { document: { ...reception.receipt } } });
  }
  const content = formContent(after, form, await formContext(ports, after, form));
  if (!content) throw new Error(`Action ${action.type} left ${dossier.dossierCode} without form ${form}`);
  const pdf = await ports.renderPreview(content);
  ports.log.info('form preview', {
    dossierCode: dossier.dossierCode,
    form,
    action: action.type,
    officer: officer.id,
  });
  return { form, content, pdf, fileName: `${dossier.dossierCode}-mau-${form}-xem-truoc.pdf` };
}
