import { CalendarStore } from '../../shared/adapters/calendar-store.ts';
import { viewCalendar } from '../../shared/app/officer-desk/view-calendar.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv } from '../../shared/http/officer-auth.ts';
import { json } from '../../shared/http/responses.ts';
import { CalendarQuerySchema, officerCalendarSpec } from './calendar.spec.ts';

const env = loadEnv(officerCalendarSpec.env);
const ports = { calendar: new CalendarStore(env.REFERENCE_TABLE), now: () => new Date() };

export const handler = httpEndpoint(async (event) => {
  const { year } = validate(CalendarQuerySchema, event.queryStringParameters ?? {});
  return json(200, await viewCalendar(ports, year === undefined ? undefined : Number(year)));
}, officerAuthFromEnv(env));
