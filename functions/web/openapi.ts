import { gunzipSync } from 'node:zlib';
import compressed from '../../build/openapi.json.gz';
import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { text } from '../../shared/http/responses.ts';

/**
 * The document is written at synth from every spec (`infra/api-build.ts`) and bundled gzipped; no
 * spec is bundled here. Unpacked once per instance, served as the text it was written.
 */
const document = gunzipSync(compressed).toString('utf8');

export const handler = httpEndpoint(async () =>
  text(200, document, 'application/json; charset=utf-8', { 'cache-control': 'public, max-age=300' }),
);
