/**
 * Moves the messages parked in a tier's dead-letter queue back to the tier queue, after the cause
 * was fixed. Lists them first with --dry-run.
 *   npx tsx scripts/redrive.ts <cdk-outputs.json> <tier> [--dry-run]
 */
import { TierSchema } from '../shared/contracts/catalog.ts';
import { output, readOutputs } from './lib/outputs.ts';
import { redrive } from './lib/redrive.ts';

const args = process.argv.slice(2);
const dryRun = args.includes('--dry-run');
const [outputsFile, tierName] = args.filter((arg) => !arg.startsWith('--'));
if (!outputsFile || !tierName)
  throw new Error('usage: tsx scripts/redrive.ts <cdk-outputs.json> <tier> [--dry-run]');
const tier = TierSchema.parse(tierName);
const outputs = readOutputs(outputsFile);
const report = await redrive(
  output(outputs, 'Routing', `${tier}DeadLetterQueueUrl`),
  output(outputs, 'Routing', `${tier}QueueUrl`),
  dryRun,
);
for (const message of report.found) {
  let summary = message.body.slice(0, 160);
  try {
    const body = JSON.parse(message.body) as Record<string, unknown>;
    summary = [body.type, body.dossierCode ?? body.id, body.organId ?? body.agencyCode]
      .filter(Boolean)
      .join(' ');
  } catch {
    // not JSON: shown as it is
  }
  console.log(
    `${message.messageId}  group=${message.group ?? '-'}  receives=${message.receiveCount}  ${summary}`,
  );
}
console.log(
  dryRun
    ? `${report.found.length} message(s) in the ${tier} DLQ (dry run: nothing moved)`
    : `${report.moved} message(s) moved from the ${tier} DLQ back to the ${tier} queue`,
);
