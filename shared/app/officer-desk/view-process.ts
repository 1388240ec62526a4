import type { Tier } from '../../domain/agencies/tiers.ts';
import { DomainError } from '../../domain/common/errors.ts';
import { BUILT_IN_PROCESS_VERSION } from '../../domain/process/default-processes.ts';
import type { ProcessRef, PublishedProcess } from '../../domain/process/process-definition.ts';
import { processDiagram } from '../../domain/process/process-diagram.ts';

export interface ViewProcessPorts {
  processes: {
    /** The number of the process set in force (0 while only the built-in defaults apply). */
    activeVersion(): Promise<number>;
    version(ref: ProcessRef): Promise<PublishedProcess | undefined>;
    forProcedure(procedure: { code: string; tier: Tier }): Promise<PublishedProcess>;
  };
  /** A procedure of the active catalog, so that an officer may ask by the procedure's code. */
  procedure(code: string): Promise<{ code: string; tier: Tier } | undefined>;
}

export interface ProcessView {
  code: string;
  version: number;
  publishedAt: string;
  definition: PublishedProcess;
  /** The definition as a Mermaid flowchart, for the workspace and the docs. */
  mermaid: string;
}

/**
 * A process as officers see it: by process code, the version in force (or the one asked for, which a
 * dossier may be pinned to); by procedure code, the process that procedure follows now.
 */
export async function viewProcess(
  ports: ViewProcessPorts,
  request: { code: string; version?: number | undefined },
): Promise<ProcessView> {
  const definition = await find(ports, request);
  if (!definition) {
    throw new DomainError('NOT_FOUND', {
      vi:
        request.version === undefined
          ? `Không có quy trình ${request.code} trong bộ quy trình đang áp dụng.`
          : `Không có quy trình ${request.code} phiên bản ${request.version}.`,
      en:
        request.version === undefined
          ? `There is no process ${request.code} in the process set in force.`
          : `There is no process ${request.code} version ${request.version}.`,
    });
  }
  return {
    code: definition.code,
    version: definition.version,
    publishedAt: definition.publishedAt,
    definition,
    mermaid: processDiagram(definition),
  };
}

async function find(
  ports: ViewProcessPorts,
  { code, version }: { code: string; version?: number | undefined },
): Promise<PublishedProcess | undefined> {
  if (version !== undefined) return ports.processes.version({ code, version });
  const procedure = await ports.procedure(code);
  if (procedure) return ports.processes.forProcedure(procedure);
  const active = await ports.processes.activeVersion();
  const published =
    active === BUILT_IN_PROCESS_VERSION
      ? undefined
      : await ports.processes.version({ code, version: active });
  return published ?? ports.processes.version({ code, version: BUILT_IN_PROCESS_VERSION });
}
