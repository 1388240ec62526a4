import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import { applicantName } from '../../../shared/domain/intake/applicant.ts';
import type { DossierRecord } from '../../../shared/domain/lifecycle/dossier.ts';
import { CITIZEN_TEMPLATES, mailKey, renderCitizenMail } from '../../../shared/domain/mail/citizen-mail.ts';
import { isOfficialAddress, requireOfficialAddresses } from '../../../shared/domain/mail/mail-policy.ts';
import { agencyDocumentMail } from '../../../shared/domain/mail/mail-templates.ts';
import { keyFingerprint } from '../../../shared/domain/signing/key-fingerprint.ts';
import { storedDossier } from '../app/dossier-fixture.ts';

const official = ['gov.vn'];
const VERIFY = 'https://dichvucong.example.gov.vn/verify?code=000.17.22.H56-261124-0001';
const dossier = storedDossier({
  history: [
    {
      status: 'supplement_requested',
      at: '2026-11-25T09:00:00+07:00',
      by: 'can-bo',
      note: 'Thiếu giấy chứng sinh',
    },
    { status: 'not_accepted', at: '2026-11-25T10:00:00+07:00', by: 'can-bo', note: 'Sai thẩm quyền' },
  ],
  result: {
    completedBy: 'can-bo',
    timeliness: 'early',
    documentSignature: { keyId: 'k', algorithm: 'ECDSA_SHA_256', value: 'SIG', sha256: 'ab' },
  },
});
const signedReceipt =
  dossier.receipt ??
  (() => {
    throw new Error('the fixture dossier has a receipt');
  })();

