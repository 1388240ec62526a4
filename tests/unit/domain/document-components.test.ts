import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ProcedureSchema } from '../../../shared/contracts/catalog.ts';
import { fieldIssuesOf } from '../../../shared/contracts/messages.ts';
import { DomainError } from '../../../shared/domain/common/errors.ts';
import type { DocumentComponent } from '../../../shared/domain/intake/catalog.ts';
import { documentsToCsv, fromCsvCells } from '../../../shared/domain/intake/catalog-import.ts';
import {
  checkDocumentComponents,
  missingComponents,
} from '../../../shared/domain/intake/document-components.ts';
import { statusOf } from '../../../shared/http/errors.ts';
import { commune, procedureOf } from '../app/fixtures.ts';

const component = (
  code: string,
  mandatory: boolean,
  alternates: string[] = [],
  extra: Partial<DocumentComponent> = {},
): DocumentComponent => ({
  code,
  name: `Giấy ${code}`,
  form: 'original',
  copies: 1,
  mandatory,
  alternates,
  ...extra,
});

const birth: DocumentComponent[] = [
  component('TO_KHAI', true, [], { name: 'Tờ khai đăng ký khai sinh', nameEn: 'Birth registration form' }),
  component('GIAY_CHUNG_SINH', true, ['VAN_BAN_LAM_CHUNG'], {
    name: 'Giấy chứng sinh',
    nameEn: 'Birth certificate',
  }),
  component('VAN_BAN_LAM_CHUNG', false, ['GIAY_CHUNG_SINH'], { name: 'Văn bản làm chứng' }),
  component('VAN_BAN_UY_QUYEN', false, [], { form: 'certified_copy' }),
];

