import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import { lookupPage } from '../../web/pages.ts';

/** The citizen's status lookup page: code and lookup secret → status, history, time left, feedback. */
export const handler = httpEndpoint(async () => html(200, lookupPage));
