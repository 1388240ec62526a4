import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { officerProfile } from '../../shared/app/officer-desk/officer-profile.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv, officerOf } from '../../shared/http/officer-auth.ts';
import { json } from '../../shared/http/responses.ts';
import { officerProfileSpec } from './me.spec.ts';

const env = loadEnv(officerProfileSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);

export const handler = httpEndpoint(
  async (event) =>
    json(200, await officerProfile({ unit: (code) => reference.getAgency(code) }, officerOf(event))),
  officerAuthFromEnv(env),
);
