import { readFileSync } from 'node:fs';
import * as z from 'zod';
import type { Call, KeptBytes, MonthlyWork, Step } from './dossier-life.ts';
import { ASSUMPTIONS } from './dossier-life.ts';

const PriceTableSchema = z.object({
  region: z.string(),
  regionName: z.string(),
  currency: z.literal('USD'),
  asOf: z.iso.date(),
  note: z.string(),
  prices: z.record(
    z.string(),
    z.object({ usd: z.number().nonnegative(), per: z.string(), source: z.url(), checked: z.string() }),
  ),
});
export type PriceTable = z.infer<typeof PriceTableSchema>;

export function loadPrices(): PriceTable {
  return PriceTableSchema.parse(JSON.parse(readFileSync(new URL('../prices.json', import.meta.url), 'utf8')));
}

export function priceOf(prices: PriceTable, name: string): number {
  const entry = prices.prices[name];
  if (!entry) throw new Error(`bench/prices.json has no price for ${name}`);
  return entry.usd;
}

/** USD by service line. */
export type Bill = Record<string, number>;

const add = (bill: Bill, line: string, usd: number) => {
  if (usd !== 0) bill[line] = (bill[line] ?? 0) + usd;
};

/** Totals of the calls: requests and units, for the tables that show what was priced. */
export interface Tally {
  apiRequests: number;
  invocations: number;
  dynamoRequests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
  indexWriteUnits: number;
  s3Put: number;
  s3Get: number;
  kmsSign: number;
  sqsRequests: number;
  mails: number;
}

export const emptyTally = (): Tally => ({
  apiRequests: 0,
  invocations: 0,
  dynamoRequests: {},
  readUnits: 0,
  writeUnits: 0,
  indexWriteUnits: 0,
  s3Put: 0,
  s3Get: 0,
  kmsSign: 0,
  sqsRequests: 0,
  mails: 0,
});

function tallyCalls(tally: Tally, calls: readonly Call[], times: number): void {
  for (const call of calls) {
    switch (call.service) {
      case 'DynamoDB':
        tally.dynamoRequests[call.op] = (tally.dynamoRequests[call.op] ?? 0) + times;
        tally.readUnits += call.read * times;
        tally.writeUnits += call.write * times;
        tally.indexWriteUnits += call.indexWrite * times;
        break;
      case 'S3':
        if (call.op === 'GET' || call.op === 'HEAD') tally.s3Get += times;
        else tally.s3Put += times;
        break;
      case 'KMS':
        tally.kmsSign += times;
        break;
      case 'SQS':
        tally.sqsRequests += call.requests * times;
        break;
      case 'SES':
        tally.mails += call.mails * times;
        break;
    }
  }
}

export function tallySteps(steps: readonly Step[]): Tally {
  const tally = emptyTally();
  for (const step of steps) {
    tally.apiRequests += step.apiRequests * step.times;
    tally.invocations += step.invocations * step.times;
    tallyCalls(tally, step.calls, step.times);
  }
  return tally;
}

export function tallyMonth(work: readonly MonthlyWork[]): Tally {
  const tally = emptyTally();
  for (const job of work) {
    tally.invocations += job.invocationsPerRun * job.runs;
    tallyCalls(tally, job.calls, job.runs);
  }
  return tally;
}

