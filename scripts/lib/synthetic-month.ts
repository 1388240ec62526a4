import { batchPut } from '../../shared/adapters/dynamodb.ts';
import type { AgencyRecord, Procedure } from '../../shared/contracts/catalog.ts';
import { toVietnamIso } from '../../shared/domain/calendar/time.ts';
import { kpiFactsOf, kpiShardOf } from '../../shared/domain/kpi/kpi.ts';
import { daysOf } from '../../shared/domain/kpi/kpi-periods.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import type { DossierStatus } from '../../shared/domain/lifecycle/dossier-status.ts';

/**
 * A month of dossiers as the platform stores them, with a realistic mix of channels, outcomes,
 * delays, supplements and ratings, for the KPI end-to-end test and benchmark. Deterministic for a
 * seed. Written straight into the Dossiers table, so they reach the KPI counters through the
 * table's stream like every other dossier.
 */
export interface SyntheticMonthOptions {
  month: string;
  count: number;
  seed: number;
  agencies: readonly AgencyRecord[];
  procedures: readonly Procedure[];
  /** Distinguishes the dossier codes of separate runs into one table. */
  sequenceOffset?: number;
}

/** mulberry32: small, fast, good enough to spread test data. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(next: () => number, weighted: readonly (readonly [T, number])[]): T {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = next() * total;
  for (const [value, weight] of weighted) {
    roll -= weight;
    if (roll < 0) return value;
  }
  return (weighted.at(-1) as readonly [T, number])[0];
}

const HOUR = 3_600_000;
const STATUSES: readonly (readonly [DossierStatus, number])[] = [
  ['result_returned', 50],
  ['done', 12],
  ['in_progress', 12],
  ['supplement_requested', 5],
  ['payment_requested', 3],
  ['submitted', 3],
  ['accepted', 2],
  ['not_accepted', 6],
  ['withdrawn', 4],
  ['stopped', 3],
];

export function syntheticMonth(options: SyntheticMonthOptions): DossierRecord[] {
  const next = random(options.seed);
  const weekdays = daysOf(options.month).filter((day) => {
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  });
  const agencies = new Map(options.agencies.map((agency) => [agency.code, agency]));
  const procedures = options.procedures.filter((procedure) => agencies.has(procedure.agencyCode));
  const sequences = new Map<string, number>();
  const records: DossierRecord[] = [];
  for (let index = 0; index < options.count; index += 1) {
    const procedure = procedures[Math.floor(next() * procedures.length)] as Procedure;
    const agency = agencies.get(procedure.agencyCode) as AgencyRecord;
    const day = weekdays[Math.floor(next() * weekdays.length)] as string;
    // Office hours, 07:30 to 17:00 local time.
    const receivedAt = new Date(Date.parse(`${day}T07:30:00+07:00`) + Math.floor(next() * 9.5 * HOUR));
    const spanHours = Math.max(
      4,
      procedure.processingTime * (procedure.processingUnit === 'working_days' ? 33.6 : 1.4),
    );
    const dueAt = new Date(receivedAt.getTime() + spanHours * HOUR);
    const channel = pick(next, [
      ['online', 55],
      ['counter', 37],
      ['postal', 8],
    ] as const);
    const status = pick(next, STATUSES);
    const settled = status === 'done' || status === 'result_returned';
    const supplementRequests = pick(next, [
      [0, 82],
      [1, 15],
      [2, 3],
    ] as const);
    const settledAt = settled
      ? new Date(receivedAt.getTime() + spanHours * (0.15 + next() * 1.2) * HOUR)
      : undefined;
    const dayKey = day.slice(2).replace(/-/g, '');
    const sequenceKey = `${agency.code}-${dayKey}`;
    const sequence = (sequences.get(sequenceKey) ?? 0) + 1;
    sequences.set(sequenceKey, sequence);
    const dossierCode = `${sequenceKey}-${String(5000 + (options.sequenceOffset ?? 0) + sequence).padStart(4, '0')}`;
    const unit = { code: agency.code, name: agency.name, tier: agency.tier };
    const attachmentShare = channel === 'online' ? 0.9 : channel === 'counter' ? 0.5 : 0.3;
    const attachments =
      next() < attachmentShare
        ? Array.from({ length: 1 + Math.floor(next() * 3) }, (_, n) => ({
            key: `uploads/synthetic-${dossierCode}-${n}`,
            fileName: `giay-to-${n + 1}.pdf`,
            contentType: 'application/pdf',
          }))
        : [];
    const resultIssued = settled && next() < 0.75;
    const late = supplementRequests > 1 || (settledAt !== undefined && settledAt.getTime() > dueAt.getTime());
    const rating =
      settled && next() < 0.45
        ? pick(next, [
            [5, 40],
            [4, 30],
            [3, 15],
            [2, 10],
            [1, 5],
          ] as const)
        : undefined;
    records.push({
      dossierCode,
      kpiShard: kpiShardOf(dossierCode),
      version: 1,
      currentAgencyCode: agency.code,
      agency: unit,
      currentAgency: unit,
      procedure: { code: procedure.code, name: procedure.name },
      channel,
      status,
      receivedAt: toVietnamIso(receivedAt),
      dueAt: toVietnamIso(dueAt),
      applicant: {
        fullName: 'Công dân thử nghiệm',
        idNumber: '000000000000',
        address: 'Địa chỉ thử nghiệm',
        phone: '0900000000',
      },
      attachments,
      wantsMail: false,
      lookupSecretHash: 'synthetic',
      // Shaped like a signed receipt (the stores validate what they read); nothing verifies it.
      receipt: {
        document: { kind: 'synthetic' },
        canonical: '{}',
        signature: {
          keyId: 'synthetic',
          algorithm: 'ECDSA_SHA_256',
          canonicalization: 'RFC8785-JCS',
          value: 'c3ludGhldGlj',
        },
      },
      // Routed and acknowledged the moment it was received, as a dossier of a past month would have
      // been: the re-send sweep must not take generated history for dossiers that were never queued.
      history: [
        { status: 'submitted', at: toVietnamIso(receivedAt), by: channel, note: undefined },
        { status: 'routed', at: toVietnamIso(receivedAt), by: `queue:${agency.tier}`, note: agency.code },
        { status: 'acknowledged', at: toVietnamIso(receivedAt), by: agency.code, note: undefined },
      ],
      routing: {
        tier: agency.tier,
        queuedAt: toVietnamIso(receivedAt),
        arrivedAt: toVietnamIso(receivedAt),
        acknowledgedAt: toVietnamIso(receivedAt),
      },
      supplementRequests,
      controlSlip: [],
      ...(status === 'supplement_requested'
        ? { clock: { pausedAt: toVietnamIso(receivedAt), remainingWorkingMinutes: 480 } }
        : {}),
      ...(settledAt
        ? {
            settledAt: toVietnamIso(settledAt),
            result: {
              ...(resultIssued ? { documentKey: `results/synthetic-${dossierCode}.pdf` } : {}),
              ...(resultIssued && next() < 0.6
                ? {
                    documentSignature: {
                      keyId: 'synthetic',
                      algorithm: 'ECDSA_SHA_256',
                      value: 'c2ln',
                      sha256: '00',
                    },
                  }
                : {}),
              completedBy: 'synthetic',
              // About a third of the elapsed minutes are office minutes; no random draw, so the
              // rest of the month is the same as before this field was generated.
              processingWorkingMinutes: Math.round((settledAt.getTime() - receivedAt.getTime()) / 60_000 / 3),
              timeliness: late
                ? 'late'
                : toVietnamIso(settledAt).slice(0, 10) < toVietnamIso(dueAt).slice(0, 10)
                  ? 'early'
                  : 'on_time',
            },
          }
        : {}),
      ...(rating ? { feedback: { rating, at: toVietnamIso(settledAt ?? receivedAt) } } : {}),
    });
  }
  return records;
}

/** Writes the records, eight batches of 25 at a time, reporting progress. */
export async function writeDossiers(
  tableName: string,
  records: readonly DossierRecord[],
  onProgress: (written: number) => void = () => {},
): Promise<void> {
  const chunk = 200;
  let written = 0;
  for (let start = 0; start < records.length; start += chunk * 8) {
    await Promise.all(
      Array.from({ length: 8 }, (_, lane) => {
        const slice = records.slice(start + lane * chunk, start + (lane + 1) * chunk);
        // As the store writes them: with the facts the KPI indexes project.
        return slice.length > 0
          ? batchPut(
              tableName,
              slice.map((record) => ({ ...record, kpiFacts: kpiFactsOf(record) })),
            )
          : undefined;
      }),
    );
    written = Math.min(records.length, start + chunk * 8);
    onProgress(written);
  }
}
