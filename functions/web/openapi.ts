import { httpEndpoint } from '../../shared/http/endpoint.ts';
import { openApiDocument } from '../../shared/http/openapi.ts';
import { json } from '../../shared/http/responses.ts';
import { API_FUNCTIONS } from '../api.ts';

const document = openApiDocument(API_FUNCTIONS);

export const handler = httpEndpoint(async () =>
  json(200, document, { 'cache-control': 'public, max-age=300' }),
);
