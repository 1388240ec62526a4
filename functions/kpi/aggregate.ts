import { DocumentStore } from '../../shared/adapters/document-store.ts';
import { DossierStore } from '../../shared/adapters/dossier-store.ts';
import { KpiCounterStore, KpiRowStore } from '../../shared/adapters/kpi-store.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { runtime } from '../../shared/adapters/runtime.ts';
import {
  aggregateKpi,
  type KpiAggregationPorts,
  KpiRunRequestSchema,
  recountKpiPeriod,
} from '../../shared/app/kpi/aggregate-kpi.ts';
import { aggregateKpiEnv, loadEnv } from '../../shared/config/env.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(aggregateKpiEnv);
const ports: KpiAggregationPorts = {
  dossiers: new DossierStore(env.DOSSIERS_TABLE),
  documents: new DocumentStore(env.DOCUMENTS_TABLE),
  reference: new ReferenceStore(env.REFERENCE_TABLE),
  counters: new KpiCounterStore(env.KPI_COUNTERS_TABLE, env.KPI_COUNTER_SHARDS),
  rows: new KpiRowStore(env.KPI_TABLE),
  signingTargets: env.SIGNING_TARGETS,
  ...runtime,
};

export const handler = scheduledJob(
  (event) => KpiRunRequestSchema.parse(event ?? {}),
  async ({ recount, requestedBy }) => {
    const run = recount ? await recountKpiPeriod(ports, recount, requestedBy ?? 'operator') : undefined;
    if (run) count(BusinessMetric.KpiDriftCorrected, run.differences.length);
    const result = run ?? (await aggregateKpi(ports));
    // The KPI alarm watches for this count going missing: a run that got here published its rows.
    count(BusinessMetric.KpiAggregationCompleted);
    return result;
  },
);
