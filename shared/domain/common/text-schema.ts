import * as z from 'zod';
import { bilingual } from './field-issues.ts';
import {
  hasBidiControls,
  hasVisibleLetter,
  normalizeMultilineText,
  normalizeName,
  normalizeText,
} from './text.ts';

/** Single-line text: normalised to NFC with collapsed white space before its length is checked. */
export const text = (max: number) => z.string().overwrite(normalizeText).min(1).max(max);
export const optionalText = (max: number) => z.string().overwrite(normalizeText).max(max).optional();
export const multilineText = (max: number) => z.string().overwrite(normalizeMultilineText).max(max);

/**
 * The name of a person or an organisation, as printed on receipts, forms and mail: invisible
 * characters are dropped, what is left must show a letter, and bidi controls are refused.
 */
export const nameText = (max: number) =>
  z
    .string()
    .overwrite(normalizeName)
    .max(max)
    .refine(hasVisibleLetter, {
      message: bilingual(
        'Tên phải có ít nhất một chữ cái nhìn thấy được (không chỉ gồm ký tự vô hình).',
        'The name must contain at least one visible letter (not only invisible characters).',
      ),
      abort: true,
    })
    .refine((value) => !hasBidiControls(value), {
      message: bilingual(
        'Tên không được chứa ký tự điều khiển hướng chữ (bidi, ví dụ U+202E).',
        'The name must not contain bidirectional control characters (such as U+202E).',
      ),
    });

export const BilingualMessageSchema = z
  .object({ vi: z.string(), en: z.string() })
  .meta({ id: 'BilingualMessage', description: 'The same message in Vietnamese and English.' });

export const RateSchema = z
  .object({
    numerator: z.number().int().nonnegative(),
    denominator: z.number().int().nonnegative(),
    value: z.number().min(0).max(1).nullable(),
  })
  .meta({
    id: 'Rate',
    description: 'A share shown with what it was computed from; null when nothing to divide.',
  });
