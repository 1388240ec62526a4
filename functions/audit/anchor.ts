import { Logger } from '@aws-lambda-powertools/logger';
import { AuditAnchoring } from '../../shared/adapters/audit-anchoring.ts';
import { CheckpointStore } from '../../shared/adapters/audit-checkpoints.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { AuditPending } from '../../shared/adapters/audit-pending.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { auditAnchorEnv, loadEnv } from '../../shared/config/env.ts';
import { observed } from '../../shared/observability.ts';

const env = loadEnv(auditAnchorEnv);
const logger = new Logger();
const anchoring = new AuditAnchoring(
  new AuditLog(env.AUDIT_TABLE),
  new AuditPending(env.AUDIT_PENDING_TABLE),
  new CheckpointStore(env.AUDIT_CHECKPOINTS_BUCKET),
  new KmsSigner(),
  env.AUDIT_ANCHOR_KEY_ID,
);

/** Scheduled: signs a checkpoint over the heads of the audit chains appended to since the last one. */
export const handler = observed(async () => {
  const result = await anchoring.run(new Date(), env.MAX_CHAINS_PER_CHECKPOINT);
  if (result.checkpoint && result.emptyChains.length > 0) {
    logger.error('audit chains marked as appended have no entries', { chains: result.emptyChains });
  }
  logger.info('audit checkpoint', { checkpoint: result.checkpoint, chains: result.chains });
  return result;
});
