import { Logger } from '@aws-lambda-powertools/logger';
import { DocumentStore } from '../../shared/adapters/document-store.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { KpiCounterStore, KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { aggregateKpiEnv, loadEnv } from '../../shared/config/env.ts';
import { formatLocalDate } from '../../shared/domain/calendar.ts';
import {
  type Contribution,
  contributions,
  documentSentContribution,
  factsOfDossier,
  localDay,
  pendingOf,
} from '../../shared/domain/kpi.ts';
import {
  closablePeriods,
  type Granularity,
  periodBounds,
  periodsOf,
} from '../../shared/domain/kpi-periods.ts';
import { correctionDeltas, driftOf, recount, sumCells } from '../../shared/domain/kpi-recount.ts';
import { kpiRowsOf, type UnitInfo } from '../../shared/domain/kpi-rows.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';
import { BusinessMetric, count, observed } from '../../shared/observability.ts';

const env = loadEnv(aggregateKpiEnv);
const logger = new Logger();
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const documents = new DocumentStore(env.DOCUMENTS_TABLE);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const counters = new KpiCounterStore(env.KPI_COUNTERS_TABLE, env.KPI_COUNTER_SHARDS);
const rows = new KpiRowStore(env.KPI_TABLE);

/** What every period of one run shares: the registry, the catalog and the open dossiers. */
async function context(now: Date) {
  const [agencies, procedures, open] = await Promise.all([
    reference.listAgencies(),
    reference.listProcedures(),
    counters.open(),
  ]);
  const units = new Map<string, UnitInfo>(
    agencies.map((a) => [a.code, { code: a.code, name: a.name, tier: a.tier, parentCode: a.parentCode }]),
  );
  const offered = new Map<string, { proceduresOffered: number; proceduresFullOnline: number }>();
  for (const procedure of procedures) {
    const entry = offered.get(procedure.agencyCode) ?? { proceduresOffered: 0, proceduresFullOnline: 0 };
    entry.proceduresOffered += 1;
    if (procedure.onlineLevel === 'full') entry.proceduresFullOnline += 1;
    offered.set(procedure.agencyCode, entry);
  }
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

async function publish(ctx: RunContext, period: string, closed: boolean) {
  const cells = await counters.period(period);
  const { afterLast } = periodBounds(period);
  const periodRows = kpiRowsOf({
    period,
    closed,
    aggregatedAt: ctx.aggregatedAt,
    units: ctx.units,
    flows: cells.map((cell) => ({ agencyCode: cell.cell, tier: cell.tier, counts: cell.counts })),
    pending: ctx.pendingAt(closed ? formatLocalDate(afterLast) : ctx.today),
    procedures: ctx.offered,
    signingTargets: env.SIGNING_TARGETS,
  });
  await rows.putRows(periodRows);
  return periodRows.length;
}

/** Sums `contributions` over the dossiers and documents of a period, corrects the counters, records drift. */
async function recountPeriod(ctx: RunContext, period: string, requestedBy: string) {
  const { first, afterLast } = periodBounds(period);
  const from = `${formatLocalDate(first)}T00:00:00+07:00`;
  const to = `${formatLocalDate(afterLast)}T00:00:00+07:00`;
  const seen = new Set<string>();
  const items: Contribution[] = [];
  for (const index of ['received', 'settled'] as const) {
    for await (const item of dossiers.inKpiWindow(index, from, to)) {
      if (!item.dossierCode || seen.has(item.dossierCode)) continue;
      seen.add(item.dossierCode);
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
  const drift = {
    period,
    recountedAt: ctx.aggregatedAt,
    requestedBy,
    dossiers: seen.size,
    differences,
  };
  await rows.recordDrift(drift);
  count(BusinessMetric.KpiDriftCorrected, differences.length);
  if (differences.length > 0) logger.warn('KPI drift corrected', { period, differences: differences.length });
  return drift;
}

interface RecountRequest {
  recount?: string;
  requestedBy?: string;
}

/**
 * Scheduled: closes the periods that ended since the last run (recount, correction, final rows)
 * and refreshes the open day, month, quarter and year from the counters. With `{ recount: period }`
 * (an operator's request): recounts that period and publishes it again.
 */
export const handler = observed(async (event: RecountRequest = {}) => {
  const started = Date.now();
  const now = new Date();
  const ctx = await context(now);
  if (event.recount) {
    const drift = await recountPeriod(ctx, event.recount, event.requestedBy ?? 'operator');
    const ended = periodBounds(event.recount).afterLast;
    const published = await publish(ctx, event.recount, formatLocalDate(ended) <= ctx.today);
    count(BusinessMetric.KpiAggregationCompleted);
    return { ...drift, rows: published, milliseconds: Date.now() - started };
  }
  const closing = closablePeriods(await rows.lastClosedDay(), ctx.today);
  const closed: string[] = [];
  for (const period of closing.periods) {
    await recountPeriod(ctx, period, 'schedule');
    await publish(ctx, period, true);
    closed.push(period);
  }
  if (closing.lastClosedDay) await rows.setLastClosedDay(closing.lastClosedDay);
  const open = Object.entries(periodsOf(now)) as [Granularity, string][];
  let published = 0;
  for (const [, period] of open) published += await publish(ctx, period, false);
  const summary = {
    closed,
    refreshed: open.map(([, p]) => p),
    rows: published,
    openCells: ctx.openCells,
    gatheredIntoOverdue: ctx.gathered,
    milliseconds: Date.now() - started,
  };
  logger.info('KPI aggregated', summary);
  count(BusinessMetric.KpiAggregationCompleted);
  return summary;
});
