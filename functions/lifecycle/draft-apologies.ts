import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore, LIFECYCLE_FIELDS } from '../../shared/adapters/dossier-store.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { type ApologySweepPorts, draftApologies } from '../../shared/app/lifecycle/draft-apologies.ts';
import { apologySweepEnv, loadEnv } from '../../shared/config/env.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(apologySweepEnv);
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const ports: Omit<ApologySweepPorts, 'calendar'> = {
  dossiers: {
    // The projection holds every field a lifecycle change reads and writes, which is all it needs.
    all: () =>
      dossiers.scanAll(['dossierCode', 'version', ...LIFECYCLE_FIELDS]) as AsyncIterable<DossierRecord>,
    applyLifecycle: (dossier, outcome, entry) => dossiers.applyLifecycle(dossier, outcome, entry),
  },
  audit,
  extensionWorkingDays: env.APOLOGY_EXTENSION_WORKING_DAYS,
  log: logger,
  now: () => new Date(),
};

export const handler = scheduledJob(
  () => undefined,
  async () => {
    const result = await draftApologies({ ...ports, calendar: await loadWorkingCalendar(env) });
    count(BusinessMetric.DossierLateWithoutApology, result.lateWithoutApology);
    return result;
  },
);
