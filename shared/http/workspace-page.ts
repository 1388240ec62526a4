import { AttachmentStore } from '../adapters/attachment-store.ts';
import { httpEndpoint } from './endpoint.ts';
import { html } from './responses.ts';

export interface WorkspaceSettings {
  ATTACHMENTS_BUCKET: string;
  OFFICER_SIGN_IN: { userPoolId: string; clientId: string };
  AWS_REGION: string;
  AWS_ENDPOINT_URL?: string | undefined;
}

/** Where the browser reaches the pool's sign-in API: Cognito's regional endpoint, or the emulator. */
export function signInEndpoint(settings: Pick<WorkspaceSettings, 'AWS_REGION' | 'AWS_ENDPOINT_URL'>): string {
  return settings.AWS_ENDPOINT_URL
    ? new URL(settings.AWS_ENDPOINT_URL).origin
    : `https://cognito-idp.${settings.AWS_REGION}.amazonaws.com`;
}

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * The page with the pool it signs in to written into its `<meta name="motcua-sign-in">`: ids are not
 * secrets (Cognito's SRP flow needs them in the browser), and the page stays one static file.
 */
export function workspaceMarkup(page: string, settings: WorkspaceSettings): string {
  const config = JSON.stringify({
    userPoolId: settings.OFFICER_SIGN_IN.userPoolId,
    clientId: settings.OFFICER_SIGN_IN.clientId,
    endpoint: signInEndpoint(settings),
  });
  return page.replace('content="{{SIGN_IN}}"', `content="${escapeAttribute(config)}"`);
}

export function workspaceHandler(page: string, settings: WorkspaceSettings) {
  const attachments = new AttachmentStore(settings.ATTACHMENTS_BUCKET);
  const markup = workspaceMarkup(page, settings);
  let uploadOrigin: Promise<string> | undefined;
  const originOfUploads = () =>
    (uploadOrigin ??= attachments.uploadOrigin().catch((error: unknown) => {
      uploadOrigin = undefined;
      throw error;
    }));
  return httpEndpoint(async () => {
    const uploads = await originOfUploads();
    return html(200, markup, {
      connectSources: [...new Set([uploads, signInEndpoint(settings)])],
      // A form's preview is shown from the bytes the API answered, under a blob: URL.
      frameSources: [uploads, 'blob:'],
      imageSources: [uploads],
    });
  });
}
