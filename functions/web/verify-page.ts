import page from '../../build/web/verify.html';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';

/** The public verification page the QR code of every signed form points to. */
export const handler = httpEndpoint(async () => html(200, page));
