import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';
import page from '../../web/dashboard.html';

/** The public KPI dashboard: published aggregates only, read from GET /kpi by the page itself. */
export const handler = httpEndpoint(async () => html(200, page));
