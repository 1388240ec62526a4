import type { AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { dossierNotFound } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import { officerDossierView, officerMayHandle, unitCodes } from '../../domain/officers/officer-view.ts';
import type { OfficerRole } from '../../domain/officers/officers.ts';
import type { ProcessCatalog } from '../../domain/process/process-definition.ts';
import { pinnedDefinition } from '../process/process-context.ts';
import type { Log } from './act-on-dossier.ts';

export interface DossierViewPorts {
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  calendar: WorkingCalendar;
  /** The version of its process a dossier is pinned to: what the officer may do at its steps. */
  processes: Pick<ProcessCatalog, 'version'>;
  log: Pick<Log, 'info'>;
  now(): Date;
}

/** One dossier the officer's unit holds, personal data included, once the view is on its audit trail. */
export async function viewDossier(
  ports: DossierViewPorts,
  request: {
    dossierCode: string;
    officer: { id: string; username: string; agencyCode: string; roles: readonly OfficerRole[] };
    unit: { code: string; aliases?: string[] | undefined };
  },
) {
  const { officer } = request;
  const dossier = await ports.dossiers.get(request.dossierCode);
  if (!dossier || !officerMayHandle(request.unit, dossier)) throw dossierNotFound();
  await ports.audit.append(dossier.dossierCode, {
    kind: 'personal_data_view',
    action: 'officer_view',
    actor: officer.username,
    at: toVietnamIso(ports.now()),
    details: { agency: officer.agencyCode },
  });
  ports.log.info('personal data viewed', {
    dossierCode: dossier.dossierCode,
    officer: officer.id,
    agency: officer.agencyCode,
  });
  const definition = await pinnedDefinition(ports, dossier);
  const viewer = definition && {
    definition,
    actor: {
      kind: 'officer' as const,
      username: officer.username,
      roles: officer.roles,
      unitCodes: unitCodes(request.unit),
    },
  };
  return officerDossierView(dossier, ports.now(), ports.calendar, viewer);
}
