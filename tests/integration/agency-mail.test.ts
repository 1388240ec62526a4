import { describe, expect, it } from 'vitest';
import { output } from '../../scripts/lib/outputs.ts';
import { sendMail } from '../../shared/adapters/mailer.ts';
import { DomainError } from '../../shared/domain/common/errors.ts';
import { requireOfficialAddresses } from '../../shared/domain/mail/mail-policy.ts';
import { agencyDocumentMail } from '../../shared/domain/mail/mail-templates.ts';
import { outputs, recordedMail, waitFor } from '../support/deployment.ts';

const OFFICIAL_DOMAINS = ['gov.vn'];

/**
 * Agency mail (meeting invitations, drafts for comment) through the deployed configuration set. The
 * document-exchange flow that sends these belongs to the interconnection work; this proves the
 * templates, the address policy and the SES set-up it will use.
 */
describe('official mail between agencies', () => {
  const sender = () => output(outputs, 'Mail', 'OfficialSender');
  const configurationSet = () => output(outputs, 'Mail', 'ConfigurationSetName');

  it.each(['meeting_invitation', 'draft_for_comment'] as const)(
    '%s arrives from the official sender with its Vietnamese text intact',
    async (kind) => {
      const numberAndNotation = `${Date.now() % 100000}/${kind === 'meeting_invitation' ? 'GM' : 'DT'}-UBND`;
      const to = 'vanthu@quangxuong.thanhhoa.gov.vn';
      requireOfficialAddresses(
        [
          { field: 'from', address: sender() },
          { field: 'to', address: to },
        ],
        [...OFFICIAL_DOMAINS, 'thanhhoa.gov.vn'],
      );
      const mail = agencyDocumentMail({
        kind,
        fromOrgan: 'Ủy ban nhân dân tỉnh Thanh Hóa',
        subject: 'Triển khai ứng dụng công nghệ thông tin phục vụ cải cách hành chính',
        numberAndNotation,
        dueAt: '2026-12-01T14:00:00+07:00',
        place: 'Hội trường UBND tỉnh',
      });
      await sendMail({
        from: sender(),
        to,
        configurationSet: configurationSet(),
        tags: { template: kind },
        ...mail,
      });
      const recorded = await waitFor(
        async () => (await recordedMail()).find((m) => m.Subject.includes(numberAndNotation)),
        `the ${kind} mail`,
      );
      expect(recorded.Source).toBe(sender());
      expect(recorded.To).toEqual([to]);
      expect(recorded.Subject).toContain(
        kind === 'meeting_invitation' ? 'Giấy mời họp' : 'Xin ý kiến dự thảo',
      );
      expect(recorded.BodyText).toContain(
        'Triển khai ứng dụng công nghệ thông tin phục vụ cải cách hành chính',
      );
      expect(recorded.BodyText).toContain('14 giờ 00 phút, ngày 01 tháng 12 năm 2026');
    },
  );

  it('refuses, before sending, a recipient at a public mail service', () => {
    expect(() =>
      requireOfficialAddresses([{ field: 'to.0', address: 'vanthu.ubnd@gmail.com' }], OFFICIAL_DOMAINS),
    ).toThrow(DomainError);
  });
});
