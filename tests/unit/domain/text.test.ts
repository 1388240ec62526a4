import { describe, expect, it } from 'vitest';
import { failureOf, maskPersonalDataIn } from '../../../shared/domain/common/text.ts';

describe('personal data inside free text, before it is logged', () => {
  it('masks e-mail addresses and phone or ID numbers, and keeps dossier codes readable', () => {
    const text =
      'Sending to nguyen.hoa@example.vn failed for 000.21.23.H56-261201-0026 (CCCD 038199007777, tel +84912777000)';
    const masked = maskPersonalDataIn(text);
    expect(masked).not.toContain('nguyen.hoa');
    expect(masked).not.toContain('038199007777');
    expect(masked).not.toContain('84912777000');
    expect(masked).toContain('@example.vn');
    expect(masked).toContain('000.21.23.H56-261201-0026');
    expect(masked).toMatch(/^Sending to n\*+a@example\.vn failed/);
  });

  it('leaves text without personal data as it is', () => {
    const text = 'Dossier 000.00.00.G14-990101-0001 is not stored';
    expect(maskPersonalDataIn(text)).toBe(text);
  });

  it('leave only an error’s name and masked message for the log, whatever was thrown', () => {
    expect(failureOf(new TypeError('no mail to nguyen.hoa@example.vn'))).toEqual({
      error: 'TypeError',
      reason: maskPersonalDataIn('no mail to nguyen.hoa@example.vn'),
    });
    expect(failureOf('phone 0912345678')).toEqual({
      error: 'unknown',
      reason: maskPersonalDataIn('phone 0912345678'),
    });
    expect(failureOf('phone 0912345678').reason).not.toContain('0912345678');
  });
});
