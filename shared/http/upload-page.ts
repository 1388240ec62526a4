import { AttachmentStore } from '../adapters/attachment-store.ts';
import { httpEndpoint } from './endpoint.ts';
import { html } from './responses.ts';

/**
 * A page whose script posts files straight from the browser to the attachments bucket, so its
 * content security policy lets it connect there. The bucket's origin is found once per instance
 * (and looked up again after a failure).
 */
export function uploadingPage(page: string, attachmentsBucket: string) {
  const attachments = new AttachmentStore(attachmentsBucket);
  let uploadOrigin: Promise<string> | undefined;
  const originOfUploads = () =>
    (uploadOrigin ??= attachments.uploadOrigin().catch((error: unknown) => {
      uploadOrigin = undefined;
      throw error;
    }));
  return httpEndpoint(async () => html(200, page, { connectSources: [await originOfUploads()] }));
}
