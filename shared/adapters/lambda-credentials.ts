import { fromEnv } from '@aws-sdk/credential-provider-env';
import { fromHttp } from '@aws-sdk/credential-provider-http';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Stands in for the SDK's default credential chain inside the function bundles (an esbuild alias,
 * see `infra/constructs/app-function.ts`). Lambda hands a function its role's credentials in
 * environment variables, or through the container credentials endpoint where it sets one; the
 * rest of the default chain (profiles, SSO, web identity, process, instance metadata) can never
 * apply there and, with the STS and SSO clients it pulls in, is a quarter of a bundle.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider =>
  process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI || process.env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI
    ? fromHttp(init)
    : fromEnv(init);
