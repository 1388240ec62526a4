import * as z from 'zod';
import { BilingualMessageSchema } from '../domain/common/text-schema.ts';

export {
  BilingualMessageSchema,
  multilineText,
  nameText,
  optionalText,
  RateSchema,
  text,
} from '../domain/common/text-schema.ts';

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
