import type { DomainError } from '../../domain/common/errors.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';

/**
 * Opens a dossier for the citizen of the current request, who proves it with the lookup secret
 * (`LookupGate.for(event)` in AWS): `read` runs only when no lockout applies, and a dossier the
 * secret does not open answers `notFound()`.
 */
export interface DossierGate {
  open(
    code: string,
    read: () => Promise<DossierRecord | undefined>,
    notFound: () => DomainError,
  ): Promise<DossierRecord>;
}
