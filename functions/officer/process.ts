import { ReferenceProcessCatalog } from '../../shared/adapters/process-catalog.ts';
import { ReferenceStore } from '../../shared/adapters/reference-store.ts';
import { viewProcess } from '../../shared/app/officer-desk/view-process.ts';
import { loadEnv } from '../../shared/config/env.ts';
import { httpEndpoint, pathParameter, validate } from '../../shared/http/endpoint.ts';
import { officerAuthFromEnv } from '../../shared/http/officer-auth.ts';
import { json } from '../../shared/http/responses.ts';
import { officerProcessSpec, ProcessPathSchema, ProcessQuerySchema } from './process.spec.ts';

const env = loadEnv(officerProcessSpec.env);
const reference = new ReferenceStore(env.REFERENCE_TABLE);
const ports = {
  processes: new ReferenceProcessCatalog(env.REFERENCE_TABLE),
  procedure: (code: string) => reference.getProcedure(code),
};

export const handler = httpEndpoint(async (event) => {
  const { code } = validate(ProcessPathSchema, { code: pathParameter(event, 'code') });
  const { version } = validate(ProcessQuerySchema, event.queryStringParameters ?? {});
  return json(
    200,
    await viewProcess(ports, { code, version: version === undefined ? undefined : Number(version) }),
  );
}, officerAuthFromEnv(env));
