import type { ReferenceStore } from '../adapters/reference-store.ts';
import type { AgencyRecord } from '../contracts/catalog.ts';
import { DomainError } from '../domain/common/errors.ts';
import type { Officer } from './officer-auth.ts';

/** The unit an officer works for today, resolving a former code after a rename or merger. */
export async function officerUnit(reference: ReferenceStore, officer: Officer): Promise<AgencyRecord> {
  const unit = await reference.getAgency(officer.agencyCode);
  if (!unit) {
    throw new DomainError('FORBIDDEN', {
      vi: `Cơ quan ${officer.agencyCode} của tài khoản không có trong danh mục.`,
      en: `The account's agency ${officer.agencyCode} is not in the registry.`,
    });
  }
  return unit;
}
