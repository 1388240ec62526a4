import { noEnv } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { htmlContent } from '../../shared/http/openapi.ts';

export const dashboardPageSpec = apiFunction({
  id: 'DashboardPage',
  handler: 'web/dashboard-page.ts',
  description: 'Serves the public KPI dashboard page',
  env: noEnv,
  permissions: [],
  endpoints: [
    {
      method: 'GET',
      path: '/dashboard',
      access: { kind: 'public' },
      page: true,
      operation: {
        summary: 'The public KPI dashboard page (reads GET /kpi)',
        responses: { '200': { description: 'HTML page', content: htmlContent } },
      },
    },
  ],
});
