import * as z from 'zod';
import type { AgencyRecord, Procedure } from '../../contracts/catalog.ts';
import type { Tier } from '../../domain/agencies/tiers.ts';
import { formatLocalDate } from '../../domain/calendar/calendar.ts';
import { toVietnamIso } from '../../domain/calendar/time.ts';
import {
  type CellCounts,
  type Contribution,
  type CounterDeltas,
  contributions,
  documentSentContribution,
  factsOfDossier,
  localDay,
  pendingOf,
} from '../../domain/kpi/kpi.ts';
import { closablePeriods, periodBounds, periodsOf } from '../../domain/kpi/kpi-periods.ts';
import { correctionDeltas, driftOf, recount, sumCells } from '../../domain/kpi/kpi-recount.ts';
import {
  type PublishedPeriod,
  publishedFingerprint,
  publishedPeriodOf,
  type UnitInfo,
  unitProceduresOf,
} from '../../domain/kpi/kpi-rows.ts';
import type { DossierRecord } from '../../domain/lifecycle/dossier.ts';
import type { Log } from '../log.ts';

export interface FlowCell {
  cell: string;
  tier: Tier;
  /** Named counts and per-procedure online counts (`online#<code>`). */
  counts: CellCounts;
}

export interface OpenCell {
  bucket: string;
  cell: string;
  agencyCode: string;
  tier: Tier;
  dueDay: string;
  open: number;
}

/** The event-driven counters the stream consumer writes. */
export interface KpiCounters {
  period(period: string): Promise<FlowCell[]>;
  open(): Promise<OpenCell[]>;
  dropEmpty(cells: readonly OpenCell[]): Promise<void>;
  /** Folds the cells of days before `today` into the overdue cell; answers how many it folded. */
  gatherOverdue(cells: readonly OpenCell[], today: string): Promise<number>;
  apply(deltas: CounterDeltas, options: { shard: number }): Promise<unknown>;
}

export interface DriftRecord {
  period: string;
  recountedAt: string;
  requestedBy: string;
  dossiers: number;
  differences: { agencyCode: string; count: string; counted: number; recounted: number }[];
}

/** The published periods and the aggregator's bookkeeping. */
export interface KpiRows {
  /** Writes a period's one item (every unit's counts), replacing what was published before. */
  putPeriod(published: PublishedPeriod, fingerprint: string): Promise<void>;
  /** The fingerprint of each open period as last written (see `publishedFingerprint`). */
  fingerprints(): Promise<Record<string, string>>;
  setFingerprints(fingerprints: Record<string, string>): Promise<void>;
  lastClosedDay(): Promise<string | undefined>;
  setLastClosedDay(day: string): Promise<void>;
  recordDrift(drift: DriftRecord): Promise<void>;
}

export interface KpiAggregationPorts {
  reference: {
    listAgencies(): Promise<Pick<AgencyRecord, 'code' | 'name' | 'tier' | 'parentCode'>[]>;
    listProcedures(): Promise<Pick<Procedure, 'code' | 'agencyCode' | 'onlineLevel'>[]>;
  };
  counters: KpiCounters;
  rows: KpiRows;
  dossiers: {
    /** Dossiers received (or settled) in [from, to), Vietnam ISO times. */
    inKpiWindow(
      index: 'received' | 'settled',
      from: string,
      to: string,
    ): AsyncIterable<Partial<DossierRecord>>;
    /** Dossiers not settled yet, with the fields the indicators read. */
    open(): AsyncIterable<Partial<DossierRecord>>;
  };
  /** Documents a unit sent in [from, to). */
  documents: {
    sentBetween(
      organId: string,
      from: string,
      to: string,
    ): Promise<{ senderOrganId: string; senderTier: Tier; sentAt: string; signature?: { value?: string } }[]>;
  };
  signingTargets: Record<string, number>;
  log: Log;
  now(): Date;
}