describe('official mail policy', () => {
  it('accepts official government addresses only', () => {
    expect(isOfficialAddress('vanthu@thanhhoa.gov.vn', official)).toBe(true);
    expect(isOfficialAddress('a@gov.vn', official)).toBe(true);
    expect(isOfficialAddress('canbo@gmail.com', official)).toBe(false);
    expect(isOfficialAddress('canbo@yahoo.com.vn', official)).toBe(false);
    expect(isOfficialAddress('x@notgov.vn', official)).toBe(false);
  });

  it('refuses public mail domains for agency exchange, naming each address', () => {
    try {
      requireOfficialAddresses(
        [
          { field: 'from', address: 'vanthu@thanhhoa.gov.vn' },
          { field: 'to.0', address: 'canbo@gmail.com' },
          { field: 'to.1', address: 'canbo@company.vn' },
        ],
        official,
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      const fields = (error as DomainError).fields;
      expect(fields.map((f) => f.field)).toEqual(['to.0', 'to.1']);
      expect(fields[0]?.message.en).toContain('public mail service');
    }
  });
});

describe('citizen mail templates', () => {
  it.each(CITIZEN_TEMPLATES.filter((t) => t !== 'apology'))(
    '%s renders Vietnamese with its diacritics intact, English below',
    (template) => {
      const mail = renderCitizenMail(template, dossier, VERIFY);
      expect(mail?.subject).toContain(dossier.dossierCode);
      expect(mail?.text).toContain('Kính gửi Nguyễn Thị Hoà');
      expect(mail?.text.normalize('NFC')).toBe(mail?.text);
      expect(mail?.text).toContain('---');
      expect(mail?.html).toContain('<html lang="vi">');
      expect(mail?.text).toContain(
        `Kiểm tra chữ ký số và tra cứu hồ sơ / Verify the signature and look the dossier up:\n${VERIFY}`,
      );
    },
  );

  it('points the result-ready mail to the lookup page, saying whether an electronic result is there', () => {
    const lookup = 'https://dichvucong.example.gov.vn/lookup?code=000.17.22.H56-261124-0001';
    const paper = renderCitizenMail('result_ready', dossier, VERIFY, lookup)?.text ?? '';
    expect(paper).toContain(
      `Tra cứu hồ sơ tại trang tra cứu (nhập mã tra cứu được cấp khi nộp hồ sơ):\n${lookup}`,
    );
    expect(paper).not.toContain('Tải kết quả điện tử');
    const electronic = {
      ...dossier,
      result: { documentKey: 'dossiers/x/result/r.pdf', completedBy: 'x', timeliness: 'on_time' as const },
    };
    const text = renderCitizenMail('result_ready', electronic, VERIFY, lookup)?.text ?? '';
    expect(text).toContain(`Tải kết quả điện tử và tra cứu hồ sơ tại trang tra cứu`);
    expect(text).toContain(`Download the electronic result and look the dossier up on the lookup page`);
    expect(renderCitizenMail('result_ready', electronic, VERIFY)?.text).not.toContain('lookup?code=');
  });

  it('names the result signature’s key and algorithm beside its value, as the receipt mail does', () => {
    const text = renderCitizenMail('result_ready', dossier, VERIFY)?.text ?? '';
    expect(text).toContain(
      [
        'Kết quả được ký số; chữ ký:',
        `  Khóa ký số (dấu vân tay): ${keyFingerprint('k')}`,
        '  Thuật toán: ECDSA_SHA_256',
        '  Chữ ký: SIG',
      ].join('\n'),
    );
  });

  it('has no apology mail before a letter is approved and signed', () => {
    expect(renderCitizenMail('apology', dossier, VERIFY)).toBeUndefined();
  });

  it('writes the apology mail from the signed letter, and refuses a letter missing what the mail reads', () => {
    const document = {
      dossierCode: dossier.dossierCode,
      agency: { code: dossier.agency.code, name: dossier.agency.name },
      procedure: dossier.procedure,
      applicant: { fullName: applicantName(dossier.applicant) },
      newDueAt: '2026-11-26T09:00:00+07:00',
      newDueAtWording: '9 giờ 00 phút, ngày 26/11/2026',
    };
    const signature = { keyId: 'k', algorithm: 'ECDSA_SHA_256', value: 'APOLOGY-SIG' };
    const withLetter = (letter: Record<string, unknown>) =>
      ({
        ...dossier,
        apology: { state: 'approved', letter: { document: letter, canonical: '{}', signature } },
      }) as unknown as DossierRecord;
    const mail = renderCitizenMail('apology', withLetter(document), VERIFY);
    expect(mail?.text).toContain('Kính gửi Nguyễn Thị Hoà,');
    expect(mail?.text).toContain('9 giờ 00 phút, ngày 26/11/2026');
    expect(mail?.text).toContain('APOLOGY-SIG');
    const { newDueAtWording: _, ...withoutWording } = document;
    expect(() => renderCitizenMail('apology', withLetter(withoutWording), VERIFY)).toThrow();
  });

  it('gives the lookup code in the receipt mail and names the key by its fingerprint, not its ARN', () => {
    const keyId = 'arn:aws:kms:ap-southeast-1:123456789012:key/1a2b3c4d';
    const withArn = {
      ...dossier,
      receipt: { ...signedReceipt, signature: { ...signedReceipt.signature, keyId } },
    } as DossierRecord;
    const text = renderCitizenMail('receipt', withArn, VERIFY)?.text ?? '';
    expect(text).toContain(`MÃ HỒ SƠ ĐỂ TRA CỨU: ${dossier.dossierCode}`);
    expect(text).toContain(`Khóa ký số (dấu vân tay): ${keyFingerprint(keyId)}`);
    expect(text).toContain(VERIFY);
    expect(text).not.toContain('arn:');
  });

  it('escapes HTML in the HTML part', () => {
    const hostile = {
      ...dossier,
      applicant: { ...dossier.applicant, fullName: '<script>x</script>' },
    } as DossierRecord;
    expect(renderCitizenMail('receipt', hostile, VERIFY)?.html).not.toContain('<script>');
  });

  it('keys a mail by dossier, template and recipient, whatever the case of the address', () => {
    expect(mailKey('D-1', 'receipt', 'Hoa@Example.VN')).toBe(mailKey('D-1', 'receipt', 'hoa@example.vn'));
  });

  it('renders meeting invitations and drafts for comment for agencies', () => {
    const mail = agencyDocumentMail({
      kind: 'meeting_invitation',
      fromOrgan: 'UBND tỉnh Thanh Hóa',
      subject: 'Hội nghị trực tuyến về chuyển đổi số',
      numberAndNotation: '123/GM-UBND',
      dueAt: '2026-12-01T14:00:00+07:00',
      place: 'Hội trường UBND tỉnh',
    });
    expect(mail.subject).toContain('Giấy mời họp');
    expect(mail.text).toContain('14 giờ 00 phút, ngày 01 tháng 12 năm 2026');
  });
});
