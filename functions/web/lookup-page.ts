import lookupPage from '../../build/web/lookup.html';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';

/** The citizen's status lookup page: code and lookup secret → status, history, time left, feedback. */
export const handler = httpEndpoint(async () => html(200, lookupPage));
