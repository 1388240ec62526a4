import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { SQSRecord } from 'aws-lambda';
import { type FaultRates, FaultRatesSchema, InjectedFault, injectedFault } from '../domain/common/faults.ts';
import { counted } from './aws-calls.ts';

// Created on first use: a module without effects at import is dropped whole where it is not used.
let ssm: SSMClient | undefined;
/** Fault runs change the rates while the app runs; a few seconds' delay is fine for them. */
const CACHE_MS = 3000;

/**
 * Wraps a queue handler's per-message work so that the share of messages set in the fault-injection
 * parameter fails, before or after the work (see `injectedFault`). Only fault-run deployments have
 * the parameter; without it the handlers use their work function as it is.
 */
export function withInjectedFaults(
  parameterName: string | undefined,
  handler: keyof FaultRates,
  work: (record: SQSRecord) => Promise<void>,
): (record: SQSRecord) => Promise<void> {
  if (!parameterName) return work;
  let cached: { rates: FaultRates; at: number } | undefined;
  async function rates(): Promise<FaultRates> {
    if (cached && Date.now() - cached.at < CACHE_MS) return cached.rates;
    ssm ??= counted(new SSMClient({}));
    const result = await ssm.send(new GetParameterCommand({ Name: parameterName }));
    cached = { rates: FaultRatesSchema.parse(JSON.parse(result.Parameter?.Value ?? '{}')), at: Date.now() };
    return cached.rates;
  }
  return async (record) => {
    const attempt = Number(record.attributes.ApproximateReceiveCount);
    const point = injectedFault((await rates())[handler], record.messageId, attempt);
    // One line per fault, so a run can show its faults really fired (its outcome is counted from state).
    if (point)
      process.stdout.write(
        `${JSON.stringify({ level: 'WARN', message: 'injected fault', point, attempt })}\n`,
      );
    if (point === 'before') throw new InjectedFault(point, record.messageId);
    await work(record);
    if (point === 'after') throw new InjectedFault(point, record.messageId);
  };
}
