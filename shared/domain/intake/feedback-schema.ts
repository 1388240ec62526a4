import * as z from 'zod';
import { bilingual } from '../common/field-issues.ts';
import { multilineText } from '../common/text-schema.ts';

export const FEEDBACK_COMMENT_MAX = 1000;

const ratingMessage = bilingual(
  'Mức đánh giá là số nguyên từ 1 đến 5.',
  'The rating is a whole number from 1 to 5.',
);

/** The citizen's rating of a settled dossier; the same schema validates, types and documents it. */
export const FeedbackRequestSchema = z
  .object({
    rating: z
      .number({ message: ratingMessage })
      .int({ message: ratingMessage })
      .min(1, { message: ratingMessage })
      .max(5, { message: ratingMessage })
      .meta({ description: '1 (very dissatisfied) to 5 (very satisfied)', example: 5 }),
    comment: multilineText(FEEDBACK_COMMENT_MAX)
      .optional()
      .meta({ description: 'Free text, kept as written (escaped wherever it is shown).' }),
  })
  .meta({ id: 'FeedbackRequest' });

export const FeedbackSchema = z
  .object({
    rating: z.number().int().min(1).max(5),
    comment: z.string().optional(),
    at: z.iso.datetime({ offset: true }),
  })
  .meta({ id: 'Feedback', description: 'The feedback as stored: at most one per dossier.' });

export type FeedbackRequest = z.infer<typeof FeedbackRequestSchema>;
