/**
 * An operator's recount of one period (day, month, quarter or year, UTC+7): the aggregator sums the
 * period's dossiers and documents again, corrects the counters where they drifted, records what it
 * found and publishes the period again. Prints the drift.
 *   npx tsx scripts/kpi-recount.ts <cdk-outputs.json> <period> [--by NAME]
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { isPeriodKey } from '../shared/domain/kpi/kpi-periods.ts';
import { output, readOutputs } from './lib/outputs.ts';

const args = process.argv.slice(2);
const byIndex = args.indexOf('--by');
const requestedBy = byIndex >= 0 ? args[byIndex + 1] : process.env.USER;
const [outputsFile, period] = args.filter((arg, i) => !arg.startsWith('--') && i !== byIndex + 1);
if (!outputsFile || !period || !isPeriodKey(period))
  throw new Error(
    'usage: tsx scripts/kpi-recount.ts <cdk-outputs.json> <YYYY-MM-DD|YYYY-MM|YYYY-Qn|YYYY> [--by NAME]',
  );
const started = Date.now();
const result = await new LambdaClient({}).send(
  new InvokeCommand({
    FunctionName: output(readOutputs(outputsFile), 'Kpi', 'AggregatorFunctionName'),
    Payload: JSON.stringify({ recount: period, requestedBy: requestedBy ?? 'operator' }),
  }),
);
const body = JSON.parse(new TextDecoder().decode(result.Payload)) as {
  dossiers: number;
  rows: number;
  differences: { agencyCode: string; count: string; counted: number; recounted: number }[];
};
if (result.FunctionError) throw new Error(`recount failed: ${JSON.stringify(body)}`);
for (const d of body.differences)
  console.log(`${d.agencyCode}  ${d.count}: counted ${d.counted}, recounted ${d.recounted} (corrected)`);
console.log(
  `${period}: ${body.dossiers} dossiers recounted, ${body.differences.length} difference(s), ${body.rows} rows published in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