/** What every period of one run shares: the registry, the catalog and the open dossiers. */
async function context(ports: KpiAggregationPorts, now: Date) {
  const { reference, counters } = ports;
  const [agencies, procedures, open] = await Promise.all([
    reference.listAgencies(),
    reference.listProcedures(),
    counters.open(),
  ]);
  const units = new Map<string, UnitInfo>(
    agencies.map((a) => [a.code, { code: a.code, name: a.name, tier: a.tier, parentCode: a.parentCode }]),
  );
  const offered = unitProceduresOf(procedures);
  await counters.dropEmpty(open);
  // The split below is the same before and after gathering, so this run uses the cells as read.
  const gathered = await counters.gatherOverdue(open, localDay(now));
  const openByUnit = new Map<string, [string, number][]>();
  for (const cell of open) {
    const cells = openByUnit.get(cell.agencyCode) ?? [];
    cells.push([cell.dueDay, cell.open]);
    openByUnit.set(cell.agencyCode, cells);
  }
  /** Open dossiers as they stand now, split at `referenceDay` (today, or the day after a closed period). */
  const pendingAt = (referenceDay: string) =>
    new Map([...openByUnit].map(([code, cells]) => [code, pendingOf(cells, referenceDay)]));
  return {
    ports,
    units,
    offered,
    pendingAt,
    openCells: open.length,
    gathered,
    today: localDay(now),
    aggregatedAt: toVietnamIso(now),
  };
}
type RunContext = Awaited<ReturnType<typeof context>>;

/**
 * Computes a period's counts and writes them if they differ from what was last written (`written`
 * holds the fingerprints as stored; `always` writes regardless). Answers the period's fingerprint
 * and whether it was written.
 */
async function publish(
  ctx: RunContext,
  period: string,
  closed: boolean,
  written: Readonly<Record<string, string>>,
  always = false,
) {
  const cells = await ctx.ports.counters.period(period);
  const { afterLast } = periodBounds(period);
  const published = publishedPeriodOf({
    period,
    closed,
    aggregatedAt: ctx.aggregatedAt,
    units: ctx.units,
    flows: cells.map((cell) => ({ agencyCode: cell.cell, tier: cell.tier, counts: cell.counts })),
    pending: ctx.pendingAt(closed ? formatLocalDate(afterLast) : ctx.today),
    procedures: ctx.offered,
    signingTargets: ctx.ports.signingTargets,
  });
  const fingerprint = publishedFingerprint(published);
  const changed = always || written[period] !== fingerprint;
  if (changed) await ctx.ports.rows.putPeriod(published, fingerprint);
  return { fingerprint, changed, rows: changed ? rowCount(published) : 0 };
}

/** The rows a published period answers: the province, each tier present and each unit. */
const rowCount = (published: PublishedPeriod) =>
  1 + new Set(published.units.map(({ unit }) => unit.tier)).size + published.units.length;

/** The end of a window that reaches every dossier settled so far. */
const SETTLED_UNTIL_NOW = '9999-12-31T23:59:59+07:00';

