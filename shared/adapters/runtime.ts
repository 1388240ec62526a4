import { workingCalendar } from '../config/calendar.ts';
import { logger } from '../http/endpoint.ts';

/** The ports every use case may take from the process: the log, the clock and the working calendar. */
export const runtime = { log: logger, now: () => new Date(), calendar: workingCalendar };
