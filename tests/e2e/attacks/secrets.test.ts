import { createHash, randomUUID } from 'node:crypto';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  api,
  completeDossierRequest,
  dataOutput,
  dynamo,
  postJson,
  submittedDossier,
} from '../../support/deployment.ts';
import { recordAtCounter } from '../../support/officers.ts';
import { testSourceAddress } from '../../support/source-address.ts';

interface Submitted {
  dossierCode: string;
  lookupSecret: string;
}

const wrongSecret = () => randomUUID().replaceAll('-', '');

const submit = (): Promise<Submitted> => submittedDossier();

const lookup = (code: string, secret: string, source: string) =>
  api<{ error?: { code: string; message: { vi: string; en: string } }; dossierCode?: string }>(
    `/dossiers/${encodeURIComponent(code)}`,
    { headers: { 'x-lookup-secret': secret, 'x-forwarded-for': source } },
  );

describe('lookup secrets in the URL', () => {
  let dossier: Submitted;
  beforeAll(async () => {
    dossier = await submit();
  });

  it('refuses a secret in the query string with a 400 naming the header, even the right one', async () => {
    const code = encodeURIComponent(dossier.dossierCode);
    for (const path of [
      `/dossiers/${code}?secret=${dossier.lookupSecret}`,
      `/dossiers/${code}/forms/01?lookupSecret=${dossier.lookupSecret}`,
    ]) {
      const answer = await api<{ error: { code: string; message: { vi: string; en: string } } }>(path);
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('LOOKUP_SECRET_IN_QUERY');
      expect(answer.body.error.message.en).toContain('x-lookup-secret');
      expect(answer.body.error.message.vi).toContain('x-lookup-secret');
    }
    for (const route of ['withdraw', 'feedback']) {
      const answer = await postJson<{ error: { code: string } }>(
        `/dossiers/${code}/${route}?secret=${dossier.lookupSecret}`,
        { reason: 'Không cần nữa', rating: 5 },
      );
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('LOOKUP_SECRET_IN_QUERY');
    }
    // Nothing was withdrawn by the refused request.
    expect((await lookup(dossier.dossierCode, dossier.lookupSecret, testSourceAddress())).status).toBe(200);
  });
});

