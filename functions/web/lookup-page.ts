import lookupPage from '../../build/web/lookup.html';
import { loadEnv } from '../../shared/config/env.ts';
import { uploadingPage } from '../../shared/http/upload-page.ts';
import { lookupPageSpec } from './lookup-page.spec.ts';

const env = loadEnv(lookupPageSpec.env);

/** The citizen's status lookup page: status, history, time left, supplementary documents, feedback. */
export const handler = uploadingPage(lookupPage, env.ATTACHMENTS_BUCKET);
