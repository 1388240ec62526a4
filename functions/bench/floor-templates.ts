/** Where the intake benchmark puts the items its floor endpoint writes (`functions/bench/floor.ts`). */
export const FLOOR_TEMPLATES_KEY = 'bench-floor/templates.json';

type Item = Record<string, unknown>;

/**
 * The items an intake writes, as the domain code builds them (`buildDossierLife`), put in the bucket
 * by the benchmark before it runs (`bench/intake.ts`): the floor writes the same items under fresh
 * keys, so each of its requests moves the same bytes as an intake.
 */
export interface FloorTemplates {
  dossier: Item;
  auditEntry: Item;
  auditMark: Item;
  intakeClaim: Item;
  uploadClaim: Item;
  idempotencyInProgress: Item;
  idempotencyCompleted: Item;
  /** The key of one copy of the catalog pointer, which each intake reads. */
  pointerKey: Item;
}
