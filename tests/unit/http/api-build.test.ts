import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { APIGatewayProxyEvent, Context } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_FUNCTIONS, SPEC_MODULES } from '../../../functions/api.ts';
import { officerProfileSpec } from '../../../functions/officer/me.spec.ts';
import { writeOpenApiDocument, writeServedEntry } from '../../../infra/api-build.ts';
import type { ApiFunctionSpec } from '../../../shared/http/endpoint-spec.ts';
import { openApiDocument } from '../../../shared/http/openapi.ts';
import { bundleMetafile } from '../../support/bundle.ts';

const ROOT = path.resolve(import.meta.dirname, '../../..');

const event: APIGatewayProxyEvent = {
  httpMethod: 'GET',
  resource: '/openapi.json',
  path: '/openapi.json',
  headers: {},
  multiValueHeaders: {},
  queryStringParameters: null,
  multiValueQueryStringParameters: null,
  pathParameters: null,
  stageVariables: null,
  body: null,
  isBase64Encoded: false,
  // why: the document's handler reads nothing of the request context.
  requestContext: {} as APIGatewayProxyEvent['requestContext'],
};
const context: Context = {
  callbackWaitsForEmptyEventLoop: false,
  functionName: 'OpenApi',
  functionVersion: '$LATEST',
  invokedFunctionArn: 'arn:aws:lambda:ap-southeast-1:000000000000:function:OpenApi',
  memoryLimitInMB: '256',
  awsRequestId: 'req-1',
  logGroupName: 'logs',
  logStreamName: 'stream',
  getRemainingTimeInMillis: () => 10_000,
  done: () => {},
  fail: () => {},
  succeed: () => {},
};

describe('the OpenAPI document written at synth', () => {
  beforeAll(() => writeOpenApiDocument(API_FUNCTIONS));

  it('is served as openApiDocument() of every spec, with the same headers as before', async () => {
    const { handler } = await import('../../../functions/web/openapi.ts');
    const response = await handler(event, context);
    expect(response.statusCode).toBe(200);
    expect(response.headers).toMatchObject({
      'content-type': 'application/json; charset=utf-8',
      'cache-control': 'public, max-age=300',
    });
    expect(response.body).toBe(JSON.stringify(openApiDocument(API_FUNCTIONS)));
  });

  it('keeps the specs out of the function that serves it', async () => {
    const inputs = await bundledInputs(path.join(ROOT, 'functions/web/openapi.ts'));
    expect(inputs.filter((input) => input.endsWith('.spec.ts'))).toEqual([]);
    expect(inputs).toContain('build/openapi.json.gz');
  }, 60_000);
});

describe('the entries generated for specs wired by serve()', () => {
  const served = API_FUNCTIONS.filter((spec) => spec.serve);
  const directory = mkdtempSync(path.join(tmpdir(), 'served-entries-'));

  it.each([
    ...served,
    // A spec wired by a handler file gets no entry, but one written for it shows the same isolation.
    officerProfileSpec,
  ])(
    'bundle the spec of $id and no other',
    async (spec: ApiFunctionSpec) => {
      const module = SPEC_MODULES.get(spec);
      expect(module, spec.id).toBeDefined();
      if (!module) return;
      const entry = path.join(ROOT, 'functions', writeServedEntry(spec, module, directory));
      const source = readFileSync(entry, 'utf8');
      expect(source).toContain(`import { ${module.exportName} as spec }`);
      expect(source).toContain('await spec.serve(loadEnv(spec.env))');
      const specs = (await bundledInputs(entry)).filter((input) => input.endsWith('.spec.ts'));
      expect(specs).toEqual([`functions/${module.file}`]);
    },
    60_000,
  );
});

/** The project files esbuild puts into a bundle from `entry` (pages' HTML left out). */
async function bundledInputs(entry: string): Promise<string[]> {
  return Object.keys((await bundleMetafile(path.relative(ROOT, path.resolve(ROOT, entry)))).inputs);
}
