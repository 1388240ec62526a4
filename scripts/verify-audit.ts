/**
 * Walks every audit chain (or the named ones) and reports the first broken link of each.
 *   npx tsx scripts/verify-audit.ts <cdk-outputs.json> [dossier-code …]
 * Exits 1 when any chain is broken.
 */
import { AuditLog } from '../shared/adapters/audit-log.ts';
import { verifyAuditChains } from './lib/audit.ts';
import { output, readOutputs } from './lib/outputs.ts';

const [outputsFile, ...codes] = process.argv.slice(2);
if (!outputsFile) throw new Error('usage: tsx scripts/verify-audit.ts <cdk-outputs.json> [dossier-code …]');
const log = new AuditLog(output(readOutputs(outputsFile), 'Data', 'AuditTableName'));
const verdicts = await verifyAuditChains(log, codes);
const broken = verdicts.filter((verdict) => !verdict.intact);
for (const verdict of broken) {
  if (!verdict.intact) console.log(`BROKEN ${verdict.chain}: entry ${verdict.brokenAt} ${verdict.reason}`);
}
console.log(
  `${verdicts.length} chains checked, ${verdicts.length - broken.length} intact, ${broken.length} broken`,
);
process.exit(broken.length > 0 ? 1 : 0);
