import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import type { Checksum, SourceData } from '@smithy/types';
import * as z from 'zod';
import { countedCall } from './aws-calls.ts';
import { defaultProvider } from './lambda-credentials.ts';

/**
 * Reads one SSM parameter with a single signed JSON request, signed by the SDK's own SigV4 signer
 * (already in every bundle that has an SDK client) and sent with Node's built-in `fetch`. The SSM
 * client would add about 77 KB to each function for the two parameters read at run time: where
 * the public API is (mail links) and the fault rates of fault-run deployments.
 */

const GET_PARAMETER_TIMEOUT_MS = 5_000;

const GetParameterAnswer = z.object({ Parameter: z.object({ Value: z.string() }) });
const ErrorAnswer = z.object({ __type: z.string().optional(), message: z.string().optional() });

class NodeSha256 implements Checksum {
  private hash: Hash | Hmac;
  constructor(private readonly secret?: SourceData) {
    this.hash = NodeSha256.create(secret);
  }
  private static create(secret?: SourceData): Hash | Hmac {
    return secret === undefined ? createHash('sha256') : createHmac('sha256', bytesOf(secret));
  }
  update(data: Uint8Array): void {
    this.hash.update(data);
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
  reset(): void {
    this.hash = NodeSha256.create(this.secret);
  }
}

function bytesOf(data: SourceData): Uint8Array {
  if (typeof data === 'string') return Buffer.from(data, 'utf8');
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  return new Uint8Array(data);
}

/** Where SSM answers: the endpoint variables the SDK honours, else the region's public endpoint. */
export function ssmEndpoint(env: NodeJS.ProcessEnv, region: string): URL {
  return new URL(env.AWS_ENDPOINT_URL_SSM ?? env.AWS_ENDPOINT_URL ?? `https://ssm.${region}.amazonaws.com/`);
}

export class ParameterStoreError extends Error {
  constructor(
    readonly type: string,
    readonly status: number,
  ) {
    super(`SSM GetParameter failed with ${status} ${type}`);
    this.name = 'ParameterStoreError';
  }
}

/** A parameter's value (`GetParameter`, no decryption); throws `ParameterStoreError` on any refusal. */
export async function getParameterValue(name: string, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  const region = env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
  const endpoint = ssmEndpoint(env, region);
  const signer = new SignatureV4({
    service: 'ssm',
    region,
    credentials: defaultProvider(),
    sha256: NodeSha256,
  });
  const body = JSON.stringify({ Name: name });
  const signed = await signer.sign({
    method: 'POST',
    protocol: endpoint.protocol,
    hostname: endpoint.hostname,
    ...(endpoint.port ? { port: Number(endpoint.port) } : {}),
    path: endpoint.pathname,
    query: {},
    headers: {
      host: endpoint.host,
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'AmazonSSM.GetParameter',
    },
    body,
  });
  return countedCall('SSM', 'GetParameter', async () => {
    // fetch sets Host from the URL itself (the same value that was signed).
    const { host: _host, ...headers } = signed.headers;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(GET_PARAMETER_TIMEOUT_MS),
    });
    const answer: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = ErrorAnswer.safeParse(answer);
      const type = (error.success && error.data.__type?.split('#').pop()) || 'UnknownError';
      throw new ParameterStoreError(type, response.status);
    }
    return GetParameterAnswer.parse(answer).Parameter.Value;
  });
}
