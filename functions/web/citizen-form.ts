import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import { citizenFormPage } from '../../web/pages.ts';

export const handler = httpEndpoint(async () => html(200, citizenFormPage));
