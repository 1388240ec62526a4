import citizenFormPage from '../../build/web/citizen-form.html';
import { loadEnv } from '../../shared/config/env.ts';
import { uploadingPage } from '../../shared/http/upload-page.ts';
import { citizenFormSpec } from './citizen-form.spec.ts';

const env = loadEnv(citizenFormSpec.env);

/** The citizen's submission form: procedure, applicant, one file per document component. */
export const handler = uploadingPage(citizenFormPage, env.ATTACHMENTS_BUCKET);
