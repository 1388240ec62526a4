import * as z from 'zod';
import type { BilingualMessage, FieldIssue } from './errors.ts';

/**
 * Schemas state their own messages in both languages through `bilingual()`; zod's built-in checks
 * get a Vietnamese sentence per issue kind with zod's English text beside it.
 */
export function bilingual(vi: string, en: string): string {
  return JSON.stringify({ vi, en });
}

const BilingualSchema = z.object({ vi: z.string(), en: z.string() });

function parseBilingual(message: string): BilingualMessage | undefined {
  if (!message.startsWith('{')) return undefined;
  try {
    const parsed = BilingualSchema.safeParse(JSON.parse(message));
    return parsed.success ? { vi: parsed.data.vi, en: parsed.data.en } : undefined;
  } catch {
    return undefined;
  }
}

function vietnameseFor(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined
        ? 'Trường này là bắt buộc.'
        : `Sai kiểu dữ liệu, cần ${issue.expected}.`;
    case 'too_big':
      return issue.origin === 'string'
        ? `Quá dài: tối đa ${issue.maximum} ký tự.`
        : issue.origin === 'array'
          ? `Quá nhiều mục: tối đa ${issue.maximum}.`
          : `Giá trị quá lớn: tối đa ${issue.maximum}.`;
    case 'too_small':
      return issue.origin === 'string'
        ? Number(issue.minimum) <= 1
          ? 'Không được để trống.'
          : `Quá ngắn: tối thiểu ${issue.minimum} ký tự.`
        : `Giá trị quá nhỏ: tối thiểu ${issue.minimum}.`;
    case 'invalid_format':
      return issue.format === 'email' ? 'Địa chỉ thư điện tử không hợp lệ.' : 'Sai định dạng.';
    case 'invalid_value':
      return `Giá trị không hợp lệ; chỉ chấp nhận: ${issue.values.map(String).join(', ')}.`;
    case 'unrecognized_keys':
      return `Trường không được hỗ trợ: ${issue.keys.join(', ')}.`;
    default:
      return 'Giá trị không hợp lệ.';
  }
}

export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: issue.path.map(String).join('.') || '(body)',
    message: parseBilingual(issue.message) ?? { vi: vietnameseFor(issue), en: issue.message },
  }));
}
