import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { counted } from './aws-calls.ts';

const SECRET_CACHE_MS = 5 * 60_000;
/** A refused request looks the secret up again (it may just have been created or rotated), at most this often. */
const SECRET_RECHECK_MS = 5_000;

/** The secret each agency's systems sign inbound webhooks with, from Secrets Manager, cached per process. */
export class AgencySecrets {
  private readonly client = counted(new SecretsManagerClient({}));
  private readonly cache = new Map<string, { secret: string | undefined; fetchedAt: number }>();

  constructor(private readonly prefix: string) {}

  async secretOf(agencyCode: string, recheck = false): Promise<string | undefined> {
    const cached = this.cache.get(agencyCode);
    const age = cached ? Date.now() - cached.fetchedAt : Number.POSITIVE_INFINITY;
    if (cached && age < (recheck ? SECRET_RECHECK_MS : SECRET_CACHE_MS)) return cached.secret;
    let secret: string | undefined;
    try {
      secret = (
        await this.client.send(new GetSecretValueCommand({ SecretId: `${this.prefix}${agencyCode}` }))
      ).SecretString;
    } catch (error) {
      if (!(error instanceof ResourceNotFoundException)) throw error;
    }
    this.cache.set(agencyCode, { secret, fetchedAt: Date.now() });
    return secret;
  }
}
