import citizenFormPage from '../../build/web/citizen-form.html';
import { AttachmentStore } from '../../shared/adapters/attachment-store.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import { citizenFormSpec } from './citizen-form.spec.ts';

const env = loadEnv(citizenFormSpec.env);
const attachments = new AttachmentStore(env.ATTACHMENTS_BUCKET);

// Files go straight from the browser to the bucket, so the page may connect there; found once.
let uploadOrigin: Promise<string> | undefined;
const originOfUploads = () =>
  (uploadOrigin ??= attachments.uploadOrigin().catch((error: unknown) => {
    uploadOrigin = undefined;
    throw error;
  }));

export const handler = httpEndpoint(async () =>
  html(200, citizenFormPage, { connectSources: [await originOfUploads()] }),
);
