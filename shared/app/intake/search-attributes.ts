import type { Applicant } from '../../domain/intake/applicant.ts';
import {
  applicantIdentifiers,
  type SearchAttributes,
  searchAttributes,
} from '../../domain/officers/work-queue.ts';

/** Keyed digests of applicant identifiers (HMAC under the search key), never the numbers. */
export interface IdentifierDigests {
  digest(identifier: string): Promise<string>;
}

/** What the officers' search finds a dossier's applicant by: intake writes it, an upgrade backfills it. */
export async function digestedSearchAttributes(
  applicant: Applicant,
  identifiers: IdentifierDigests,
): Promise<SearchAttributes> {
  const digests = await Promise.all(applicantIdentifiers(applicant).map((id) => identifiers.digest(id)));
  return searchAttributes(applicant, digests);
}
