import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { cachedOpenQueue } from '../../shared/adapters/queue-counts.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { COUNTS_TTL_MS, listQueue } from '../../shared/app/officer-desk/list-queue.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerQueueQuerySchema } from '../../shared/contracts/lifecycle.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerQueueSpec } from './list-queue.spec.ts';

const env = loadEnv(officerQueueSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const store = new DossierStore(env.DOSSIERS_TABLE);
const ports = {
  dossiers: {
    queuePage: store.queuePage.bind(store),
    openQueue: cachedOpenQueue(store.openQueue.bind(store), COUNTS_TTL_MS),
  },
  now: () => new Date(),
};

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const query = validate(OfficerQueueQuerySchema, event.queryStringParameters ?? {});
  const unit = await officerUnit(reference, officer);
  const calendar = await loadWorkingCalendar(env);
  return json(200, await listQueue({ ...ports, calendar }, unit, officer, query));
}, officerAuthFromEnv(env));
