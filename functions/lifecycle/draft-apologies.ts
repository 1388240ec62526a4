import { Logger } from '@aws-lambda-powertools/logger';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { DossierStore, LIFECYCLE_FIELDS } from '../../shared/adapters/dossier-store.ts';
import { workingCalendar } from '../../shared/config/calendar.ts';
import { apologySweepEnv, loadEnv } from '../../shared/config/env.ts';
import type { DossierRecord } from '../../shared/domain/dossier.ts';
import { isDomainError } from '../../shared/domain/errors.ts';
import {
  auditFieldsOf,
  draftApology,
  type LifecycleOutcome,
  needsApology,
} from '../../shared/domain/lifecycle.ts';
import { toVietnamIso } from '../../shared/domain/time.ts';

const env = loadEnv(apologySweepEnv);
const logger = new Logger();
const audit = new AuditLog(env.AUDIT_TABLE, env.AUDIT_PENDING_TABLE);
const dossiers = new DossierStore(env.DOSSIERS_TABLE, audit);
const FIELDS = ['dossierCode', 'version', ...LIFECYCLE_FIELDS];

/** Scheduled: every open dossier past its appointment gets a form 04 draft for its unit to approve. */
export const handler = async () => {
  const now = new Date();
  let drafted = 0;
  let raced = 0;
  for await (const item of dossiers.scanAll(FIELDS)) {
    const dossier = item as DossierRecord;
    if (!needsApology(dossier, now)) continue;
    const outcome: LifecycleOutcome = {
      state: {
        ...dossier,
        apology: draftApology(dossier, now, workingCalendar, env.APOLOGY_EXTENSION_WORKING_DAYS),
      },
      history: {
        status: dossier.status,
        at: toVietnamIso(now),
        by: 'system',
        note: 'Quá hạn: dự thảo văn bản xin lỗi (mẫu 04)',
      },
    };
    try {
      await dossiers.applyLifecycle(
        dossier,
        outcome,
        await audit.next(dossier.dossierCode, auditFieldsOf(outcome, 'draft_apology', 'system')),
      );
      drafted += 1;
    } catch (error) {
      // An officer changed the dossier meanwhile; the next run looks at it again.
      if (!isDomainError(error)) throw error;
      raced += 1;
    }
  }
  logger.info('apology sweep', { drafted, raced });
  return { drafted, raced };
};
