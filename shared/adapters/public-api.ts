import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import * as z from 'zod';
import { publicBaseUrl } from '../config/env.ts';
import { counted } from './aws-calls.ts';

const ssm = counted(new SSMClient({}));
const PublicApiSchema = z.object({ apiId: z.string().min(1), stage: z.string().min(1) });

/** The citizens' base URL, from the parameter the API stack writes; read once per process. */
export function publicBaseUrlFromParameter(
  parameterName: string,
  env: { AWS_REGION: string; PUBLIC_BASE_URL?: string | undefined; AWS_ENDPOINT_URL?: string | undefined },
): () => Promise<string> {
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= ssm
      .send(new GetParameterCommand({ Name: parameterName }))
      .then((result) => PublicApiSchema.parse(JSON.parse(result.Parameter?.Value ?? '{}')))
      .then(({ apiId, stage }) => publicBaseUrl({ ...env, API_ID: apiId, API_STAGE: stage }))
      .catch((error: unknown) => {
        cached = undefined;
        throw error;
      });
    return cached;
  };
}
