import { describe, expect, it } from 'vitest';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { sniffContentType } from '../../../shared/domain/attachment.ts';
import { DomainError } from '../../../shared/domain/errors.ts';
import { checkAttachments } from '../../../shared/domain/intake.ts';

const pdf = new TextEncoder().encode('%PDF-1.7\n');
const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const key = (n: number) => `uploads/2026-11-24/00000000-0000-4000-8000-00000000000${n}.pdf`;
const request = SubmitDossierRequestSchema.parse({
  procedureCode: '1.001193.000.00.00.H56',
  applicant: { fullName: 'A', idNumber: '038099001234', address: 'B', phone: '0912345678' },
  attachments: [
    { key: key(1), fileName: 'a.pdf' },
    { key: key(2), fileName: 'b.pdf' },
  ],
});

describe('attachments are judged by their bytes', () => {
  it('recognises PDF, PNG and JPEG signatures', () => {
    expect(sniffContentType(pdf)).toBe('application/pdf');
    expect(sniffContentType(png)).toBe('image/png');
    expect(sniffContentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffContentType(new TextEncoder().encode('<html>'))).toBeUndefined();
  });

  it('accepts uploaded files of the allowed types', () => {
    expect(
      checkAttachments(request, [
        { sizeBytes: 10, head: pdf },
        { sizeBytes: 10, head: png },
      ]),
    ).toEqual(['application/pdf', 'image/png']);
  });

  it('names each missing, oversize or disguised file by its position', () => {
    try {
      checkAttachments(request, [undefined, { sizeBytes: 20 * 1024 * 1024, head: pdf }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).fields.map((f) => f.field)).toEqual([
        'attachments.0.key',
        'attachments.1.key',
      ]);
      expect((error as DomainError).statusCode).toBe(422);
    }
    expect(() =>
      checkAttachments(request, [
        { sizeBytes: 6, head: new TextEncoder().encode('<html>') },
        { sizeBytes: 1, head: pdf },
      ]),
    ).toThrow(DomainError);
  });
});