function refusal(attachments: { documentCode?: string }[]): DomainError {
  try {
    checkDocumentComponents(birth, attachments);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('the dossier was accepted');
}

describe('required document components', () => {
  it('refuses a birth registration with no documents, naming each missing component in both languages', () => {
    const error = refusal([]);
    expect(error.code).toBe('REQUIRED_DOCUMENTS_MISSING');
    expect(statusOf(error)).toBe(422);
    expect(error.bilingual.vi).toContain('"Tờ khai đăng ký khai sinh"');
    expect(error.bilingual.vi).toContain('"Giấy chứng sinh"');
    expect(error.bilingual.en).toContain('"Birth registration form"');
    expect(error.bilingual.en).toContain('"Birth certificate"');
    expect(error.fields.map((field) => field.field)).toEqual(['attachments', 'attachments']);
    expect(error.fields[1]?.message.vi).toBe(
      'Thiếu Giấy chứng sinh (Bản chính, 1 bản) hoặc "Văn bản làm chứng" [GIAY_CHUNG_SINH].',
    );
    expect(error.fields[1]?.message.en).toBe(
      'Missing "Birth certificate" (original, 1 copy) or "Văn bản làm chứng" [GIAY_CHUNG_SINH].',
    );
  });

  it('accepts an alternate in place of a mandatory component', () => {
    expect(() =>
      checkDocumentComponents(birth, [{ documentCode: 'TO_KHAI' }, { documentCode: 'VAN_BAN_LAM_CHUNG' }]),
    ).not.toThrow();
  });

  it('names the field of an attachment without a component or with an unknown one', () => {
    const error = refusal([{}, { documentCode: 'GIAY_KHAC' }, { documentCode: 'TO_KHAI' }]);
    expect(error.code).toBe('ATTACHMENT_REJECTED');
    expect(statusOf(error)).toBe(422);
    expect(error.fields.map((field) => field.field)).toEqual([
      'attachments.0.documentCode',
      'attachments.1.documentCode',
    ]);
    expect(error.fields[1]?.message.en).toContain('GIAY_KHAC');
  });

  it('asks nothing of a procedure that lists no components', () => {
    expect(() => checkDocumentComponents([], [{}])).not.toThrow();
  });

  const arbitraryComponents = fc
    .uniqueArray(fc.constantFrom('A1', 'B2', 'C3', 'D4', 'E5', 'F6'), { minLength: 1 })
    .chain((codes) =>
      fc.tuple(
        ...codes.map((code) =>
          fc.record({
            code: fc.constant(code),
            mandatory: fc.boolean(),
            alternates: fc.subarray(codes.filter((other) => other !== code)),
          }),
        ),
      ),
    )
    .map((parts) => parts.map((part) => component(part.code, part.mandatory, part.alternates)));

  it('refuses any subset of components exactly when some mandatory group has none of its members', () => {
    fc.assert(
      fc.property(
        arbitraryComponents.chain((components) =>
          fc.tuple(fc.constant(components), fc.subarray(components.map((c) => c.code))),
        ),
        ([components, received]) => {
          const unsatisfied = components.some(
            (c) => c.mandatory && [c.code, ...c.alternates].every((code) => !received.includes(code)),
          );
          const attachments = received.map((documentCode) => ({ documentCode }));
          let refused = false;
          try {
            checkDocumentComponents(components, attachments);
          } catch (error) {
            refused = error instanceof DomainError && error.code === 'REQUIRED_DOCUMENTS_MISSING';
          }
          expect(refused).toBe(unsatisfied);
          expect(missingComponents(components, received).length > 0).toBe(unsatisfied);
        },
      ),
    );
  });

  it('never refuses more when a document is added', () => {
    fc.assert(
      fc.property(
        arbitraryComponents.chain((components) =>
          fc.tuple(
            fc.constant(components),
            fc.subarray(components.map((c) => c.code)),
            fc.constantFrom(...components.map((c) => c.code)),
          ),
        ),
        ([components, received, added]) => {
          const before = missingComponents(components, received).map((c) => c.code);
          const after = missingComponents(components, [...received, added]).map((c) => c.code);
          expect(before).toEqual(expect.arrayContaining(after));
        },
      ),
    );
  });
});

describe('document components in the catalog', () => {
  const procedure = (requiredDocuments: unknown) =>
    ProcedureSchema.safeParse({ ...procedureOf(commune, '1.001193.000.00.00.H56'), requiredDocuments });

  it('refuses a repeated code and an alternate that is not a component of the procedure', () => {
    const parsed = procedure([component('TO_KHAI', true, ['HO_CHIEU']), component('TO_KHAI', false)]);
    expect(parsed.success).toBe(false);
    const issues = parsed.success ? [] : fieldIssuesOf(parsed.error);
    expect(issues.map((issue) => issue.field)).toEqual([
      'requiredDocuments.0.alternates.0',
      'requiredDocuments.1.code',
    ]);
    expect(issues[0]?.message.vi).toContain('HO_CHIEU');
  });

  it('refuses an unknown form and a copy count of zero', () => {
    const parsed = procedure([{ ...component('TO_KHAI', true), form: 'photocopy', copies: 0 }]);
    expect(parsed.success ? [] : fieldIssuesOf(parsed.error).map((issue) => issue.field)).toEqual([
      'requiredDocuments.0.form',
      'requiredDocuments.0.copies',
    ]);
  });

  it('reads back from CSV what it writes, forms given by key or by their printed wording', () => {
    const cell = documentsToCsv(birth);
    expect(fromCsvCells({ requiredDocuments: cell }).requiredDocuments).toEqual(birth);
    expect(
      fromCsvCells({ requiredDocuments: 'CCCD|Căn cước|Bản sao kèm bản chính để đối chiếu|2|không|HO_CHIEU' })
        .requiredDocuments,
    ).toEqual([
      {
        code: 'CCCD',
        name: 'Căn cước',
        form: 'copy_with_original',
        copies: 2,
        mandatory: false,
        alternates: ['HO_CHIEU'],
      },
    ]);
  });
});
