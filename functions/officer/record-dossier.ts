import { intakePorts } from '../../shared/adapters/intake-ports.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { SecretSealer } from '../../shared/adapters/secret-sealer.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { recordDossier, revealLookupSecret } from '../../shared/app/intake/submit-dossier.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { SubmitDossierRequestSchema } from '../../shared/contracts/dossiers.ts';
import { type HttpHandler, httpEndpoint, logger, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerRoleOf } from '../../shared/http/endpoint-spec.ts';
import { idempotencyKeyHeader } from '../../shared/http/idempotency.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { recordDossierSpec } from './record-dossier.spec.ts';

const env = loadEnv(recordDossierSpec.env);
const ports = intakePorts(env, logger);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

/** The officer hands the citizen the lookup secret in clear; replays keep it sealed at rest. */
export const handler: HttpHandler = async (event, context) =>
  revealLookupSecret(ports.sealer, SecretSealer.isSealed, await record(event, context));

const record = httpEndpoint(
  async (event) => {
    const officer = officerOf(event);
    const request = parseJsonBody(event, SubmitDossierRequestSchema);
    const unit = await officerUnit(reference, officer);
    const submission = { idempotencyKey: event.headers['idempotency-key'], body: event.body ?? '' };
    const calendar = await loadWorkingCalendar(env);
    const received = await recordDossier({ ...ports, calendar }, request, submission, { officer, unit });
    if (!received.replayed) count(BusinessMetric.DossierReceived);
    return json(201, received.answer);
  },
  officerAuthFromEnv(env, { requiredRole: officerRoleOf(recordDossierSpec) }),
  ...idempotencyKeyHeader(env.IDEMPOTENCY_TABLE),
);
