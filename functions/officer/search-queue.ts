import { IdentifierDigest } from '../../shared/adapters/identifier-digest.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { searchQueue } from '../../shared/app/officer-desk/list-queue.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerQueueSearchSchema } from '../../shared/contracts/lifecycle.ts';
import { httpEndpoint, parseJsonBody } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { queuePorts } from './queue-ports.ts';
import { officerQueueSearchSpec } from './search-queue.spec.ts';

const env = loadEnv(officerQueueSearchSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = { ...queuePorts(env), identifiers: new IdentifierDigest(env.SEARCH_KEY_ID) };

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const request = parseJsonBody(event, OfficerQueueSearchSchema);
  const [unit, calendar] = await Promise.all([officerUnit(reference, officer), loadWorkingCalendar(env)]);
  return json(200, await searchQueue({ ...ports, calendar }, unit, officer, request));
}, officerAuthFromEnv(env));
