import type { Procedure } from '../intake/catalog.ts';
import { addWorkingDays, addWorkingMinutes, type WorkingCalendar } from './calendar.ts';

/** The appointment (due) time of a procedure for a dossier received at `receivedAt`. */
export function appointmentFor(
  procedure: Pick<Procedure, 'processingTime' | 'processingUnit' | 'countsFromNextDayAfter15h'>,
  receivedAt: Date,
  calendar: WorkingCalendar,
): Date {
  const options = { cutoffAt15h: procedure.countsFromNextDayAfter15h };
  return procedure.processingUnit === 'working_hours'
    ? addWorkingMinutes(receivedAt, procedure.processingTime * 60, calendar, options)
    : addWorkingDays(receivedAt, procedure.processingTime, calendar, options);
}
