import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod';

/** The `cdk deploy --outputs-file` JSON, read by name whatever the stack prefix is. */
export type StackOutputs = Record<string, Record<string, string>>;

export function readOutputs(file: string): StackOutputs {
  return z.record(z.string(), z.record(z.string(), z.string())).parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function output(outputs: StackOutputs, stackSuffix: string, key: string): string {
  for (const [stack, values] of Object.entries(outputs)) {
    if (stack.endsWith(`-${stackSuffix}`) && values[key] !== undefined) return values[key];
  }
  throw new Error(`No output ${key} in stack *-${stackSuffix}; was the app deployed?`);
}

export function outputsMatching(
  outputs: StackOutputs,
  stackSuffix: string,
  pattern: RegExp,
): Record<string, string> {
  const found: Record<string, string> = {};
  for (const [stack, values] of Object.entries(outputs)) {
    if (!stack.endsWith(`-${stackSuffix}`)) continue;
    for (const [key, value] of Object.entries(values)) if (pattern.test(key)) found[key] = value;
  }
  return found;
}

/** The REST API's base URL in the emulator: MiniStack serves stages under `/_aws/execute-api`. */
export function apiBaseUrl(outputs: StackOutputs, endpoint: string | undefined): string {
  if (!endpoint) return output(outputs, 'Api', 'ApiUrl');
  const apiId = output(outputs, 'Api', 'ApiId');
  const stage = output(outputs, 'Api', 'ApiStage');
  return `${endpoint.replace(/\/$/, '')}/_aws/execute-api/${apiId}/${stage}/`;
}

/**
 * The deployment a bench runs against: the outputs file it names (else `MOTCUA_OUTPUTS`, else the local
 * deployment's) and the API's base URL, through the emulator when `endpoint` is set.
 */
export function deployedApi(file?: string, endpoint = process.env.AWS_ENDPOINT_URL) {
  const outputs = readOutputs(resolve(file ?? process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json'));
  return { outputs, base: apiBaseUrl(outputs, endpoint) };
}
