import { intakePorts } from '../../shared/adapters/intake-ports.ts';
import { SecretSealer } from '../../shared/adapters/secret-sealer.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { revealLookupSecret, submitDossier } from '../../shared/app/intake/submit-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema } from '../../shared/contracts/dossiers.ts';
import { type HttpHandler, httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { idempotencyKeyHeader } from '../../shared/http/idempotency.ts';
import { json } from '../../shared/http/responses.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { submitDossierSpec } from './submit.spec.ts';

const env = loadEnv(submitDossierSpec.env);
const ports = intakePorts(env, logger);

/** Answers kept for replays hold the lookup secret sealed: only the citizen's copy, on the wire, has it in clear. */
export const handler: HttpHandler = async (event, context) =>
  revealLookupSecret(ports.sealer, SecretSealer.isSealed, await receive(event, context));

const receive = httpEndpoint(
  async (event) => {
    const request = parseJsonBody(event, SubmitDossierRequestSchema);
    const submission = { idempotencyKey: event.headers['idempotency-key'], body: event.body ?? '' };
    const calendar = await loadWorkingCalendar(env);
    const received = await submitDossier({ ...ports, calendar }, request, submission);
    if (!received.replayed) count(BusinessMetric.DossierReceived);
    return json(201, received.answer);
  },
  ...idempotencyKeyHeader(env.IDEMPOTENCY_TABLE),
);
