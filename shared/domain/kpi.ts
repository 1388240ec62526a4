import * as z from 'zod';
import type { Channel } from '../contracts/dossiers.ts';
import { formatLocalDate, toLocalDate } from './calendar.ts';
import { type DossierStatus, SETTLED_STATUSES } from './dossier-status.ts';
import type { Tier } from './tiers.ts';

/** The fields of a dossier that the indicators are computed from. */
export interface DossierFacts {
  agencyCode: string;
  receivedAt: Date;
  dueAt: Date;
  channel: Channel;
  status: DossierStatus;
  settledAt?: Date;
  tier: Tier;
  /** Documents the dossier produced (its receipt, and its result once issued) and how many are signed. */
  documentsIssued: number;
  documentsSigned: number;
}

export interface Rate {
  numerator: number;
  denominator: number;
  value: number | null;
}

export interface DailyAgencyCounts {
  agencyCode: string;
  day: string;
  received: number;
  receivedOnline: number;
  settled: number;
  settledOnTime: number;
  tier: Tier;
  documentsIssued: number;
  documentsSigned: number;
}

export function rate(numerator: number, denominator: number): Rate {
  return { numerator, denominator, value: denominator === 0 ? null : numerator / denominator };
}

/** Settled on time: a settlement at or before the appointment time (Decision 766, indicator 2.1). */
export function settledOnTime(facts: DossierFacts): boolean {
  return (
    SETTLED_STATUSES.has(facts.status) &&
    facts.settledAt !== undefined &&
    facts.settledAt.getTime() <= facts.dueAt.getTime()
  );
}

/** Counts per receiving agency and local day of receipt. */
export function countByAgencyAndDay(dossiers: Iterable<DossierFacts>): DailyAgencyCounts[] {
  const groups = new Map<string, DailyAgencyCounts>();
  for (const dossier of dossiers) {
    const day = formatLocalDate(toLocalDate(dossier.receivedAt));
    const key = `${dossier.agencyCode}|${day}`;
    let counts = groups.get(key);
    if (!counts) {
      counts = {
        agencyCode: dossier.agencyCode,
        day,
        tier: dossier.tier,
        received: 0,
        receivedOnline: 0,
        settled: 0,
        settledOnTime: 0,
        documentsIssued: 0,
        documentsSigned: 0,
      };
      groups.set(key, counts);
    }
    counts.received += 1;
    if (dossier.channel === 'online') counts.receivedOnline += 1;
    if (SETTLED_STATUSES.has(dossier.status)) counts.settled += 1;
    if (settledOnTime(dossier)) counts.settledOnTime += 1;
    counts.documentsIssued += dossier.documentsIssued;
    counts.documentsSigned += dossier.documentsSigned;
  }
  return [...groups.values()].sort(
    (a, b) => a.agencyCode.localeCompare(b.agencyCode) || a.day.localeCompare(b.day),
  );
}

/** Share of documents each tier's units must sign. */
export const SigningTargetsSchema = z.record(
  z.enum(['commune', 'district', 'province', 'central']),
  z.number().min(0).max(1),
);

/** Seeds: 80% of documents signed for district-level units, 60% for communes; configurable. */
export const DEFAULT_SIGNING_TARGETS: Record<Tier, number> = {
  commune: 0.6,
  district: 0.8,
  province: 0.8,
  central: 0.8,
};

export function ratesOf(
  counts: DailyAgencyCounts,
  signingTargets: Record<Tier, number> = DEFAULT_SIGNING_TARGETS,
) {
  const signedRate = rate(counts.documentsSigned, counts.documentsIssued);
  const signingTarget = signingTargets[counts.tier];
  return {
    onTimeRate: rate(counts.settledOnTime, counts.settled),
    onlineRate: rate(counts.receivedOnline, counts.received),
    signedRate,
    signingTarget,
    signingTargetMet: signedRate.value === null ? null : signedRate.value >= signingTarget,
  };
}
