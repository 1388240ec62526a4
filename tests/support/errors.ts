import { expect } from 'vitest';

export interface ErrorBody {
  error: {
    code: string;
    message: { vi: string; en: string };
    fields: { field: string; message: { vi: string; en: string } }[];
  };
}

/** Checks an API refusal: its status and code, both languages, and no stack trace or source path. */
export function expectBilingualError(
  answer: { status: number; body: unknown },
  status: number,
  code: string,
) {
  expect(answer.status, JSON.stringify(answer.body)).toBe(status);
  const body = answer.body as ErrorBody;
  expect(body.error.code).toBe(code);
  expect(body.error.message.vi.length).toBeGreaterThan(0);
  expect(body.error.message.en.length).toBeGreaterThan(0);
  expect(JSON.stringify(body)).not.toMatch(/at \w+ \(|\.ts:\d+|node_modules/);
  return body.error;
}