/** Sums `contributions` over the dossiers and documents of a period, corrects the counters, records drift. */
async function recountPeriod(ctx: RunContext, period: string, requestedBy: string) {
  const { dossiers, documents, counters, rows, log } = ctx.ports;
  const { first, afterLast } = periodBounds(period);
  const from = `${formatLocalDate(first)}T00:00:00+07:00`;
  const to = `${formatLocalDate(afterLast)}T00:00:00+07:00`;
  const seen = new Set<string>();
  const items: Contribution[] = [];
  // A step finished in the period may belong to a dossier received before it and settled after it,
  // or not settled yet: those are read too, and `recount` keeps only what fell in the period.
  const sources = [
    dossiers.inKpiWindow('received', from, to),
    dossiers.inKpiWindow('settled', from, SETTLED_UNTIL_NOW),
    dossiers.open(),
  ];
  // The drift record counts the period's own dossiers (received or settled in it), as before steps.
  let ofPeriod = 0;
  for (const [index, source] of sources.entries()) {
    for await (const item of source) {
      if (!item.dossierCode || seen.has(item.dossierCode)) continue;
      seen.add(item.dossierCode);
      if (
        index === 0 ||
        (index === 1 && item.settledAt !== undefined && Date.parse(item.settledAt) < Date.parse(to))
      )
        ofPeriod += 1;
      const facts = factsOfDossier(item);
      if (facts) items.push(...contributions(facts));
    }
  }
  for (const unit of ctx.units.values()) {
    for (const header of await documents.sentBetween(unit.code, from, to)) {
      items.push(documentSentContribution({ ...header, signed: Boolean(header.signature?.value) }));
    }
  }
  const recounted = recount(items, period);
  const counted = sumCells(
    (await counters.period(period)).map((c) => ({ agencyCode: c.cell, tier: c.tier, counts: c.counts })),
  );
  const differences = driftOf(counted, recounted);
  await counters.apply(correctionDeltas(period, differences), { shard: 0 });
  const drift: DriftRecord = {
    period,
    recountedAt: ctx.aggregatedAt,
    requestedBy,
    dossiers: ofPeriod,
    differences,
  };
  await rows.recordDrift(drift);
  if (differences.length > 0) log.warn('KPI drift corrected', { period, differences: differences.length });
  return drift;
}

/** The schedule's event carries no request; an operator's `{ recount: period }` asks for a recount. */
export const KpiRunRequestSchema = z.object({
  recount: z.string().optional(),
  requestedBy: z.string().optional(),
});

/**
 * The scheduled run: closes the periods that ended since the last run (recount, correction, final
 * rows) and refreshes the open day, month, quarter and year from the counters.
 */
export async function aggregateKpi(ports: KpiAggregationPorts) {
  const now = ports.now();
  const ctx = await context(ports, now);
  const [lastClosedDay, written] = await Promise.all([ports.rows.lastClosedDay(), ports.rows.fingerprints()]);
  const closing = closablePeriods(lastClosedDay, ctx.today);
  const closed: string[] = [];
  let rows = 0;
  for (const period of closing.periods) {
    await recountPeriod(ctx, period, 'schedule');
    rows += (await publish(ctx, period, true, written, true)).rows;
    closed.push(period);
  }
  if (closing.lastClosedDay) await ports.rows.setLastClosedDay(closing.lastClosedDay);
  const open = Object.values(periodsOf(now));
  const fingerprints: Record<string, string> = {};
  const unchanged: string[] = [];
  for (const period of open) {
    const result = await publish(ctx, period, false, written);
    fingerprints[period] = result.fingerprint;
    rows += result.rows;
    if (!result.changed) unchanged.push(period);
  }
  // Written after the periods: a run stopped in between rewrites them next time rather than skipping them.
  if (JSON.stringify(fingerprints) !== JSON.stringify(written))
    await ports.rows.setFingerprints(fingerprints);
  const summary = {
    closed,
    refreshed: open,
    unchanged,
    rows,
    openCells: ctx.openCells,
    gatheredIntoOverdue: ctx.gathered,
    milliseconds: ports.now().getTime() - now.getTime(),
  };
  ports.log.info('KPI aggregated', summary);
  return summary;
}

/** An operator's request: recounts one period and publishes it again (closed if it has ended). */
export async function recountKpiPeriod(ports: KpiAggregationPorts, period: string, requestedBy: string) {
  const now = ports.now();
  const ctx = await context(ports, now);
  const drift = await recountPeriod(ctx, period, requestedBy);
  const ended = periodBounds(period).afterLast;
  const written = await ports.rows.fingerprints();
  const published = await publish(ctx, period, formatLocalDate(ended) <= ctx.today, written, true);
  if (period in written) await ports.rows.setFingerprints({ ...written, [period]: published.fingerprint });
  return { ...drift, rows: published.rows, milliseconds: ports.now().getTime() - now.getTime() };
}
