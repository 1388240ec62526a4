import * as z from 'zod';
import { name, officerPoolVariables } from '../../shared/config/env.ts';
import { apiFunction } from '../../shared/http/endpoint-spec.ts';
import { jsonContent, officerRoute } from '../../shared/http/openapi.ts';

export const CalendarQuerySchema = z
  .object({
    year: z
      .string()
      .regex(/^(20[0-9]{2}|2100)$/, { message: 'a year from 2000 to 2100' })
      .optional()
      .meta({ description: 'The year; the current one in Vietnam by default.' }),
  })
  .meta({ id: 'CalendarQuery' });

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    workingDays: z.number().int(),
    days: z.array(
      z.object({
        date: z.string(),
        kind: z.enum(['holiday', 'day_off', 'working_day']),
        reason: z.string().optional(),
        decision: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'CalendarYear' });

export const officerCalendarSpec = apiFunction({
  id: 'OfficerCalendar',
  handler: 'officer/calendar.ts',
  description: 'Shows officers the working calendar of a year: holidays and the days decisions moved',
  env: z.object({ REFERENCE_TABLE: name, ...officerPoolVariables }),
  permissions: ['reference:read', 'officers:lookup'],
  endpoints: [
    officerRoute('GET', '/officer/calendar', {
      summary:
        'The working calendar of a year (holidays, days off and make-up working days, with their decisions)',
      params: { query: CalendarQuerySchema },
      responses: { '200': { description: 'The year', content: jsonContent(CalendarYearSchema) } },
    }),
  ],
});
