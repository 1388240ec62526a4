import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import page from '../../web/lookup.html';

/** The citizen's status lookup page: code and lookup secret → status, history, time left, feedback. */
export const handler = httpEndpoint(async () => html(200, page));
