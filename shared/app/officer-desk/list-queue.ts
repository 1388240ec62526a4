import type { OfficerQueueQuery } from '../../contracts/lifecycle.ts';
import { addWorkingDays, type WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { queueEntry, unitCodes } from '../../domain/officers/officer-view.ts';

export interface QueuePorts {
  /** Dossiers one unit code holds, soonest due first; `dueBefore` keeps those due by then. */
  dossiers: { queue(agencyCode: string, dueBefore?: string): Promise<DossierRecord[]> };
  calendar: WorkingCalendar;
  now(): Date;
}

const DUE_SOON_WORKING_DAYS = 2;

/** The unit's queue (under its current code and former ones), filtered by status and by how soon due. */
export async function listQueue(
  ports: QueuePorts,
  unit: { code: string; aliases?: string[] | undefined },
  query: OfficerQueueQuery,
) {
  const now = ports.now();
  const dueBefore =
    query.due === 'late'
      ? now
      : query.due === 'soon'
        ? addWorkingDays(now, DUE_SOON_WORKING_DAYS, ports.calendar)
        : undefined;
  const until = dueBefore ? toVietnamIso(dueBefore) : undefined;
  const held = (await Promise.all(unitCodes(unit).map((code) => ports.dossiers.queue(code, until)))).flat();
  const entries = held
    .filter((dossier) => !query.status || dossier.status === query.status)
    .map((dossier) => queueEntry(dossier, now, ports.calendar))
    .filter((entry) => !query.due || entry.remaining !== undefined);
  return { agencyCode: unit.code, dossiers: entries };
}
