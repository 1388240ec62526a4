import * as z from 'zod';
import { calendarVariables, name, officerPoolVariables } from '../../shared/config/env.ts';

/**
 * What the officer's dossier desk reads: dossiers, their audit chains, the registry (with the working
 * calendar's entries), the officer pool.
 */
export const officerDeskEnv = z.object({
  DOSSIERS_TABLE: name,
  AUDIT_TABLE: name,
  AUDIT_PENDING_TABLE: name,
  ...calendarVariables,
  ...officerPoolVariables,
});

/** The queue's counters per unit (kept from the Dossiers stream), which the queue's list and search read. */
export const queueCountsEnv = { QUEUE_COUNTS_TABLE: name };
