import { execFile } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { PutCommand, QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import type { Signature } from '../../shared/contracts/signing.ts';
import type { AuditEntry } from '../../shared/domain/audit/audit.ts';
import { verifyAuditChain } from '../../shared/domain/audit/audit.ts';
import type { RecipientRecord } from '../../shared/domain/documents/documents.ts';
import { canonicalJson } from '../../shared/domain/intake/receipt.ts';
import { verifySignature } from '../../shared/domain/signing/signature.ts';
import {
  api,
  dataOutput,
  dynamo,
  MINIMAL_PDF,
  outputs,
  postJson,
  publishedKeyPem,
  recordedMail,
  tierQueueUrls,
  waitFor,
} from '../support/deployment.ts';
import { officerGet, signInOfficer } from '../support/officers.ts';

const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
const s3 = new S3Client({ forcePathStyle: true });
const run = promisify(execFile);
const queueUrl = (tier: string) => tierQueueUrls[`${tier}QueueUrl`] ?? '';

const PROVINCE = '000.00.00.H56';
const DISTRICT = '000.00.22.H56';
const COMMUNE = '000.17.22.H56';
const COMMUNES = ['000.17.22.H56', '000.18.22.H56', '000.21.23.H56'];

interface StepView {
  status: string;
  code: string;
  at: string;
  tookMs: number;
  acknowledgedAt?: string;
}
interface DocumentView {
  id: string;
  documentId: string;
  envelope: Record<string, unknown> & { to: { organId: string }[]; attachments: { sha256: string }[] };
  signature: Signature;
  role: 'sender' | 'recipient';
  recipients: {
    organId: string;
    state: string;
    recall?: string;
    steps: StepView[];
    allowedActions: string[];
  }[];
}

const tokens = new Map<string, string>();
const auth = (agency: string) => ({ authorization: `Bearer ${tokens.get(agency)}` });

function documentRequest(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'dispatch',
    to: [PROVINCE],
    code: { codeNumber: String(randomInt(1, 9_999_999)), codeNotation: 'UBND-VP' },
    promulgationInfo: { place: 'Quảng Bình', promulgationDate: '2026-11-24' },
    documentType: { type: 2, typeName: 'Công văn' },
    subject: `Báo cáo kết quả cải cách hành chính ${randomUUID().slice(0, 8)}`,
    content: 'Kính gửi Ủy ban nhân dân tỉnh.\nXã Quảng Bình báo cáo như sau.',
    signerInfo: { competence: 'TM. UBND', position: 'Chủ tịch', fullName: 'Lê Văn Tám' },
    attachments: [
      {
        name: 'Báo cáo số 1.pdf',
        contentType: 'application/pdf',
        contentBase64: Buffer.from(MINIMAL_PDF).toString('base64'),
      },
    ],
    ...overrides,
  };
}

async function send(from: string, request: Record<string, unknown>) {
  return postJson<{ id: string; documentId: string; recipients: { organId: string }[] }>(
    '/officer/documents',
    request,
    auth(from),
  );
}

async function view(agency: string, id: string) {
  const answer = await officerGet<DocumentView>(tokens.get(agency) ?? '', `/officer/documents/${id}`);
  expect(answer.status).toBe(200);
  return answer.body;
}

/** Waits until the sender has received back, from every recipient, a status with this code. */
async function acknowledged(sender: string, id: string, code: string, recipients: readonly string[]) {
  return waitFor(
    async () => {
      const document = await view(sender, id);
      const done = recipients.every((organId) =>
        document.recipients
          .find((copy) => copy.organId === organId)
          ?.steps.some((step) => step.code === code && step.acknowledgedAt),
      );
      return done ? document : undefined;
    },
    `status ${code} from ${recipients.join(', ')}`,
    60_000,
  );
}

async function act(agency: string, id: string, action: Record<string, unknown>) {
  return postJson<{ state: string; steps: StepView[] }>(
    `/officer/documents/${id}/actions`,
    action,
    auth(agency),
  );
}

