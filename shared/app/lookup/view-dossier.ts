import type { DossierView } from '../../contracts/dossiers.ts';
import type { AuditFields } from '../../domain/audit/audit.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import { lookupNotFound } from '../../domain/common/errors.ts';
import { citizenDossierView } from '../../domain/intake/citizen-view.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { ProcessCatalog } from '../../domain/process/process-definition.ts';
import { pinnedDefinition } from '../process/process-context.ts';
import type { DossierGate } from './dossier-gate.ts';

export interface ViewDossierPorts {
  gate: DossierGate;
  dossiers: { get(dossierCode: string): Promise<DossierRecord | undefined> };
  audit: { append(chain: string, fields: AuditFields): Promise<unknown> };
  now(): Date;
  calendar: WorkingCalendar;
  /** The process version a dossier is pinned to: its steps' labels for the citizen. */
  processes: Pick<ProcessCatalog, 'version'>;
}

/** The citizen's view of their dossier, opened with its lookup secret. */
export async function viewDossier(ports: ViewDossierPorts, code: string): Promise<DossierView> {
  const dossier = await ports.gate.open(code, () => ports.dossiers.get(code), lookupNotFound);
  // The signed receipt carries the applicant's personal data: the view is audited before it is shown.
  await ports.audit.append(dossier.dossierCode, {
    kind: 'personal_data_view',
    action: 'citizen_lookup',
    actor: 'citizen',
    at: toVietnamIso(ports.now()),
    details: {},
  });
  const definition = await pinnedDefinition(ports, dossier);
  return citizenDossierView(dossier, ports.now(), ports.calendar, definition);
}