/** The bill of a tally, by service, without mail (SES is priced apart by `mailBill`). */
export function bill(prices: PriceTable, tally: Tally, { sqsFifoShare = 1 } = {}): Bill {
  const p = (name: string) => priceOf(prices, name);
  const result: Bill = {};
  add(result, 'API Gateway (REST)', tally.apiRequests * p('ApiGateway.RestRequest'));
  // The web ACL inspects every request of the public API (infra/stacks/api-stack.ts).
  add(result, 'WAF (requests inspected)', tally.apiRequests * p('WAF.Request'));
  add(result, 'Lambda requests', tally.invocations * p('Lambda.Request'));
  add(
    result,
    'Lambda duration',
    tally.invocations * ASSUMPTIONS.gbSecondsPerInvocation * p('Lambda.GbSecondArm'),
  );
  add(
    result,
    'CloudWatch Logs',
    ((tally.invocations * ASSUMPTIONS.logBytesPerInvocation) / 1024 ** 3) * p('CloudWatchLogs.IngestedGb'),
  );
  add(result, 'DynamoDB writes (tables)', tally.writeUnits * p('DynamoDB.WriteRequestUnit'));
  add(result, 'DynamoDB writes (indexes)', tally.indexWriteUnits * p('DynamoDB.WriteRequestUnit'));
  add(result, 'DynamoDB reads', tally.readUnits * p('DynamoDB.ReadRequestUnit'));
  add(result, 'S3 requests', tally.s3Put * p('S3.PutRequest') + tally.s3Get * p('S3.GetRequest'));
  add(result, 'KMS', tally.kmsSign * p('KMS.AsymmetricSign'));
  add(
    result,
    'SQS',
    tally.sqsRequests * (sqsFifoShare * p('SQS.FifoRequest') + (1 - sqsFifoShare) * p('SQS.StandardRequest')),
  );
  return result;
}

/** SQS requests are FIFO (tier queues) or standard (mail): priced per call, so the life's are split. */
export function lifeBill(prices: PriceTable, steps: readonly Step[]): Bill {
  const tally = tallySteps(steps);
  const fifo = steps.reduce(
    (sum, step) =>
      sum +
      step.calls.reduce(
        (s, call) => s + (call.service === 'SQS' && call.queue === 'fifo' ? call.requests : 0),
        0,
      ) *
        step.times,
    0,
  );
  return bill(prices, tally, { sqsFifoShare: tally.sqsRequests > 0 ? fifo / tally.sqsRequests : 1 });
}

export const total = (b: Bill) => Object.values(b).reduce((sum, usd) => sum + usd, 0);
export const times = (b: Bill, factor: number): Bill =>
  Object.fromEntries(Object.entries(b).map(([line, usd]) => [line, usd * factor]));

/** Mail of one dossier's life: SES per message, and per GB of attachments (none: mails carry links). */
export function mailBill(prices: PriceTable, steps: readonly Step[]): Bill {
  const { mails } = tallySteps(steps);
  return { 'SES messages': mails * priceOf(prices, 'SES.Email'), 'SES attachments': 0 };
}

/** USD a month of keeping one million dossiers: DynamoDB storage, its backups, S3 Standard. */
export function keptBill(prices: PriceTable, kept: KeptBytes, sweepReadUnitsPerMonth: number): Bill {
  const gb = (bytes: number) => (bytes * 1_000_000) / 1024 ** 3;
  const dynamo = Object.values(kept.dynamodb).reduce((sum, bytes) => sum + bytes, 0);
  const files = Object.values(kept.files).reduce((sum, bytes) => sum + bytes, 0);
  const result: Bill = {};
  add(
    result,
    'DynamoDB storage (tables and indexes)',
    gb(dynamo) * priceOf(prices, 'DynamoDB.StorageGbMonth'),
  );
  add(result, 'DynamoDB point-in-time recovery', gb(kept.pitr) * priceOf(prices, 'DynamoDB.PitrGbMonth'));
  add(result, 'S3 uploads (Standard, 7 days)', gb(kept.uploads) * priceOf(prices, 'S3.StandardGbMonth'));
  add(
    result,
    kept.filesClass === 'S3.StandardGbMonth'
      ? 'S3 files and forms (Standard)'
      : 'S3 files and forms (Glacier Instant Retrieval)',
    gb(files) * priceOf(prices, kept.filesClass),
  );
  add(
    result,
    'Apology sweep reading them every 15 min',
    sweepReadUnitsPerMonth * priceOf(prices, 'DynamoDB.ReadRequestUnit'),
  );
  return result;
}