describe('guessing a lookup secret', () => {
  it('locks a code after 5 wrong secrets: the 6th and even the right secret get 429 with Retry-After', async () => {
    const dossier = await submit();
    const attacker = testSourceAddress();
    for (let attempt = 1; attempt <= 5; attempt += 1) {
      expect((await lookup(dossier.dossierCode, wrongSecret(), attacker)).status).toBe(404);
    }
    const sixth = await lookup(dossier.dossierCode, wrongSecret(), attacker);
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(14 * 60);
    expect(retryAfter).toBeLessThanOrEqual(15 * 60);
    expect(sixth.body.error?.code).toBe('TOO_MANY_ATTEMPTS');
    expect(sixth.body.error?.message.vi).toMatch(/thử lại sau 15 phút \(lúc \d\d:\d\d/);
    expect(sixth.body.error?.message.en).toMatch(/try again in 15 minutes \(at \d\d:\d\d/);

    // The lock is on the code: its owner, from elsewhere and with the right secret, waits too.
    const owner = await lookup(dossier.dossierCode, dossier.lookupSecret, testSourceAddress());
    expect(owner.status).toBe(429);
    expect(Number(owner.headers.get('retry-after'))).toBeGreaterThan(0);
    const form = await api(`/dossiers/${encodeURIComponent(dossier.dossierCode)}/forms/01`, {
      headers: { 'x-lookup-secret': dossier.lookupSecret, 'x-forwarded-for': testSourceAddress() },
    });
    expect(form.status).toBe(429);

    // Another dossier, looked up from another address, is not affected.
    const other = await submit();
    const answer = await lookup(other.dossierCode, other.lookupSecret, testSourceAddress());
    expect(answer.status).toBe(200);
    expect(answer.body.dossierCode).toBe(other.dossierCode);
  });

  it('locks a source address after 20 wrong secrets, across codes and routes', async () => {
    const [first, second] = [await submit(), await submit()];
    const attacker = testSourceAddress();
    // Five codes, none reaching its own limit of 5: only the source's count can lock.
    const unknown = (sequence: string) => `${first.dossierCode.slice(0, -4)}${sequence}`;
    const codes = [first.dossierCode, second.dossierCode, unknown('9997'), unknown('9998'), unknown('9999')];
    for (let attempt = 0; attempt < 20; attempt += 1) {
      const code = codes[attempt % codes.length] as string;
      const answer =
        attempt % 2 === 0
          ? await lookup(code, wrongSecret(), attacker)
          : await api(`/dossiers/${encodeURIComponent(code)}/forms/01`, {
              headers: { 'x-lookup-secret': wrongSecret(), 'x-forwarded-for': attacker },
            });
      expect(answer.status).toBe(404);
    }
    const locked = await lookup(first.dossierCode, first.lookupSecret, attacker);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(14 * 60);
    // The codes themselves are not locked: from another address the right secret still opens them.
    expect((await lookup(first.dossierCode, first.lookupSecret, testSourceAddress())).status).toBe(200);
    expect((await lookup(second.dossierCode, second.lookupSecret, testSourceAddress())).status).toBe(200);
  });
});

describe('lookup secrets at rest', () => {
  it('leaves no item in any table holding the plaintext secret after a submission with Idempotency-Key', async () => {
    const idempotencyKey = randomUUID();
    const request = await completeDossierRequest();
    const first = await postJson<Submitted>('/dossiers', request, { 'idempotency-key': idempotencyKey });
    expect(first.status).toBe(201);
    // The replay still hands the citizen their secret.
    const replay = await postJson<Submitted>('/dossiers', request, { 'idempotency-key': idempotencyKey });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);

    const tables = (await new DynamoDBClient({}).send(new ListTablesCommand({}))).TableNames ?? [];
    expect(tables.length).toBeGreaterThan(5);
    const holding: string[] = [];
    for (const table of tables) {
      let start: Record<string, unknown> | undefined;
      do {
        const page = await dynamo.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start }));
        for (const item of page.Items ?? []) {
          if (JSON.stringify(item).includes(first.body.lookupSecret)) holding.push(table);
        }
        start = page.LastEvaluatedKey;
      } while (start);
    }
    expect(holding).toEqual([]);
  });
});

describe('form downloads', () => {
  it('signs a form once per dossier version and serves the same file afterwards', async () => {
    // Recorded at the counter, so received at once: form 01 (the receipt) can be downloaded.
    const recorded = await recordAtCounter<Submitted>('000.17.22.H56', await completeDossierRequest());
    expect(recorded.status).toBe(201);
    const dossier = recorded.body;
    const answers = [];
    for (let download = 0; download < 5; download += 1) {
      const answer = await api<{ url: string; sha256: string; pdfSignature: { value: string } }>(
        `/dossiers/${encodeURIComponent(dossier.dossierCode)}/forms/01`,
        { headers: { 'x-lookup-secret': dossier.lookupSecret } },
      );
      expect(answer.status).toBe(200);
      const bytes = Buffer.from(await (await fetch(answer.body.url)).arrayBuffer());
      answers.push({ ...answer.body, bytes: createHash('sha256').update(bytes).digest('hex') });
    }
    const first = answers[0];
    for (const answer of answers) {
      expect(answer.bytes).toBe(first?.bytes);
      expect(answer.sha256).toBe(answer.bytes);
      // ECDSA signatures differ on every signing: one value means one KMS signature.
      expect(answer.pdfSignature.value).toBe(first?.pdfSignature.value);
    }
    const listed = await new S3Client({ forcePathStyle: true }).send(
      new ListObjectsV2Command({
        Bucket: dataOutput('AttachmentsBucketName'),
        Prefix: `forms/${dossier.dossierCode}/`,
      }),
    );
    expect(listed.KeyCount).toBe(1);
  });
});
