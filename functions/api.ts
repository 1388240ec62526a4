import type { ApiFunctionSpec } from '../shared/http/endpoint-spec.ts';
import { createUploadSpec } from './attachments/create-upload.spec.ts';
import { listProceduresSpec } from './catalog/list-procedures.spec.ts';
import { documentActionSpec } from './documents/act.spec.ts';
import { importEdxmlSpec } from './documents/import.spec.ts';
import { readDocumentsSpec } from './documents/read.spec.ts';
import { sendDocumentSpec } from './documents/send.spec.ts';
import { dossierFeedbackSpec } from './dossiers/feedback.spec.ts';
import { getDossierSpec } from './dossiers/get.spec.ts';
import { citizenResultSpec } from './dossiers/result.spec.ts';
import { submitDossierSpec } from './dossiers/submit.spec.ts';
import { supplyDocumentsSpec } from './dossiers/supplement.spec.ts';
import { withdrawDossierSpec } from './dossiers/withdraw.spec.ts';
import { formDownloadSpec } from './forms/download.spec.ts';
import { formPreviewSpec } from './forms/preview.spec.ts';
import { readKpiSpec } from './kpi/read.spec.ts';
import { kpiReportSpec } from './kpi/report.spec.ts';
import { officerActionSpec } from './officer/act.spec.ts';
import { officerAttachmentSpec } from './officer/attachment.spec.ts';
import { officerAuditSpec } from './officer/audit.spec.ts';
import { officerCalendarSpec } from './officer/calendar.spec.ts';
import { officerDossierSpec } from './officer/get-dossier.spec.ts';
import { officerQueueSpec } from './officer/list-queue.spec.ts';
import { officerProfileSpec } from './officer/me.spec.ts';
import { officerProcessSpec } from './officer/process.spec.ts';
import { recordDossierSpec } from './officer/record-dossier.spec.ts';
import { officerRegisterSpec } from './officer/register.spec.ts';
import { officerResultSpec } from './officer/result.spec.ts';
import { officerQueueSearchSpec } from './officer/search-queue.spec.ts';
import { manageOfficersSpec } from './officers/manage.spec.ts';
import { listSigningKeysSpec } from './signing/list-keys.spec.ts';
import { verifySignatureSpec } from './signing/verify.spec.ts';
import { citizenFormSpec } from './web/citizen-form.spec.ts';
import { dashboardPageSpec } from './web/dashboard-page.spec.ts';
import { lookupPageSpec } from './web/lookup-page.spec.ts';
import { openApiSpec } from './web/openapi.spec.ts';
import { verifyPageSpec } from './web/verify-page.spec.ts';
import { workspacePageSpec } from './web/workspace-page.spec.ts';
import { inboundWebhookSpec } from './webhooks/inbound.spec.ts';
import { manageWebhooksSpec } from './webhooks/manage.spec.ts';

/**
 * Every function of the public API, each with the endpoints it serves. The API stack deploys exactly
 * these, the OpenAPI document and the authorisation matrix are generated from them, and a unit test
 * fails when a `*.spec.ts` file under `functions/` is missing here.
 */
export const API_FUNCTIONS: readonly ApiFunctionSpec[] = [
  citizenFormSpec,
  verifyPageSpec,
  lookupPageSpec,
  dashboardPageSpec,
  workspacePageSpec,
  openApiSpec,
  listProceduresSpec,
  createUploadSpec,
  submitDossierSpec,
  getDossierSpec,
  listSigningKeysSpec,
  verifySignatureSpec,
  readKpiSpec,
  kpiReportSpec,
  withdrawDossierSpec,
  dossierFeedbackSpec,
  supplyDocumentsSpec,
  officerQueueSpec,
  officerQueueSearchSpec,
  officerProfileSpec,
  officerCalendarSpec,
  officerDossierSpec,
  officerAuditSpec,
  officerActionSpec,
  officerRegisterSpec,
  officerProcessSpec,
  recordDossierSpec,
  formDownloadSpec,
  formPreviewSpec,
  manageWebhooksSpec,
  inboundWebhookSpec,
  manageOfficersSpec,
  sendDocumentSpec,
  documentActionSpec,
  readDocumentsSpec,
  importEdxmlSpec,
  citizenResultSpec,
  officerAttachmentSpec,
  officerResultSpec,
];
