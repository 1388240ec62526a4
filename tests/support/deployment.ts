import { randomInt } from 'node:crypto';
import { resolve } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import {
  DynamoDBDocumentClient,
  GetCommand,
  UpdateCommand,
  type UpdateCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { apiBaseUrl, output, outputsMatching, readOutputs } from '../../scripts/lib/outputs.ts';
import type { Procedure } from '../../shared/contracts/catalog.ts';
import { missingComponents } from '../../shared/domain/intake/document-components.ts';
import type { DossierRecord } from '../../shared/domain/lifecycle/dossier.ts';
import { samplePdf } from './sample-files.ts';

/**
 * The deployed app under test: the test command deploys into a fresh emulator and passes the
 * outputs file; `npm run test:deployed` alone reuses the one `npm start` wrote.
 */
const outputsFile = resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json');
export const outputs = readOutputs(outputsFile);
export const endpoint = process.env.AWS_ENDPOINT_URL;
export const apiBase = apiBaseUrl(outputs, endpoint);
export const dataOutput = (key: string) => output(outputs, 'Data', key);
export const tierQueueUrls = outputsMatching(outputs, 'Routing', /QueueUrl$/);

export interface ApiAnswer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function api<T = Record<string, unknown>>(
  path: string,
  init: RequestInit = {},
): Promise<ApiAnswer<T>> {
  const response = await fetch(new URL(path.replace(/^\//, ''), apiBase), init);
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // non-JSON bodies (the form page) stay text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

export function postJson<T = Record<string, unknown>>(
  path: string,
  payload: unknown,
  headers: Record<string, string> = {},
) {
  return api<T>(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

export function dossierRequest(overrides: Record<string, unknown> = {}) {
  return {
    procedureCode: '1.001193.000.00.00.H56',
    channel: 'online',
    applicant: {
      fullName: 'Nguyễn Thị Hoa',
      idNumber: '038199004321',
      address: 'Thôn Yên Trạch, xã Quảng Bình, huyện Quảng Xương',
      phone: '0912345678',
      email: 'hoa.nguyen@example.vn',
    },
    ...overrides,
  };
}

/** The procedure as the catalog endpoint publishes it, its document components included. */
export async function publishedProcedure(code: string): Promise<Procedure> {
  const answer = await api<{ procedures: Procedure[] }>('/procedures');
  const procedure = answer.body.procedures?.find((candidate) => candidate.code === code);
  if (answer.status !== 200 || !procedure) throw new Error(`GET /procedures does not list ${code}`);
  return procedure;
}

type RequestAttachment = { key: string; fileName: string; documentCode?: string };

/**
 * `dossierRequest(overrides)` with a small sample PDF uploaded for each mandatory document component
 * of its procedure that the given attachments (if any) do not already satisfy: a complete dossier.
 */
export async function completeDossierRequest(overrides: Record<string, unknown> = {}) {
  const request = dossierRequest(overrides);
  const given = (overrides.attachments ?? []) as RequestAttachment[];
  const procedure = await publishedProcedure(String(request.procedureCode));
  const missing = missingComponents(
    procedure.requiredDocuments,
    given.flatMap((attachment) => (attachment.documentCode ? [attachment.documentCode] : [])),
  );
  const uploaded = await Promise.all(
    missing.map(async (component): Promise<RequestAttachment> => {
      const fileName = `${component.code.toLowerCase().replaceAll('_', '-')}.pdf`;
      const bytes = await samplePdf(`${component.code} ${Math.random()}`);
      const { key, uploadStatus } = await uploadAttachment(fileName, 'application/pdf', bytes);
      if (uploadStatus >= 300) throw new Error(`upload of ${fileName} failed with ${uploadStatus}`);
      return { key, fileName, documentCode: component.code };
    }),
  );
  return { ...request, attachments: [...given, ...uploaded] };
}

export async function waitFor<T>(
  probe: () => Promise<T | undefined>,
  what: string,
  timeoutMs = 30_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Until the agency's tier queue delivered the dossier (its arrival acknowledged). */
export async function waitUntilRouted(dossierCode: string): Promise<void> {
  await waitFor(
    async () => ((await readDossier(dossierCode))?.routing.acknowledgedAt ? true : undefined),
    'routing',
  );
}

export interface SubmittedDossier {
  dossierCode: string;
  lookupSecret: string;
}

/**
 * A complete dossier (`completeDossierRequest(overrides)`) submitted online; any answer but 201 fails
 * the test. With `routed`, returns once its agency's queue delivered it, as officers then see it.
 */
export async function submittedDossier(
  overrides: Record<string, unknown> = {},
  options: { routed?: boolean } = {},
): Promise<SubmittedDossier> {
  const answer = await postJson<SubmittedDossier>('/dossiers', await completeDossierRequest(overrides));
  if (answer.status !== 201)
    throw new Error(`POST /dossiers answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  if (options.routed) await waitUntilRouted(answer.body.dossierCode);
  return answer.body;
}

export interface RecordedMail {
  MessageId: string;
  Source: string;
  To: string[];
  Subject: string;
  BodyText?: string;
  BodyHtml?: string;
}

/** Mail the emulator recorded; in AWS this is what the delivery events would report. */
export async function recordedMail(): Promise<RecordedMail[]> {
  if (!endpoint) throw new Error('Recorded mail is only available from the emulator (AWS_ENDPOINT_URL)');
  const response = await fetch(`${endpoint}/_ministack/ses/messages`);
  const body = (await response.json()) as { messages: Record<string, RecordedMail[]> };
  return Object.values(body.messages).flat();
}

export const MINIMAL_PDF = new TextEncoder().encode(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

/** A PDF attached to an official document, as `POST /officer/documents` carries it. */
export const pdfAttachment = (name: string, bytes: Uint8Array = MINIMAL_PDF) => ({
  name,
  contentType: 'application/pdf',
  contentBase64: Buffer.from(bytes).toString('base64'),
});

/**
 * An official dispatch a commune sends to `to` (`POST /officer/documents`), numbered at random under
 * `codeNotation` so that no two runs send the same document; a test names what else it changes.
 */
export function dispatchRequest(to: string, codeNotation: string, overrides: Record<string, unknown> = {}) {
  return {
    kind: 'dispatch',
    to: [to],
    code: { codeNumber: String(randomInt(1, 999_999_999)), codeNotation },
    promulgationInfo: { place: 'Quảng Bình', promulgationDate: '2026-11-24' },
    documentType: { type: 2, typeName: 'Công văn' },
    subject: 'Báo cáo',
    signerInfo: { position: 'Chủ tịch', fullName: 'Lê Văn Tám' },
    ...overrides,
  };
}

/** Asks for a presigned POST and uploads the bytes to it, as the browser form does. */
export async function uploadAttachment(fileName: string, contentType: string, bytes: Uint8Array) {
  const presigned = await postJson<{ key: string; url: string; fields: Record<string, string> }>(
    '/attachments',
    {
      fileName,
      contentType,
      sizeBytes: bytes.byteLength,
    },
  );
  if (presigned.status !== 201) throw new Error(`presign failed: ${JSON.stringify(presigned.body)}`);
  const form = new FormData();
  for (const [name, value] of Object.entries(presigned.body.fields)) form.append(name, value);
  form.append('file', new Blob([Buffer.from(bytes)], { type: contentType }), fileName);
  const upload = await fetch(presigned.body.url, { method: 'POST', body: form });
  return { key: presigned.body.key, uploadStatus: upload.status, presigned: presigned.body };
}

/** The published PEM of the key that made a signature, as an offline verifier would fetch it. */
export async function publishedKeyPem(keyId: string): Promise<string> {
  const { body } = await api<{ pem: { kid: string; publicKeyPem: string }[] }>('/signing-keys');
  const key = body.pem.find((candidate) => candidate.kid === keyId);
  if (!key) throw new Error(`Key ${keyId} is not published at /signing-keys`);
  return key.publicKeyPem;
}

/** Direct access to the deployed tables, for tests that check what the functions stored. */
export const dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({}));
const lambda = new LambdaClient({});

/** A dossier as stored, read consistently. */
export async function readDossier(dossierCode: string): Promise<DossierRecord | undefined> {
  const { Item } = await dynamo.send(
    new GetCommand({
      TableName: dataOutput('DossiersTableName'),
      Key: { dossierCode },
      ConsistentRead: true,
    }),
  );
  return Item as DossierRecord | undefined;
}

/**
 * Changes a stored dossier behind the functions' backs, as time passing or a failure would have
 * left it; the test names the update.
 */
export async function rewriteStoredDossier(
  dossierCode: string,
  update: Pick<
    UpdateCommandInput,
    'UpdateExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'
  >,
): Promise<void> {
  await dynamo.send(
    new UpdateCommand({ TableName: dataOutput('DossiersTableName'), Key: { dossierCode }, ...update }),
  );
}

/** Runs a deployed function now (what its schedule or event rule would do) and returns its result. */
export async function invokeFunction<T>(
  stackSuffix: string,
  outputKey: string,
  payload?: unknown,
): Promise<T> {
  const result = await lambda.send(
    new InvokeCommand({
      FunctionName: output(outputs, stackSuffix, outputKey),
      ...(payload === undefined ? {} : { Payload: JSON.stringify(payload) }),
    }),
  );
  const body = new TextDecoder().decode(result.Payload);
  if (result.FunctionError) throw new Error(`${outputKey} failed: ${body}`);
  return JSON.parse(body) as T;
}
