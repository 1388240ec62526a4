import page from '../../build/web/dashboard.html';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { html } from '../../shared/http/responses.ts';

/** The public KPI dashboard: published aggregates only, read from GET /kpi by the page itself. */
export const handler = httpEndpoint(async () => html(200, page));
