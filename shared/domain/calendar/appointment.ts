import type { Procedure } from '../intake/catalog.ts';
import { addWorkingDays, addWorkingMinutes, sameDayAppointment, type WorkingCalendar } from './calendar.ts';

type ClockKind = Pick<Procedure, 'processingTime' | 'processingUnit' | 'countsFromNextDayAfter15h'>;

/**
 * The appointment (due) time of a procedure for a dossier received at `receivedAt`; always a time
 * the office is open on a working day. A "trong ngày" procedure has its own 15:00 cut-off, whatever
 * `countsFromNextDayAfter15h` says; the flag is read for the other kinds.
 */
export function appointmentFor(procedure: ClockKind, receivedAt: Date, calendar: WorkingCalendar): Date {
  const options = { cutoffAt15h: procedure.countsFromNextDayAfter15h };
  switch (procedure.processingUnit) {
    case 'same_day':
      return sameDayAppointment(receivedAt, calendar);
    case 'working_hours':
      return addWorkingMinutes(receivedAt, procedure.processingTime * 60, calendar, options);
    case 'working_days':
      return addWorkingDays(receivedAt, procedure.processingTime, calendar, options);
  }
}

/** The statutory time as the citizen reads it ("3 ngày làm việc", "Trong ngày"). */
export function processingTimeWording(procedure: Pick<Procedure, 'processingTime' | 'processingUnit'>) {
  switch (procedure.processingUnit) {
    case 'same_day':
      return {
        vi: 'Trong ngày (nhận sau 15 giờ: trong ngày làm việc tiếp theo)',
        en: 'The same day (received after 15:00: the next working day)',
      };
    case 'working_hours':
      return {
        vi: `${procedure.processingTime} giờ làm việc`,
        en: `${procedure.processingTime} working hours`,
      };
    case 'working_days':
      return {
        vi: `${procedure.processingTime} ngày làm việc`,
        en: `${procedure.processingTime} working days`,
      };
  }
}
