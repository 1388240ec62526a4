import { describe, expect, it } from 'vitest';
import {
  type ClaimResult,
  type MailSendingPorts,
  type OutgoingMail,
  sendQueuedMail,
} from '../../../../shared/app/mail/send-mail.ts';
import { type AuditEntry, verifyAuditChain } from '../../../../shared/domain/audit/audit.ts';
import { mailChainOf } from '../../../../shared/domain/audit/audit-view.ts';
import { maskEmail } from '../../../../shared/domain/common/text.ts';
import type { DossierRecord } from '../../../../shared/domain/lifecycle/dossier.ts';
import { storedDossier } from '../dossier-fixture.ts';
import { memoryAudit } from '../memory.ts';

type Entry = { state: 'claimed' | 'sent' | 'suppressed' | 'skipped'; messageId?: string | undefined };

/**
 * Dossiers, the sent-mail log, the audit chains and the mail provider in memory; the first
 * `failSends` sends and `failAppends` audit appends fail.
 */
function memoryPorts(
  options: {
    dossiers?: DossierRecord[];
    suppressed?: string[];
    failSends?: number;
    failAppends?: number;
  } = {},
) {
  const { audit, chains } = memoryAudit();
  const finishedAt = new Map<string, string>();
  let failAppends = options.failAppends ?? 0;
  const dossiers = new Map((options.dossiers ?? []).map((d) => [d.dossierCode, d]));
  const entries = new Map<string, Entry>();
  const sent: OutgoingMail[] = [];
  const lines: { level: string; message: string; fields: Record<string, unknown> }[] = [];
  let failSends = options.failSends ?? 0;
  const log = (level: string) => (message: string, fields: Record<string, unknown>) =>
    lines.push({ level, message, fields });
  const ports: MailSendingPorts = {
    dossiers: { get: async (code) => dossiers.get(code) },
    mailLog: {
      claim: async (key): Promise<ClaimResult> => {
        const entry = entries.get(key);
        if (entry?.state === 'claimed') return 'in-progress';
        if (entry) return 'already-sent';
        entries.set(key, { state: 'claimed' });
        return 'claimed';
      },
      release: async (key) => {
        entries.delete(key);
      },
      finish: async (key, state, messageId) => {
        entries.set(key, { state, messageId });
        finishedAt.set(key, '2026-11-24T02:15:00.000Z');
      },
      outcome: async (key) => {
        const entry = entries.get(key);
        return entry && entry.state !== 'claimed' ? { ...entry, finishedAt: finishedAt.get(key) } : undefined;
      },
      isSuppressed: async (address) => (options.suppressed ?? []).includes(address),
    },
    send: async (mail) => {
      if (failSends > 0) {
        failSends -= 1;
        throw new Error('Throttling: Maximum sending rate exceeded');
      }
      sent.push(mail);
      return `ses-${sent.length}`;
    },
    audit: {
      entries: async (chain) => chains.get(chain) ?? [],
      append: async (chain, fields) => {
        if (failAppends > 0) {
          failAppends -= 1;
          throw new Error('ProvisionedThroughputExceededException');
        }
        return audit.append(chain, fields);
      },
    },
    now: () => new Date('2026-11-24T02:20:00Z'),
    baseUrl: async () => 'https://dichvucong.thanhhoa.gov.vn/',
    sender: 'khong-tra-loi@thanhhoa.gov.vn',
    configurationSet: 'motcua-mail',
    agencyMailDomains: ['gov.vn'],
    log: { info: log('info'), warn: log('warn'), error: log('error') },
  };
  return { ports, entries, sent, lines, chains };
}

const receipt = {
  type: 'citizen-mail',
  template: 'receipt',
  dossierCode: '000.17.22.H56-261124-0001',
} as const;
const invitation = {
  type: 'agency-mail',
  documentId: '000.00.00.H56,2026/11/24,7/GM-UBND',
  kind: 'meeting_invitation',
  to: 'vanthu@quangbinh.thanhhoa.gov.vn',
  toOrganId: '000.17.22.H56',
  fromOrgan: 'UBND tỉnh Thanh Hóa',
  subject: 'Họp giao ban',
  numberAndNotation: '7/GM-UBND',
} as const;

