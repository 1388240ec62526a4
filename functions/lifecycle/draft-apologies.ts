import { deadlineSweepPorts } from '../../shared/adapters/deadline-sweep-ports.ts';
import { loadWorkingCalendar } from '../../shared/adapters/working-calendar.ts';
import { sweepDeadlines } from '../../shared/app/lifecycle/deadline-sweep.ts';
import { apologySweepEnv, loadEnv } from '../../shared/config/env.ts';
import { BusinessMetric, count } from '../../shared/observability.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(apologySweepEnv);
const ports = deadlineSweepPorts(env);

/** Drafts form 04 for dossiers near or past their appointment; alerts steps and dossiers running late. */
export const handler = scheduledJob(
  () => undefined,
  async () => {
    const calendar = await loadWorkingCalendar(env);
    const result = await sweepDeadlines({
      ...ports,
      calendar,
      extensionWorkingDays: env.APOLOGY_EXTENSION_WORKING_DAYS,
      log: logger,
      now: () => new Date(),
    });
    count(BusinessMetric.DossierLateWithoutApology, result.lateWithoutApology);
    count(BusinessMetric.StepOverdueAlerted, result.stepsAlerted);
    return result;
  },
);
