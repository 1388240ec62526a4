import type { z } from 'zod';
import { DomainError } from '../domain/common/errors.ts';
import { fieldIssuesOf } from './messages.ts';

/** A request body's JSON; malformed text is the caller's error, not a fault. */
export function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw new DomainError('MALFORMED_JSON', {
      vi: 'Nội dung JSON không đọc được.',
      en: 'The JSON body could not be parsed.',
    });
  }
}

/** `input` read through `schema`, or a refusal naming each field that failed. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new DomainError(
      'VALIDATION_FAILED',
      { vi: 'Dữ liệu gửi lên không hợp lệ.', en: 'The request is not valid.' },
      fieldIssuesOf(result.error),
    );
  }
  return result.data;
}