const stepAlert = {
  type: 'officer-alert',
  kind: 'step_overdue',
  alertId: '000.17.22.H56-261124-0001#THAM_DINH#2026-11-24T09:15:00+07:00',
  to: 'cv-lan@quangbinh.thanhhoa.gov.vn',
  dossierCode: '000.17.22.H56-261124-0001',
  procedure: { code: '1.001193.000.00.00.H56', name: 'Đăng ký khai sinh' },
  unit: { code: '000.17.22.H56', name: 'Ủy ban nhân dân xã Quảng Bình' },
  step: { code: 'THAM_DINH', name: { vi: 'Thẩm định hồ sơ', en: 'Examination' } },
  dueAt: '2026-11-26T17:00:00+07:00',
  lateWorkingMinutes: 630,
} as const;

describe('sending queued mail', () => {
  it("a citizen's receipt is sent once with its verification link, the address masked in the log", async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()] });
    await sendQueuedMail(memory.ports, receipt);
    await sendQueuedMail(memory.ports, receipt);
    expect(memory.sent).toHaveLength(1);
    expect(memory.sent[0]).toMatchObject({
      from: 'khong-tra-loi@thanhhoa.gov.vn',
      to: 'hoa@example.vn',
      configurationSet: 'motcua-mail',
      tags: { template: 'receipt', agency: '000_17_22_H56' },
    });
    expect(memory.sent[0]?.text).toContain(
      'https://dichvucong.thanhhoa.gov.vn/verify?code=000.17.22.H56-261124-0001',
    );
    expect([...memory.entries.values()]).toEqual([{ state: 'sent', messageId: 'ses-1' }]);
    expect(memory.lines).toHaveLength(1);
    expect(memory.lines[0]).toMatchObject({ message: 'mail sent', fields: { messageId: 'ses-1' } });
    expect(JSON.stringify(memory.lines)).not.toContain('hoa@example.vn');
  });

  it('the result-ready mail links to the lookup page with the dossier code filled in, and no secret', async () => {
    const settled = storedDossier({
      status: 'done',
      result: {
        documentKey: 'dossiers/000.17.22.H56-261124-0001/result/r.pdf',
        completedBy: 'chuyen-vien-1',
        timeliness: 'on_time',
      },
    });
    const memory = memoryPorts({ dossiers: [settled] });
    await sendQueuedMail(memory.ports, { ...receipt, template: 'result_ready' });
    const text = memory.sent[0]?.text ?? '';
    const lookup = 'https://dichvucong.thanhhoa.gov.vn/lookup?code=000.17.22.H56-261124-0001';
    expect(text).toContain(`Tải kết quả điện tử và tra cứu hồ sơ tại trang tra cứu`);
    expect(text).toContain(`\n${lookup}\n`);
    expect(memory.sent[0]?.html).toContain(lookup);
    expect(text).not.toMatch(/secret=|x-lookup-secret|lookupSecret/i);
    expect(text).not.toContain(settled.lookupSecretHash);
  });

  it('a suppressed address (bounced or complaining) gets no mail, and that is recorded', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()], suppressed: ['hoa@example.vn'] });
    await sendQueuedMail(memory.ports, receipt);
    expect(memory.sent).toEqual([]);
    expect([...memory.entries.values()]).toEqual([{ state: 'suppressed', messageId: undefined }]);
    expect(memory.lines.map((line) => line.message)).toEqual(['mail suppressed']);
  });

  it('a citizen who wants no mail gets none, and nothing is claimed', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier({ wantsMail: false })] });
    await sendQueuedMail(memory.ports, receipt);
    expect(memory.sent).toEqual([]);
    expect(memory.entries.size).toBe(0);
  });

  it('a failed send gives its claim back and fails the message, so the retry sends it', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()], failSends: 1 });
    await expect(sendQueuedMail(memory.ports, receipt)).rejects.toThrow('Throttling');
    expect(memory.entries.size).toBe(0);
    await sendQueuedMail(memory.ports, receipt);
    expect(memory.sent).toHaveLength(1);
  });

  it('a mail another delivery is sending fails this delivery, to come back later', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()] });
    await memory.ports.mailLog.claim('000.17.22.H56-261124-0001#receipt#hoa@example.vn');
    await expect(sendQueuedMail(memory.ports, receipt)).rejects.toThrow('is being sent');
    expect(memory.sent).toEqual([]);
  });

  it('a dossier that is not stored fails the message', async () => {
    const memory = memoryPorts();
    await expect(sendQueuedMail(memory.ports, receipt)).rejects.toThrow('is not stored');
  });

  it('agency mail goes once between official addresses', async () => {
    const memory = memoryPorts();
    await sendQueuedMail(memory.ports, invitation);
    await sendQueuedMail(memory.ports, invitation);
    expect(memory.sent).toHaveLength(1);
    expect(memory.sent[0]).toMatchObject({
      to: invitation.to,
      tags: { template: 'meeting_invitation', agency: '000_17_22_H56' },
    });
    expect(memory.lines.map((line) => line.message)).toEqual(['agency mail sent']);
  });

  it('agency mail to a public address is a permanent failure: logged masked, dropped, not retried', async () => {
    const memory = memoryPorts();
    await expect(
      sendQueuedMail(memory.ports, { ...invitation, to: 'canbo.quangbinh@gmail.com' }),
    ).resolves.toBeUndefined();
    expect(memory.sent).toEqual([]);
    expect(memory.entries.size).toBe(0);
    expect(memory.lines).toEqual([
      expect.objectContaining({ level: 'error', message: 'agency mail refused' }),
    ]);
    expect(memory.lines[0]?.fields.to).not.toBe('canbo.quangbinh@gmail.com');
  });

  it('an overdue step alert goes once per recipient, from the official sender, in Vietnamese then English', async () => {
    const memory = memoryPorts();
    await sendQueuedMail(memory.ports, stepAlert);
    await sendQueuedMail(memory.ports, stepAlert);
    await sendQueuedMail(memory.ports, { ...stepAlert, to: 'ld-minh@quangbinh.thanhhoa.gov.vn' });
    expect(memory.sent.map((mail) => [mail.from, mail.to])).toEqual([
      ['khong-tra-loi@thanhhoa.gov.vn', 'cv-lan@quangbinh.thanhhoa.gov.vn'],
      ['khong-tra-loi@thanhhoa.gov.vn', 'ld-minh@quangbinh.thanhhoa.gov.vn'],
    ]);
    const [mail] = memory.sent;
    expect(mail?.subject).toBe('Bước xử lý quá hạn: 000.17.22.H56-261124-0001 / Step overdue');
    expect(mail?.tags).toEqual({ template: 'step_overdue', agency: '000_17_22_H56' });
    for (const part of [
      'Bước "Thẩm định hồ sơ" (THAM_DINH) của hồ sơ 000.17.22.H56-261124-0001 tại Ủy ban nhân dân xã Quảng Bình',
      'Thủ tục: Đăng ký khai sinh (1.001193.000.00.00.H56)',
      'Hạn của bước: 17 giờ 00 phút, ngày 26 tháng 11 năm 2026',
      'Đã quá hạn: 1 ngày 2 giờ 30 phút làm việc',
      'Step "Examination" (THAM_DINH)',
      'Late by 1 working day 2 h 30 min.',
    ])
      expect(mail?.text).toContain(part);
  });

  it('a late dossier’s alert to its leaders says no apology was approved', async () => {
    const memory = memoryPorts();
    const { step: _, ...dossierAlert } = stepAlert;
    await sendQueuedMail(memory.ports, {
      ...dossierAlert,
      kind: 'late_without_apology',
      alertId: '000.17.22.H56-261124-0001',
      lateWorkingMinutes: 0,
    });
    expect(memory.sent[0]?.subject).toBe(
      'Hồ sơ quá hạn chưa có văn bản xin lỗi: 000.17.22.H56-261124-0001 / Dossier late without apology',
    );
    expect(memory.sent[0]?.text).toContain('chưa có văn bản xin lỗi và hẹn lại (mẫu 04) được phê duyệt');
    expect(memory.sent[0]?.text).toContain('Đã quá hạn: 0 phút làm việc');
  });

  it('an alert to a public address is dropped and logged, never sent', async () => {
    const memory = memoryPorts();
    await sendQueuedMail(memory.ports, { ...stepAlert, to: 'canbo.lan@gmail.com' });
    expect(memory.sent).toEqual([]);
    expect(memory.entries.size).toBe(0);
    expect(memory.lines).toEqual([
      expect.objectContaining({ level: 'error', message: 'officer alert refused' }),
    ]);
  });
});

