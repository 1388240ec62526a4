import document from '../../build/openapi.json' with { type: 'json' };
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { json } from '../../shared/http/responses.ts';

/** The document is written at synth from every spec (`infra/api-build.ts`); no spec is bundled here. */
export const handler = httpEndpoint(async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
