import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import page from '../../web/citizen-form.html';

export const handler = httpEndpoint(async () => html(200, page));
