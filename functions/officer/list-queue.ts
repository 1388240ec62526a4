import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { OfficerQueueQuerySchema } from '../../shared/contracts/lifecycle.ts';
import { addWorkingDays } from '../../shared/domain/calendar.ts';
import { queueEntry, unitCodes } from '../../shared/domain/officer-view.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { officerUnit } from '../../shared/http/officer-unit.ts';
import { json } from '../../shared/http/responses.ts';
import { officerQueueSpec } from './list-queue.spec.ts';

const env = loadEnv(officerQueueSpec.env);
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const DUE_SOON_WORKING_DAYS = 2;

export const handler = httpEndpoint(async (event) => {
  const officer = officerOf(event);
  const query = validate(OfficerQueueQuerySchema, event.queryStringParameters ?? {});
  const now = new Date();
  const dueBefore =
    query.due === 'late'
      ? now
      : query.due === 'soon'
        ? addWorkingDays(now, DUE_SOON_WORKING_DAYS, workingCalendar)
        : undefined;
  const unit = await officerUnit(reference, officer);
  const until = dueBefore ? toVietnamIso(dueBefore) : undefined;
  const held = (await Promise.all(unitCodes(unit).map((code) => dossiers.queue(code, until)))).flat();
  const entries = held
    .filter((dossier) => !query.status || dossier.status === query.status)
    .map((dossier) => queueEntry(dossier, now, workingCalendar))
    .filter((entry) => !query.due || entry.remaining !== undefined);
  return json(200, { agencyCode: unit.code, dossiers: entries });
}, officerAuthFromEnv(env));
