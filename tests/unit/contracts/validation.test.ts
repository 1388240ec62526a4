import { describe, expect, it } from 'vitest';
import { API_FUNCTIONS } from '../../../functions/api.ts';
import { CreateUploadRequestSchema } from '../../../shared/contracts/attachments.ts';
import { SubmitDossierRequestSchema } from '../../../shared/contracts/dossiers.ts';
import { fieldIssuesOf } from '../../../shared/contracts/messages.ts';
import { openApiDocument } from '../../../shared/http/openapi.ts';

const valid = {
  procedureCode: '1.001193.000.00.00.H56',
  applicant: {
    fullName: '  Lê   Văn  Cường ',
    idNumber: '038099001234',
    address: 'Xóm 3',
    phone: '091-234-5678',
  },
};

describe('request contracts', () => {
  it('normalises text and fills defaults', () => {
    const parsed = SubmitDossierRequestSchema.parse(valid);
    expect(parsed.applicant).toMatchObject({ kind: 'individual', fullName: 'Lê Văn Cường' });
    expect(parsed.applicant.phone).toBe('0912345678');
    expect(parsed.channel).toBe('online');
    expect(parsed.wantsMail).toBe(true);
    expect(parsed.attachments).toEqual([]);
  });

  it('names every failing field with a Vietnamese and an English message', () => {
    const result = SubmitDossierRequestSchema.safeParse({
      procedureCode: '1.001193.000.00.00.H56',
      applicant: { fullName: 'x'.repeat(121), idNumber: '123', address: 'A', phone: '12' },
      channel: 'fax',
    });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : fieldIssuesOf(result.error);
    const byField = Object.fromEntries(issues.map((issue) => [issue.field, issue.message]));
    expect(Object.keys(byField).sort()).toEqual([
      'applicant.fullName',
      'applicant.idNumber',
      'applicant.phone',
      'channel',
    ]);
    expect(byField['applicant.fullName']?.vi).toContain('tối đa 120 ký tự');
    expect(byField.channel?.vi).toContain('online');
    for (const message of Object.values(byField)) expect(message.en.length).toBeGreaterThan(0);
  });

  it('says a missing field is required, in Vietnamese', () => {
    const result = SubmitDossierRequestSchema.safeParse({ procedureCode: 'x12' });
    const issues = result.success ? [] : fieldIssuesOf(result.error);
    expect(issues.find((issue) => issue.field === 'applicant')?.message.vi).toBe('Trường này là bắt buộc.');
  });

  it('refuses an upload whose extension contradicts its type, or that is too large', () => {
    expect(
      CreateUploadRequestSchema.safeParse({ fileName: 'a.exe', contentType: 'application/pdf', sizeBytes: 5 })
        .success,
    ).toBe(false);
    expect(
      CreateUploadRequestSchema.safeParse({
        fileName: 'a.pdf',
        contentType: 'application/pdf',
        sizeBytes: 11 * 1024 * 1024,
      }).success,
    ).toBe(false);
    expect(
      CreateUploadRequestSchema.safeParse({
        fileName: 'scan.PDF',
        contentType: 'application/pdf',
        sizeBytes: 5,
      }).success,
    ).toBe(true);
  });

  it('generates an OpenAPI 3.1 document from the same schemas', () => {
    const document = openApiDocument(API_FUNCTIONS);
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths ?? {})).toEqual(
      expect.arrayContaining([
        '/procedures',
        '/attachments',
        '/dossiers',
        '/dossiers/{code}',
        '/signing-keys',
        '/verify',
        '/kpi',
      ]),
    );
    expect(Object.keys(document.components?.schemas ?? {})).toEqual(
      expect.arrayContaining(['SubmitDossierRequest', 'ErrorResponse', 'Procedure']),
    );
  });
});
