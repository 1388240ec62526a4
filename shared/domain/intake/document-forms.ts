/**
 * How a document component is to be supplied, as procedure records in the national catalog state it
 * ("bản chính", "bản sao có chứng thực" …), with the wording printed on forms and pages.
 */
export const DOCUMENT_FORM_LABELS = {
  original: 'Bản chính',
  certified_copy: 'Bản sao có chứng thực hoặc bản sao từ sổ gốc',
  copy: 'Bản sao',
  copy_with_original: 'Bản sao kèm bản chính để đối chiếu',
  original_or_certified_copy: 'Bản chính hoặc bản sao có chứng thực',
} as const;

export type DocumentForm = keyof typeof DOCUMENT_FORM_LABELS;
