import { logger } from '../http/endpoint.ts';

/** The ports every use case may take from the process: the log and the clock (the calendar is loaded per request). */
export const runtime = { log: logger, now: () => new Date() };
