import { DomainError, type FieldIssue } from '../common/errors.ts';
import { DOCUMENT_FORM_LABELS, type DocumentComponent } from './catalog.ts';

/**
 * The mandatory components none of whose group (the component and its alternates) is among the
 * codes received: a dossier is complete exactly when this is empty.
 */
export function missingComponents(
  components: readonly DocumentComponent[],
  received: Iterable<string>,
): DocumentComponent[] {
  const present = new Set(received);
  return components.filter(
    (component) =>
      component.mandatory &&
      !present.has(component.code) &&
      !component.alternates.some((alternate) => present.has(alternate)),
  );
}

/** "Tờ khai (Bản chính, 1 bản)": a component as forms and messages print it. */
export function componentWording(component: DocumentComponent): string {
  return `${component.name} (${DOCUMENT_FORM_LABELS[component.form]}, ${component.copies} bản)`;
}

const alternatesWording = (
  component: DocumentComponent,
  components: readonly DocumentComponent[],
  language: 'vi' | 'en',
) =>
  component.alternates
    .map((code) => {
      const alternate = components.find((candidate) => candidate.code === code);
      return (language === 'en' ? alternate?.nameEn : undefined) ?? alternate?.name ?? code;
    })
    .join('", "');

/**
 * Each attachment names the component it is, when the procedure lists components; every mandatory
 * component (or one of its alternates) must be there. 422 naming each attachment with an unknown or
 * missing code, or else each missing component.
 */
export function checkDocumentComponents(
  components: readonly DocumentComponent[],
  attachments: readonly { documentCode?: string | undefined }[],
): void {
  if (components.length === 0) return;
  const known = new Set(components.map((component) => component.code));
  const unnamed: FieldIssue[] = attachments.flatMap((attachment, index) => {
    const field = `attachments.${index}.documentCode`;
    if (attachment.documentCode === undefined)
      return [
        {
          field,
          message: {
            vi: 'Hãy cho biết tệp này là thành phần hồ sơ nào (documentCode).',
            en: 'Say which document component this file is (documentCode).',
          },
        },
      ];
    if (!known.has(attachment.documentCode))
      return [
        {
          field,
          message: {
            vi: `Thủ tục không có thành phần hồ sơ mã ${attachment.documentCode}.`,
            en: `The procedure has no document component with code ${attachment.documentCode}.`,
          },
        },
      ];
    return [];
  });
  if (unnamed.length > 0)
    throw new DomainError(
      'ATTACHMENT_REJECTED',
      {
        vi: 'Tệp đính kèm không gắn với thành phần hồ sơ của thủ tục.',
        en: 'An attachment does not name a document component of the procedure.',
      },
      unnamed,
    );
  const missing = missingComponents(
    components,
    attachments.flatMap((attachment) => (attachment.documentCode ? [attachment.documentCode] : [])),
  );
  if (missing.length === 0) return;
  const names = missing.map((component) => `"${component.name}"`).join(', ');
  const namesEn = missing.map((component) => `"${component.nameEn ?? component.name}"`).join(', ');
  throw new DomainError(
    'REQUIRED_DOCUMENTS_MISSING',
    {
      vi: `Hồ sơ còn thiếu giấy tờ bắt buộc: ${names}.`,
      en: `The dossier lacks mandatory documents: ${namesEn}.`,
    },
    missing.map((component) => {
      const alternates = alternatesWording(component, components, 'vi');
      const alternatesEn = alternatesWording(component, components, 'en');
      return {
        field: 'attachments',
        message: {
          vi: `Thiếu ${componentWording(component)}${alternates ? ` hoặc "${alternates}"` : ''} [${component.code}].`,
          en: `Missing "${component.nameEn ?? component.name}" (${component.form.replaceAll('_', ' ')}, ${component.copies} ${component.copies === 1 ? 'copy' : 'copies'})${alternatesEn ? ` or "${alternatesEn}"` : ''} [${component.code}].`,
        },
      };
    }),
  );
}
