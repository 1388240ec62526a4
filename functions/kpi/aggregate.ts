import { Logger } from '@aws-lambda-powertools/logger';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { KpiStore } from '../../shared/adapters/kpi-store.ts';
import { aggregateKpiEnv, loadEnv } from '../../shared/config/env.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { countByAgencyAndDay, type DossierFacts, ratesOf } from '../../shared/domain/kpi.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';

const env = loadEnv(aggregateKpiEnv);
const logger = new Logger();
const dossiers = new DossierStore(env.DOSSIERS_TABLE);
const kpi = new KpiStore(env.KPI_TABLE);

const FACT_FIELDS = ['agency', 'receivedAt', 'dueAt', 'channel', 'status', 'settledAt', 'receipt', 'result'];

function factsOf(item: Partial<DossierRecord>): DossierFacts | undefined {
  if (!item.agency || !item.receivedAt || !item.dueAt || !item.channel || !item.status) return undefined;
  return {
    agencyCode: item.agency.code,
    receivedAt: new Date(item.receivedAt),
    dueAt: new Date(item.dueAt),
    channel: item.channel,
    status: item.status,
    settledAt: item.settledAt ? new Date(item.settledAt) : undefined,
    tier: item.agency.tier,
    // The receipt always; the result once issued, signed when the procedure requires it.
    documentsIssued: 1 + (item.result?.documentKey ? 1 : 0),
    documentsSigned: (item.receipt?.signature?.value ? 1 : 0) + (item.result?.documentSignature ? 1 : 0),
  };
}

async function* allFacts(): AsyncGenerator<DossierFacts> {
  for await (const item of dossiers.scanAll(FACT_FIELDS)) {
    const facts = factsOf(item);
    if (facts) yield facts;
  }
}

/** Scheduled recount: per agency and day of receipt, counts and rates recomputed from the dossiers. */
export const handler = async () => {
  const facts: DossierFacts[] = [];
  for await (const fact of allFacts()) facts.push(fact);
  const aggregatedAt = toVietnamIso(new Date());
  const rows = countByAgencyAndDay(facts).map((counts) => ({
    ...counts,
    ...ratesOf(counts, env.SIGNING_TARGETS),
    aggregatedAt,
  }));
  await kpi.putRows(rows);
  logger.info('KPI aggregated', { dossiers: facts.length, rows: rows.length });
  return { dossiers: facts.length, rows: rows.length, aggregatedAt };
};