async function copies(id: string): Promise<RecipientRecord[]> {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: dataOutput('DocumentsTableName'),
      KeyConditionExpression: 'pk = :id AND begins_with(sk, :to)',
      ExpressionAttributeValues: { ':id': id, ':to': 'to#' },
      ConsistentRead: true,
    }),
  );
  return Items as RecipientRecord[];
}

/** Every item of a table, all pages. */
async function everything(table: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({ TableName: dataOutput(table), ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

describe('document exchange between agencies', () => {
  beforeAll(async () => {
    for (const agency of [PROVINCE, DISTRICT, ...COMMUNES]) tokens.set(agency, await signInOfficer(agency));
  });

  let commune: { id: string; documentId: string };

  it('routes a commune’s document to the province and records every acknowledgement, each signed', async () => {
    const sent = await send(COMMUNE, documentRequest());
    expect(sent.status).toBe(201);
    commune = sent.body;
    expect(sent.body.documentId).toMatch(/^000\.17\.22\.H56,2026\/11\/24,\d+\/UBND-VP$/);

    await acknowledged(COMMUNE, commune.id, '01', [PROVINCE]);
    const inbox = await officerGet<{ items: { id: string; state: string }[] }>(
      tokens.get(PROVINCE) ?? '',
      '/officer/documents?box=inbox',
    );
    expect(inbox.body.items.find((item) => item.id === commune.id)?.state).toBe('arrived');

    expect((await act(PROVINCE, commune.id, { type: 'accept' })).status).toBe(200);
    expect((await act(PROVINCE, commune.id, { type: 'assign', assignee: 'Phòng Nội vụ' })).status).toBe(200);
    expect((await act(PROVINCE, commune.id, { type: 'start_processing' })).status).toBe(200);
    const done = await act(PROVINCE, commune.id, { type: 'complete', note: 'Đã tổng hợp.' });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('completed');

    const document = await acknowledged(COMMUNE, commune.id, '06', [PROVINCE]);
    const steps = document.recipients[0]?.steps ?? [];
    expect(steps.map((step) => step.code)).toEqual(['01', '03', '04', '05', '06']);
    for (const step of steps) {
      expect(step.tookMs).toBeGreaterThanOrEqual(0);
      expect(step.acknowledgedAt).toBeDefined();
    }

    // A step that is not allowed now is refused with what is allowed instead.
    const again = await act(PROVINCE, commune.id, { type: 'accept' });
    expect(again.status).toBe(409);

    // Every status is signed and chained in the audit log: neither side can deny it later.
    const [copy] = await copies(commune.id);
    const keyPem = await publishedKeyPem(output(outputs, 'Data', 'SigningKeyId'));
    expect(copy?.steps).toHaveLength(5);
    for (const step of copy?.steps ?? []) {
      expect(step.signature).toBeDefined();
    }
    const { Items: chain = [] } = await dynamo.send(
      new QueryCommand({
        TableName: dataOutput('AuditTableName'),
        KeyConditionExpression: 'chain = :chain',
        ExpressionAttributeValues: { ':chain': `document:${commune.id}:${PROVINCE}` },
      }),
    );
    expect(chain).toHaveLength(5);
    expect(verifyAuditChain(`document:${commune.id}:${PROVINCE}`, chain as AuditEntry[]).intact).toBe(true);
    for (const entry of chain as AuditEntry[]) {
      const { status, signature } = entry.details as { status: unknown; signature: Signature };
      expect(verifySignature(keyPem, canonicalJson(status), signature)).toBe(true);
    }
    // The envelope the sender signed verifies too.
    expect(verifySignature(keyPem, canonicalJson(document.envelope), document.signature)).toBe(true);
  });

  it('fans a meeting invitation out from the province to all communes, by queue and by official mail', async () => {
    const sent = await send(
      PROVINCE,
      documentRequest({
        kind: 'meeting_invitation',
        to: [],
        toTier: 'commune',
        code: { codeNumber: String(randomInt(1, 9_999_999)), codeNotation: 'GM-UBND' },
        documentType: { type: 5, typeName: 'Giấy mời' },
        promulgationInfo: { place: 'Thanh Hóa', promulgationDate: '2026-11-24' },
        dueDate: '2026-12-01T14:00:00+07:00',
        meetingPlace: 'Hội trường UBND tỉnh',
      }),
    );
    expect(sent.status).toBe(201);
    // "All communes" are the registry's communes as they are now (another test merges one).
    const registry = await api<{ agencies: { code: string; tier: string; officialEmail: string }[] }>(
      '/procedures',
    );
    const communes = registry.body.agencies.filter((agency) => agency.tier === 'commune');
    const codes = communes.map((agency) => agency.code);
    expect(codes.length).toBeGreaterThanOrEqual(3);
    expect(sent.body.recipients.map((r) => r.organId).sort()).toEqual([...codes].sort());
    const document = await acknowledged(PROVINCE, sent.body.id, '01', codes);
    expect(document.role).toBe('sender');
    expect(document.recipients).toHaveLength(codes.length);

    const numberAndNotation = `${(document.envelope.code as { codeNumber: string }).codeNumber}/GM-UBND`;
    const mails = await waitFor(async () => {
      const found = (await recordedMail()).filter((mail) => mail.Subject.includes(numberAndNotation));
      return found.length >= codes.length ? found : undefined;
    }, 'a meeting invitation per commune');
    expect(mails.flatMap((mail) => mail.To).sort()).toEqual(
      communes.map((agency) => agency.officialEmail).sort(),
    );
    expect(mails.flatMap((mail) => mail.To)).toContain('quangbinh.quangxuong@thanhhoa.gov.vn');
    expect(mails[0]?.Subject).toContain('Giấy mời họp');

    // A commune sees only its own copy; an agency that was not addressed sees nothing.
    const own = await view(COMMUNES[0] ?? '', sent.body.id);
    expect(own.role).toBe('recipient');
    expect(own.recipients.map((copy) => copy.organId)).toEqual([COMMUNES[0]]);
    const outsider = await officerGet(tokens.get(DISTRICT) ?? '', `/officer/documents/${sent.body.id}`);
    expect(outsider.status).toBe(404);
  });

  it('records a duplicate delivery once', async () => {
    const sent = await send(COMMUNE, documentRequest({ to: [DISTRICT] }));
    await acknowledged(COMMUNE, sent.body.id, '01', [DISTRICT]);
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl('district'),
        MessageBody: JSON.stringify({
          type: 'document.sent',
          id: sent.body.id,
          organId: DISTRICT,
          tier: 'district',
          sentAt: new Date().toISOString(),
        }),
        MessageGroupId: DISTRICT,
        MessageDeduplicationId: `redelivery-${sent.body.id}`,
      }),
    );
    // A later document to the same agency (same message group) is processed after the duplicate.
    const marker = await send(COMMUNE, documentRequest({ to: [DISTRICT] }));
    await acknowledged(COMMUNE, marker.body.id, '01', [DISTRICT]);
    // …and its status back to the commune after the duplicate's (same group: the commune).
    const [copy] = await copies(sent.body.id);
    expect(copy?.steps.filter((step) => step.code === '01')).toHaveLength(1);
    expect(Object.keys(copy?.acks ?? {})).toHaveLength(1);
  });

  it('recalls a document: the recipient accepts, and the sender sees the recall succeed', async () => {
    const sent = await send(
      PROVINCE,
      documentRequest({
        to: [DISTRICT],
        code: { codeNumber: String(randomInt(1, 9_999_999)), codeNotation: 'UBND-NC' },
      }),
    );
    await acknowledged(PROVINCE, sent.body.id, '01', [DISTRICT]);
    const recall = await act(PROVINCE, sent.body.id, { type: 'recall', reason: 'Văn bản ban hành nhầm.' });
    expect(recall.status).toBe(202);
    await acknowledged(PROVINCE, sent.body.id, '13', [DISTRICT]);
    const answer = await act(DISTRICT, sent.body.id, { type: 'accept_recall' });
    expect(answer.status).toBe(200);
    expect(answer.body.state).toBe('recalled');
    const document = await acknowledged(PROVINCE, sent.body.id, '15', [DISTRICT]);
    expect(document.recipients[0]?.state).toBe('recalled');
    expect(document.recipients[0]?.allowedActions).toEqual([]);
  });

  it('refuses confidential documents with no trace in any bucket, table or queue', async () => {
    const marker = `MẬT-${randomUUID()}`;
    const listDocuments = async () =>
      (
        await s3.send(
          new ListObjectsV2Command({ Bucket: dataOutput('AttachmentsBucketName'), Prefix: 'documents/' }),
        )
      ).Contents?.length ?? 0;
    const objectsBefore = await listDocuments();
    for (const confidentiality of ['mat', 'toi_mat', 'tuyet_mat']) {
      const refused = await send(COMMUNE, documentRequest({ confidentiality, subject: marker }));
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({ error: { code: 'CONFIDENTIAL_NOT_ALLOWED' } });
      expect(JSON.stringify(refused.body)).not.toContain(marker);
    }
    // Even an otherwise invalid confidential request is refused for its classification first.
    const invalid = await send(COMMUNE, { confidentiality: 'tuyet_mat', subject: marker });
    expect(invalid.body).toMatchObject({ error: { code: 'CONFIDENTIAL_NOT_ALLOWED' } });

    expect(await listDocuments()).toBe(objectsBefore);
    for (const table of ['DocumentsTableName', 'AuditTableName']) {
      expect(JSON.stringify(await everything(table))).not.toContain(marker);
    }
    // Every message now waiting in any queue or DLQ, as the emulator holds them.
    const listing = (await fetch(`${process.env.AWS_ENDPOINT_URL}/_ministack/sqs/messages`).then((r) =>
      r.json(),
    )) as { messages: Record<string, Record<string, Record<string, unknown[]>>> };
    const queues = Object.values(listing.messages).flatMap((regions) =>
      Object.entries(Object.values(regions)[0] ?? {}),
    );
    for (const tier of ['commune', 'district', 'province', 'central']) {
      expect(queues.some(([url]) => url.endsWith(`-${tier}.fifo`))).toBe(true);
      expect(queues.some(([url]) => url.endsWith(`-${tier}-dlq.fifo`))).toBe(true);
    }
    expect(JSON.stringify(queues)).not.toContain(marker);
  });

  it('exports a document as edXML and imports it back: same document, signature still valid', async () => {
    const original = await view(COMMUNE, commune.id);
    const exported = await api(`/officer/documents/${commune.id}/edxml`, { headers: auth(COMMUNE) });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('application/xml');
    const xml = String(exported.body);
    expect(xml).toContain('<edXMLEnvelope');
    expect(xml).toContain(`<CodeNotation>UBND-VP</CodeNotation>`);

    const importXml = (body: string) =>
      api<{
        envelope: unknown;
        signatureValid: boolean;
        error?: { code: string; fields: { field: string }[] };
      }>('/officer/documents/edxml', {
        method: 'POST',
        headers: { ...auth(PROVINCE), 'content-type': 'application/xml' },
        body,
      });
    const imported = await importXml(xml);
    expect(imported.status).toBe(200);
    expect(imported.body.envelope).toEqual(original.envelope);
    expect(imported.body.signatureValid).toBe(true);

    const altered = await importXml(
      xml.replace(/<Subject>[^<]*<\/Subject>/, '<Subject>Nội dung bị sửa</Subject>'),
    );
    expect(altered.status).toBe(200);
    expect(altered.body.signatureValid).toBe(false);

    const badField = await importXml(
      xml.replace(/<CodeNumber>\d+<\/CodeNumber>/, '<CodeNumber>số một</CodeNumber>'),
    );
    expect(badField.status).toBe(400);
    expect(badField.body.error?.code).toBe('MALFORMED_XML');
    const line = xml.split('\n').findIndex((text) => text.includes('<CodeNumber>')) + 1;
    expect(badField.body.error?.fields[0]?.field).toBe(`MessageHeader.Code.CodeNumber (dòng/line ${line})`);

    const broken = await importXml(xml.replace('</Subject>', '</Subjekt>'));
    expect(broken.status).toBe(400);
    expect(broken.body.error?.fields[0]?.field).toMatch(/^\(dòng\/line \d+, cột\/column \d+\)$/);

    const swappedFile = await importXml(
      xml.replace(
        /<Content>JVBE[^<]*<\/Content>/,
        `<Content>${Buffer.from('%PDF-1.7 changed').toString('base64')}</Content>`,
      ),
    );
    expect(swappedFile.status).toBe(400);
    expect(swappedFile.body.error?.fields[0]?.field).toContain('edXMLBody.Attachment[1].Content');
  });

  it('parks a poison message in the DLQ; after the fix the redrive command delivers it once', async () => {
    const id = `restored-${randomUUID()}`;
    // Its own message group, so nothing else of that agency waits behind it.
    const organId = `000.00.${randomInt(30, 99)}.H56`;
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl('province'),
        MessageBody: JSON.stringify({
          type: 'document.sent',
          id,
          organId,
          tier: 'province',
          sentAt: new Date().toISOString(),
        }),
        MessageGroupId: organId,
        MessageDeduplicationId: `poison-${id}`,
      }),
    );
    const cli = (dryRun: boolean) =>
      run(
        'npx',
        [
          'tsx',
          'scripts/redrive.ts',
          resolve(process.env.MOTCUA_OUTPUTS ?? '.local/outputs-local.json'),
          'province',
          ...(dryRun ? ['--dry-run'] : []),
        ],
        {
          env: process.env,
        },
      );
    const listed = await waitFor(
      async () => {
        const { stdout } = await cli(true);
        return stdout.includes(id) ? stdout : undefined;
      },
      'the poison message in the province DLQ',
      150_000,
    );
    // Delivered (and failed) six times before it was parked; looking at it counts as a receive too.
    expect(Number(/receives=(\d+)/.exec(listed)?.[1])).toBeGreaterThanOrEqual(6);
    expect(listed).toContain('dry run: nothing moved');

    // The fix: the document's copy is restored (here written back as an operator would from a backup).
    await dynamo.send(
      new PutCommand({
        TableName: dataOutput('DocumentsTableName'),
        Item: {
          pk: id,
          sk: `to#${organId}`,
          id,
          documentId: `000.00.00.H56,2026/11/24,${randomInt(1, 9_999_999)}/UBND-KT`,
          recipient: { organId, organName: 'Sở Tư pháp tỉnh Thanh Hóa', email: 'sotuphap@thanhhoa.gov.vn' },
          recipientOrganId: organId,
          recipientTier: 'province',
          senderOrganId: PROVINCE,
          senderTier: 'province',
          subject: 'Khôi phục',
          kind: 'dispatch',
          promulgationDate: '2026-11-24',
          sentAt: new Date().toISOString(),
          state: 'sent',
          steps: [],
          acks: {},
          version: 0,
        },
      }),
    );
    const { stdout } = await cli(false);
    expect(stdout).toMatch(/[1-9]\d* message\(s\) moved/);
    const delivered = await waitFor(async () => {
      const [copy] = await copies(id);
      return copy && Object.keys(copy.acks).length > 0 ? copy : undefined;
    }, 'the redriven document acknowledged');
    expect(delivered.steps.filter((step) => step.code === '01')).toHaveLength(1);
    const after = await cli(true);
    expect(after.stdout).not.toContain(id);
  }, 240_000);
});
