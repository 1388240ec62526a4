import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { listQueue } from '../../shared/app/officer-desk/list-queue.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerQueueQuerySchema } from '../../shared/contracts/lifecycle.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerQueueSpec } from './list-queue.spec.ts';
import { queuePorts } from './queue-ports.ts';

const env = loadEnv(officerQueueSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = queuePorts(env);

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const query = validate(OfficerQueueQuerySchema, event.queryStringParameters ?? {});
  const [unit, calendar] = await Promise.all([officerUnit(reference, officer), loadWorkingCalendar(env)]);
  return json(200, await listQueue({ ...ports, calendar }, unit, officer, query));
}, officerAuthFromEnv(env));
