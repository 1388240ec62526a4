import * as z from 'zod';
import { normalizeMultilineText, normalizeText } from '../domain/text.ts';

/** Single-line text: normalised to NFC with collapsed white space before its length is checked. */
export const text = (max: number) => z.string().overwrite(normalizeText).min(1).max(max);
export const optionalText = (max: number) => z.string().overwrite(normalizeText).max(max).optional();
export const multilineText = (max: number) => z.string().overwrite(normalizeMultilineText).max(max);

export const BilingualMessageSchema = z
  .object({ vi: z.string(), en: z.string() })
  .meta({ id: 'BilingualMessage', description: 'The same message in Vietnamese and English.' });

export const ErrorResponseSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'VALIDATION_FAILED' }),
      message: BilingualMessageSchema,
      fields: z.array(z.object({ field: z.string(), message: BilingualMessageSchema })),
      requestId: z.string().optional(),
      retryAt: z.iso
        .datetime({ offset: true })
        .optional()
        .meta({ description: 'With 429: when the refused request may be tried again.' }),
    }),
  })
  .meta({
    id: 'ErrorResponse',
    description: 'Every 4xx/5xx answer has this shape; fields name what failed.',
  });

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
