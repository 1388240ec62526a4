import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { AuditLog } from '../../../shared/adapters/audit-log.ts';
import type { FileLink } from '../../../shared/contracts/files.ts';
import { type AuditEntry, verifyAuditChain } from '../../../shared/domain/audit/audit.ts';
import { dataOutput, dispatchRequest, pdfAttachment, postJson, waitFor } from '../../support/deployment.ts';
import { expectBilingualError } from '../../support/errors.ts';
import { officerGet, registerOfficer, signInOfficer } from '../../support/officers.ts';
import { samplePdf } from '../../support/sample-files.ts';

/**
 * The attachments of an official document reach its sender and its recipients only: an officer of
 * any other unit, who can guess or has seen the document's id, gets nothing of it. Each link handed
 * out is an entry of the opening unit's audit chain of the document; a refused request writes none.
 */
const SENDER = '000.17.22.H56';
const RECIPIENT = '000.00.00.H56';
const STRANGER = '000.18.22.H56';

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const tokens: Record<string, string> = {};
const usernames: Record<string, string> = {};
const sent: { id: string; pdf: Uint8Array } = { id: '', pdf: new Uint8Array() };
const filePath = (index: string) => `/officer/documents/${encodeURIComponent(sent.id)}/attachments/${index}`;

const audit = () => new AuditLog(dataOutput('AuditTableName'));
/** The chain of the document as its sender keeps it, or of one recipient's copy. */
const chainOf = (unit: string) => (unit === SENDER ? `document:${sent.id}` : `document:${sent.id}:${unit}`);
const entriesOf = async (unit: string) =>
  (await audit().entries(chainOf(unit))).sort((a: AuditEntry, b: AuditEntry) => a.seq - b.seq);
const lengths = async () =>
  Object.fromEntries(
    await Promise.all(
      [SENDER, RECIPIENT, STRANGER].map(async (unit) => [unit, (await entriesOf(unit)).length]),
    ),
  );

beforeAll(async () => {
  const [senderOfficer, recipientOfficer, stranger] = await Promise.all([
    registerOfficer(SENDER),
    registerOfficer(RECIPIENT),
    signInOfficer(STRANGER),
  ]);
  const [sender, recipient] = [senderOfficer.idToken, recipientOfficer.idToken];
  Object.assign(tokens, { sender, recipient, stranger });
  Object.assign(usernames, { sender: senderOfficer.username, recipient: recipientOfficer.username });
  sent.pdf = await samplePdf(`Cong van mat ${randomUUID().slice(0, 8)}`);
  const answer = await postJson<{ id: string }>(
    '/officer/documents',
    dispatchRequest(RECIPIENT, 'UBND-TEP', {
      subject: 'Danh sách hộ nghèo năm 2026',
      attachments: [pdfAttachment('Danh sách hộ nghèo.pdf', sent.pdf)],
    }),
    { authorization: `Bearer ${sender}` },
  );
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  sent.id = answer.body.id;
  // The recipient's copy arrives through its tier queue; its arrival is the copy chain's first entry.
  await waitFor(
    async () => {
      const copy = await officerGet<{ recipients?: { state: string }[] }>(
        recipient,
        `/officer/documents/${encodeURIComponent(sent.id)}`,
      );
      return copy.status === 200 && copy.body.recipients?.[0]?.state === 'arrived' ? true : undefined;
    },
    'the recipient’s copy',
    60_000,
  );
});

describe('the attachments of an official document', () => {
  it('are linked to the sender and the recipient, and the link serves the very bytes sent, inline', async () => {
    for (const token of [tokens.sender, tokens.recipient]) {
      const answer = await officerGet<FileLink>(token ?? '', filePath('0'));
      expect(answer.status, JSON.stringify(answer.body)).toBe(200);
      expect(answer.body).toMatchObject({
        fileName: 'Danh sách hộ nghèo.pdf',
        contentType: 'application/pdf',
        sha256: sha256(sent.pdf),
        sizeBytes: sent.pdf.byteLength,
      });
      const lifetime = Date.parse(answer.body.expiresAt) - Date.now();
      expect(lifetime).toBeGreaterThan(0);
      expect(lifetime).toBeLessThanOrEqual(300_000);
      const file = await fetch(answer.body.url);
      expect(file.status).toBe(200);
      expect(file.headers.get('content-type')).toBe('application/pdf');
      expect(file.headers.get('content-disposition')).toMatch(/^inline; /);
      expect(Buffer.from(await file.arrayBuffer()).equals(Buffer.from(sent.pdf))).toBe(true);
    }
  });

  it('put each link handed out on the opening unit’s chain, with the officer, the agency and the file', async () => {
    const before = { sender: await entriesOf(SENDER), recipient: await entriesOf(RECIPIENT) };
    expect((await officerGet(tokens.recipient ?? '', filePath('0'))).status).toBe(200);
    expect((await officerGet(tokens.sender ?? '', filePath('0'))).status).toBe(200);
    const after = { sender: await entriesOf(SENDER), recipient: await entriesOf(RECIPIENT) };
    const opened = (who: 'sender' | 'recipient', agency: string) =>
      expect.objectContaining({
        kind: 'download',
        action: 'officer_attachment',
        actor: usernames[who],
        details: { key: `documents/${sent.id}/1.pdf`, agency, index: 0 },
      });
    // A recipient's read goes to its own copy's chain, the sender's to the document's.
    expect(after.recipient.slice(before.recipient.length)).toEqual([opened('recipient', RECIPIENT)]);
    expect(after.sender.slice(before.sender.length)).toEqual([opened('sender', SENDER)]);
    for (const unit of [SENDER, RECIPIENT]) {
      const entries = unit === SENDER ? after.sender : after.recipient;
      expect(verifyAuditChain(chainOf(unit), entries)).toMatchObject({ intact: true });
      const at = Date.parse(entries.at(-1)?.at ?? '');
      expect(Date.now() - at).toBeLessThan(120_000);
    }
  });

  it('are refused to an officer of an unrelated unit, with nothing of the file in the answer', async () => {
    const before = await lengths();
    for (const index of ['0', '1']) {
      const answer = await officerGet(tokens.stranger ?? '', filePath(index));
      expectBilingualError(answer, 404, 'NOT_FOUND');
      const text = JSON.stringify(answer.body);
      expect(text).not.toContain('X-Amz');
      expect(text).not.toContain('Danh sách');
      expect(text).not.toContain(sent.id);
    }
    // The same answer as for a document that does not exist: the id tells the stranger nothing.
    const none = await officerGet<{ error: Record<string, unknown> }>(
      tokens.stranger ?? '',
      `/officer/documents/${randomUUID()}/attachments/0`,
    );
    expectBilingualError(none, 404, 'NOT_FOUND');
    const refused = await officerGet<{ error: Record<string, unknown> }>(
      tokens.stranger ?? '',
      filePath('0'),
    );
    const withoutRequest = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(withoutRequest(refused.body.error)).toEqual(withoutRequest(none.body.error));
    // Refused requests leave no entry on any chain of the document.
    expect(await lengths()).toEqual(before);
  });

  it('answer no file outside the document’s own list, and refuse an index that is not a position', async () => {
    const before = await lengths();
    for (const token of [tokens.recipient, tokens.sender])
      expectBilingualError(await officerGet(token ?? '', filePath('1')), 404, 'NOT_FOUND');
    for (const index of ['-1', '01', 'x', '1e3', '1000'])
      expect((await officerGet(tokens.recipient ?? '', filePath(index))).status).toBe(400);
    expect(await lengths()).toEqual(before);
  });
});
