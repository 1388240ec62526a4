import * as z from 'zod';
import { vietnameseCivilServiceCalendar } from '../domain/calendar/holidays.ts';
import overrides from './calendar-overrides.json' with { type: 'json' };

const isoDates = z.array(z.iso.date());

/** The working calendar every function uses: statutory rules plus this deployment's override table. */
export const workingCalendar = vietnameseCivilServiceCalendar(
  z.object({ daysOff: isoDates, workingDays: isoDates }).parse(overrides),
);
