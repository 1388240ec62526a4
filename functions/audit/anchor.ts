import { CheckpointStore, checkpointKey } from '../../shared/adapters/audit-checkpoints.ts';
import { AuditLog } from '../../shared/adapters/audit-log.ts';
import { AuditPending } from '../../shared/adapters/audit-pending.ts';
import { KmsSigner } from '../../shared/adapters/signer.ts';
import { type AnchoringPorts, anchorAudit } from '../../shared/app/audit/anchor-audit.ts';
import { auditAnchorEnv, loadEnv } from '../../shared/config/env.ts';
import { logger, scheduledJob } from '../../shared/runtime/consumer.ts';

const env = loadEnv(auditAnchorEnv);
const signer = new KmsSigner();
const ports: AnchoringPorts = {
  chains: new AuditLog(env.AUDIT_TABLE),
  pending: new AuditPending(env.AUDIT_PENDING_TABLE),
  checkpoints: new CheckpointStore(env.AUDIT_CHECKPOINTS_BUCKET),
  checkpointKey,
  sign: (canonical) => signer.sign(env.AUDIT_ANCHOR_KEY_ID, canonical),
  maxChainsPerCheckpoint: env.MAX_CHAINS_PER_CHECKPOINT,
  log: logger,
  now: () => new Date(),
};

export const handler = scheduledJob(
  () => undefined,
  () => anchorAudit(ports),
);
