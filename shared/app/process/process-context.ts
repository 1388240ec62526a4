import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';
import type { WorkingCalendar } from '../../domain/calendar/calendar.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { AgencyRef } from '../../domain/lifecycle/lifecycle.ts';
import {
  namedAgencies,
  type ProcessActor,
  startProcess,
  type UnitResolution,
  unitResolver,
} from '../../domain/process/engine.ts';
import {
  type ProcessCatalog,
  type ProcessDefinition,
  statutoryMinutesOf,
} from '../../domain/process/process-definition.ts';
import type { ProcessContext } from '../../domain/process/process-lifecycle.ts';
import type { ProcessProgress, StepUnit } from '../../domain/process/process-state.ts';

/** Where the engine's definitions and units come from. */
export interface ProcessPorts {
  processes: ProcessCatalog;
  agency(code: string): Promise<AgencyRecord | undefined>;
}

const stepUnit = (agency: AgencyRef): StepUnit => ({
  code: agency.code,
  name: agency.name,
  tier: agency.tier,
});

/** A registry has a few tiers; a longer parent chain is a broken registry, not a deeper one. */
const MAX_ANCESTORS = 6;

/** The receiving unit, its ancestors and the units the definition names, loaded from the registry. */
async function unitsFor(
  ports: ProcessPorts,
  definition: ProcessDefinition,
  receiving: AgencyRef,
): Promise<Omit<UnitResolution, 'currentAgency'>> {
  const ancestors: StepUnit[] = [];
  let parentCode = (await ports.agency(receiving.code))?.parentCode;
  while (parentCode && ancestors.length < MAX_ANCESTORS) {
    const parent = await ports.agency(parentCode);
    if (!parent) break;
    ancestors.push(stepUnit(parent));
    parentCode = parent.parentCode;
  }
  const named = await Promise.all(namedAgencies(definition).map((code) => ports.agency(code)));
  return {
    receivingAgency: stepUnit(receiving),
    resolveUnit: unitResolver(
      ancestors,
      named.flatMap((agency) => (agency ? [stepUnit(agency)] : [])),
    ),
  };
}

/** The pinned definition of a dossier that follows a process. */
export async function pinnedDefinition(
  ports: { processes: Pick<ProcessCatalog, 'version'> },
  dossier: DossierRecord,
) {
  if (!dossier.process) return undefined;
  const definition = await ports.processes.version(dossier.process);
  if (!definition) {
    throw new Error(
      `Dossier ${dossier.dossierCode} follows process ${dossier.process.code} v${dossier.process.version}, which is not published`,
    );
  }
  return definition;
}

/** What the engine needs to act on a dossier that follows a process (none for one that does not). */
export async function processContext(
  ports: ProcessPorts,
  dossier: DossierRecord,
  actor: ProcessActor,
): Promise<ProcessContext | undefined> {
  const definition = await pinnedDefinition(ports, dossier);
  if (!definition) return undefined;
  return { definition, actor, units: await unitsFor(ports, definition, dossier.agency) };
}

/**
 * Reception starts the process the procedure follows now (the published one naming it, else its
 * tier's default); the dossier keeps that version to the end.
 */
export async function startDossierProcess(
  ports: ProcessPorts,
  input: {
    procedure: Pick<Procedure, 'code' | 'processingTime' | 'processingUnit'>;
    agency: AgencyRecord;
    currentAgency: AgencyRef;
    receivedAt: string;
    dueAt: string;
    by: string;
    calendar: WorkingCalendar;
  },
): Promise<ProcessProgress> {
  const definition = await ports.processes.forProcedure({
    code: input.procedure.code,
    tier: input.agency.tier,
  });
  const units = await unitsFor(ports, definition, input.agency);
  return startProcess(
    definition,
    {
      ...units,
      currentAgency: stepUnit(input.currentAgency),
      statutoryMinutes: statutoryMinutesOf(input.procedure),
      calendar: input.calendar,
    },
    new Date(input.receivedAt),
    input.dueAt,
    input.by,
  );
}
