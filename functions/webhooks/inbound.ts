import type { APIGatewayProxyEvent } from 'aws-lambda';
import { AgencySecrets } from '../../shared/adapters/agency-secrets.ts';
import { lifecyclePorts } from '../../shared/adapters/lifecycle-ports.ts';
import { ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { WebhookStore } from '../../shared/adapters/webhook-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { applyInboundUpdate } from '../../shared/app/webhooks/apply-inbound-update.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, pathParameter } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';
import { inboundWebhookSpec } from './inbound.spec.ts';

const env = loadEnv(inboundWebhookSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
  agency: (code: string) => reference.getAgency(code),
  ...lifecyclePorts(env),
  secrets: new AgencySecrets(env.AGENCY_SECRET_PREFIX),
  replays: new WebhookStore(env.WEBHOOKS_TABLE),
};

/** An agency system drives a dossier it holds, by a request signed with that agency's secret. */
export const handler = httpEndpoint(async (event: APIGatewayProxyEvent) => {
  const agencyCode = pathParameter(event, 'agencyCode');
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const calendar = await loadWorkingCalendar(env);
  return json(
    200,
    await applyInboundUpdate({ ...ports, calendar }, { agencyCode, body, headers: event.headers }),
  );
});
