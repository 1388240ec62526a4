import type { Tier } from '../agencies/tiers.ts';
import type { Applicant } from '../intake/applicant.ts';
import type { Channel, HistoryEntry } from './dossier-schema.ts';
import type { DossierStatus } from './dossier-status.ts';
import type { LifecycleState } from './lifecycle.ts';

/**
 * A dossier as stored: the record of one citizen's application to one procedure. `agency` is the
 * unit that received it (its code stays in the dossier code); `currentAgency` is the unit holding it.
 */
export interface DossierRecord extends LifecycleState {
  dossierCode: string;
  /** Spreads the KPI recount indexes (by time received and time settled) over a few partitions. */
  kpiShard: string;
  /** Incremented by every lifecycle change; writes are conditional on it. */
  version: number;
  /** Copy of currentAgency.code: the key of the officers' queue index. */
  currentAgencyCode: string;
  agency: { code: string; name: string; tier: Tier };
  procedure: { code: string; name: string };
  channel: Channel;
  status: DossierStatus;
  /**
   * When the dossier was submitted (online) or recorded (counter, postal). Absent on dossiers stored
   * before reception became a step of its own, whose `receivedAt` is their submission.
   */
  submittedAt?: string | undefined;
  applicant: Applicant;
  attachments: DossierAttachment[];
  note?: string | undefined;
  wantsMail: boolean;
  lookupSecretHash: string;
  history: HistoryEntry[];
  routing: { tier: Tier; queuedAt?: string; arrivedAt?: string; acknowledgedAt?: string };
  /** The officers' search (set at intake, absent on older dossiers): see `searchAttributes`. */
  applicantName?: string | undefined;
  searchName?: string | undefined;
  idDigests?: string[] | undefined;
  idDigest?: string | undefined;
  secondIdDigest?: string | undefined;
  /** The citizen's rating of the service once the dossier is settled: at most one per dossier. */
  feedback?: CitizenFeedback | undefined;
}

/**
 * An attachment as the dossier holds it: its own copy (`key`, under `dossiers/<code>/`), made from
 * the upload it was checked at, with the SHA-256 and size of the bytes checked. Dossiers received
 * before attachments were bound have the upload's key and no digest.
 */
export interface DossierAttachment {
  key: string;
  uploadKey?: string | undefined;
  fileName: string;
  documentCode?: string | undefined;
  contentType: string;
  sha256?: string | undefined;
  sizeBytes?: number | undefined;
  /** When the citizen supplied it in answer to a request for supplementary documents (form 02). */
  suppliedAt?: string | undefined;
}

export interface CitizenFeedback {
  /** 1 (very dissatisfied) to 5 (very satisfied). */
  rating: 1 | 2 | 3 | 4 | 5;
  comment?: string | undefined;
  /** Vietnam ISO time the feedback was given. */
  at: string;
}

/** The message a tier queue carries for a dossier handed to an agency of that tier. */
export interface DossierArrivalMessage {
  type: 'dossier.received';
  dossierCode: string;
  agencyCode: string;
  tier: Tier;
  sentAt: string;
}

/**
 * A dossier stored but never handed to its tier queue (the queue was unreachable at intake): the
 * re-send sweep routes it once the intake request has surely finished. Only while it still waits
 * to be taken up, in the status intake gave it — "Mới đăng ký" online, "Được tiếp nhận" for one the
 * desk recorded at the counter or from the post: once an officer has acted on it, or the citizen
 * withdrew it, the agency has it (or no longer needs it), as with history imported without routing times.
 */
export function needsRouting(
  dossier: Pick<DossierRecord, 'routing' | 'submittedAt' | 'receivedAt' | 'status' | 'channel'>,
  now: Date,
  graceMs: number,
): boolean {
  const since = dossier.submittedAt ?? dossier.receivedAt;
  return (
    dossier.status === (dossier.channel === 'online' ? 'submitted' : 'accepted') &&
    !dossier.routing.queuedAt &&
    !dossier.routing.acknowledgedAt &&
    since !== undefined &&
    now.getTime() - new Date(since).getTime() > graceMs
  );
}
