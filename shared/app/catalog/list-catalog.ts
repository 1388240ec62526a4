import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';

export interface CatalogPorts {
  reference: { listProcedures(): Promise<Procedure[]>; listAgencies(): Promise<AgencyRecord[]> };
}

/** The published procedures and the agencies that handle them, each ordered by code. */
export async function listCatalog(
  ports: CatalogPorts,
): Promise<{ procedures: Procedure[]; agencies: AgencyRecord[] }> {
  const [procedures, agencies] = await Promise.all([
    ports.reference.listProcedures(),
    ports.reference.listAgencies(),
  ]);
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  agencies.sort((a, b) => a.code.localeCompare(b.code));
  return { procedures, agencies };
}
