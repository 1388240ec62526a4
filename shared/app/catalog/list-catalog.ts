import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';

export interface CatalogPorts {
  /** Both lists as one read of the published versions gives them (the caller may reorder them). */
  reference: { catalog(): Promise<{ procedures: Procedure[]; agencies: AgencyRecord[] }> };
}

/** The published procedures and the agencies that handle them, each ordered by code. */
export async function listCatalog(
  ports: CatalogPorts,
): Promise<{ procedures: Procedure[]; agencies: AgencyRecord[] }> {
  const { procedures, agencies } = await ports.reference.catalog();
  procedures.sort((a, b) => a.code.localeCompare(b.code));
  agencies.sort((a, b) => a.code.localeCompare(b.code));
  return { procedures, agencies };
}
