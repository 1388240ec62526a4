import lookupPage from '../../build/web/lookup.html';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import { lookupPageSpec } from './lookup-page.spec.ts';

const env = loadEnv(lookupPageSpec.env);
const attachments = new AttachmentStore(env.ATTACHMENTS_BUCKET);

// Supplementary documents go straight from the browser to the bucket, so the page may connect there.
let uploadOrigin: Promise<string> | undefined;
const originOfUploads = () =>
  (uploadOrigin ??= attachments.uploadOrigin().catch((error: unknown) => {
    uploadOrigin = undefined;
    throw error;
  }));

/** The citizen's status lookup page: status, history, time left, supplementary documents, feedback. */
export const handler = httpEndpoint(async () =>
  html(200, lookupPage, { connectSources: [await originOfUploads()] }),
);
