import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { json } from '../../shared/http/responses.ts';

const document = openApiDocument();

export const handler = httpEndpoint(async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