describe("mails on the dossier's mail chain", () => {
  const code = receipt.dossierCode;
  const mailEntries = (chains: Map<string, AuditEntry[]>) =>
    (chains.get(mailChainOf(code)) ?? []).filter((entry) => entry.kind === 'mail');

  it('records a sent mail once, the recipient masked, however often the message is delivered', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()] });
    await sendQueuedMail(memory.ports, receipt);
    await sendQueuedMail(memory.ports, receipt);
    expect(mailEntries(memory.chains)).toEqual([
      expect.objectContaining({
        kind: 'mail',
        action: 'mail.sent',
        actor: 'system',
        at: '2026-11-24T09:20:00+07:00',
        details: { template: 'receipt', to: maskEmail('hoa@example.vn'), messageId: 'ses-1' },
      }),
    ]);
    expect(JSON.stringify(memory.chains.get(mailChainOf(code)))).not.toContain('hoa@example.vn');
    expect(verifyAuditChain(mailChainOf(code), memory.chains.get(mailChainOf(code)) ?? []).intact).toBe(true);
    // The dossier's own chain, which the lifecycle writes in its transactions, is left alone.
    expect(memory.chains.get(code)).toBeUndefined();
  });

  it('records a mail held back for a suppressed address, without a message id', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()], suppressed: ['hoa@example.vn'] });
    await sendQueuedMail(memory.ports, receipt);
    await sendQueuedMail(memory.ports, receipt);
    expect(mailEntries(memory.chains).map(({ action, details }) => [action, details])).toEqual([
      ['mail.suppressed', { template: 'receipt', to: maskEmail('hoa@example.vn') }],
    ]);
  });

  it('a failed append fails the message; its redelivery records the mail without sending it again', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier()], failAppends: 1 });
    await expect(sendQueuedMail(memory.ports, receipt)).rejects.toThrow('ProvisionedThroughput');
    expect(memory.sent).toHaveLength(1);
    expect(mailEntries(memory.chains)).toEqual([]);
    await sendQueuedMail(memory.ports, receipt);
    await sendQueuedMail(memory.ports, receipt);
    expect(memory.sent).toHaveLength(1);
    // The entry carries the time the send finished, not the time of the redelivery.
    expect(mailEntries(memory.chains)).toEqual([
      expect.objectContaining({ action: 'mail.sent', at: '2026-11-24T09:15:00+07:00' }),
    ]);
  });

  it("records an officer alert on the dossier's mail chain once per recipient; agency mail on none", async () => {
    const memory = memoryPorts();
    await sendQueuedMail(memory.ports, stepAlert);
    await sendQueuedMail(memory.ports, stepAlert);
    await sendQueuedMail(memory.ports, invitation);
    expect(mailEntries(memory.chains).map(({ details }) => details)).toEqual([
      { template: 'step_overdue', to: maskEmail(stepAlert.to), messageId: 'ses-1' },
    ]);
    expect(memory.chains.size).toBe(1);
  });

  it('records nothing for a mail that is not sent (no mail wanted, a public address)', async () => {
    const memory = memoryPorts({ dossiers: [storedDossier({ wantsMail: false })] });
    await sendQueuedMail(memory.ports, receipt);
    await sendQueuedMail(memory.ports, { ...stepAlert, to: 'canbo.lan@gmail.com' });
    expect(memory.chains.size).toBe(0);
  });
});
