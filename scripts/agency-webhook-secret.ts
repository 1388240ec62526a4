/**
 * Creates (or replaces) the secret an agency's system signs its inbound webhooks with, in Secrets
 * Manager, and prints it once for the agency's integrators.
 *   npx tsx scripts/agency-webhook-secret.ts <agency-code> [stack-prefix=motcua]
 */
import { randomBytes } from 'node:crypto';
import {
  CreateSecretCommand,
  PutSecretValueCommand,
  ResourceExistsException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { AgencyCodeSchema } from '../shared/contracts/catalog.ts';

const [agencyArg, prefix = 'motcua'] = process.argv.slice(2);
const agencyCode = AgencyCodeSchema.parse(agencyArg);
const name = `${prefix.toLowerCase()}/agency-webhooks/${agencyCode}`;
const secret = `whsec_${randomBytes(32).toString('base64')}`;
const client = new SecretsManagerClient({});
try {
  await client.send(
    new CreateSecretCommand({
      Name: name,
      SecretString: secret,
      Description: `Inbound webhooks of ${agencyCode}`,
    }),
  );
  console.log(`Created ${name}`);
} catch (error) {
  if (!(error instanceof ResourceExistsException)) throw error;
  await client.send(new PutSecretValueCommand({ SecretId: name, SecretString: secret }));
  console.log(`Replaced ${name} (the platform picks the new secret up within 5 minutes)`);
}
console.log(`Secret for ${agencyCode} (shown once; give it to the agency's integrators): ${secret}`);
