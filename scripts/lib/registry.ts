import type { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import type { AgencyRecord } from '../../shared/contracts/catalog.ts';
import {
  mergeAgencies,
  renameAgency,
  validateRegistry,
} from '../../shared/domain/agencies/agency-registry.ts';
import type { Tier } from '../../shared/domain/agencies/tiers.ts';

export type RegistryChange =
  | { kind: 'merge'; from: string; into: string }
  | { kind: 'rename'; from: string; to: string; name?: string };

/** Applies a merger or rename to the deployed registry, after validating the result as a whole. */
export async function changeRegistry(
  store: ReferenceStore,
  tiers: readonly Tier[],
  change: RegistryChange,
): Promise<AgencyRecord[]> {
  const before = await store.listAgencies();
  if (!before.some((agency) => agency.code === change.from))
    throw new Error(`No agency ${change.from} in the registry`);
  const after =
    change.kind === 'merge'
      ? mergeAgencies(before, change.from, change.into)
      : renameAgency(before, change.from, change.to, change.name);
  const issues = validateRegistry(after, tiers);
  if (issues.length > 0) {
    throw new Error(
      `Refused: ${issues.map((issue) => `${issue.code} ${issue.field}: ${issue.reason.en}`).join('; ')}`,
    );
  }
  await store.replaceAgencies(before, after as AgencyRecord[]);
  return after as AgencyRecord[];
}
