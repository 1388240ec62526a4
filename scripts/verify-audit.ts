/**
 * Verifies the audit checkpoints (signatures, their chain) and every audit chain (or the named
 * ones) against them: rewritten, cut short or deleted chains and broken links are reported.
 *   npx tsx scripts/verify-audit.ts <cdk-outputs.json> [dossier-code …]
 * Exits 1 when anything is wrong.
 */
import { CheckpointStore } from '../shared/adapters/audit-checkpoints.ts';
import { AuditLog } from '../shared/adapters/audit-log.ts';
import { KmsSigner } from '../shared/adapters/signer.ts';
import { describeCheckpoint } from '../shared/domain/audit/audit-anchor.ts';
import { verifyAnchoredAudit } from './lib/audit.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile, ...codes] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/verify-audit.ts <cdk-outputs.json> [dossier-code …]');
const outputs = readOutputs(outputsFile);
// The public key comes from the anchoring key named in the deployment, never from a checkpoint.
const { publicKeyPem } = await new KmsSigner().publicKey(output(outputs, 'Data', 'AuditAnchorKeyId'));
const report = await verifyAnchoredAudit(
  new AuditLog(output(outputs, 'Data', 'AuditTableName')),
  new CheckpointStore(output(outputs, 'Data', 'AuditCheckpointsBucketName')),
  publicKeyPem,
  codes,
);

for (const problem of report.checkpoints.problems) {
  console.log(`BROKEN ${describeCheckpoint(problem.checkpoint)}: ${problem.reason}`);
}
for (const key of report.checkpoints.unreadable) console.log(`BROKEN ${key}: not a readable checkpoint`);
let unanchored = 0;
for (const verdict of report.chains) {
  if (!verdict.intact) {
    for (const finding of verdict.findings) console.log(`BROKEN ${verdict.chain}: ${finding.reason}`);
  } else if (verdict.anchoredSeq === undefined) {
    unanchored += 1;
    console.log(`NOT YET ANCHORED ${verdict.chain}: ${verdict.length} entries, links intact`);
  } else if (verdict.anchoredSeq < verdict.length) {
    console.log(
      `${verdict.chain}: entries 1–${verdict.anchoredSeq} anchored, ${verdict.anchoredSeq + 1}–${verdict.length} not yet`,
    );
  }
}
const broken = report.chains.filter((verdict) => !verdict.intact).length;
const latest = report.checkpoints.latest;
console.log(
  `${report.checkpoints.count} checkpoints (latest: ${latest ? describeCheckpoint(latest) : 'none'}), ` +
    `${report.checkpoints.problems.length + report.checkpoints.unreadable.length} checkpoint problems; ${report.chains.length} chains checked, ` +
    `${report.chains.length - broken} intact (${unanchored} not yet anchored), ${broken} broken`,
);
process.exit(report.ok ? 0 : 1);
