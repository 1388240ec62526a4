import { isUploadResponse } from './answers.ts';
import { errorBody, fetchWithin, jsonOf } from './api.ts';

/** A file of up to 10 MB over a slow line: the bucket is given longer than an API call. */
const UPLOAD_TIMEOUT_MS = 120_000;
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};
export const ACCEPTED_FILES = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';

const extensionOf = (name: string) => (name.split('.').pop() ?? '').toLowerCase();

/** Type and size are checked here, before anything is sent; the server checks the bytes again. */
export function problemOf(file: File): [string, string] | null {
  const type = TYPES[extensionOf(file.name)];
  if (!type || (file.type && file.type !== type))
    return ['Chỉ nhận tệp PDF, JPEG hoặc PNG.', 'Only PDF, JPEG or PNG files are accepted.'];
  if (file.size > MAX_UPLOAD_BYTES)
    return ['Tệp quá lớn (tối đa 10 MB).', 'The file is too large (10 MB at most).'];
  if (file.size === 0) return ['Tệp rỗng.', 'The file is empty.'];
  return null;
}

/** Presigns one upload (POST /attachments), then posts the file to the bucket; answers its key. */
export async function uploadFile(base: string, file: File): Promise<string> {
  const response = await fetchWithin(`${base}attachments`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      fileName: file.name,
      contentType: TYPES[extensionOf(file.name)],
      sizeBytes: file.size,
    }),
  });
  const slot = await jsonOf(response);
  if (!response.ok || !isUploadResponse(slot)) throw slot;
  const form = new FormData();
  for (const [name, value] of Object.entries(slot.fields)) form.append(name, value);
  form.append('file', file);
  const stored = await fetchWithin(slot.url, { method: 'POST', body: form }, UPLOAD_TIMEOUT_MS);
  if (!stored.ok) throw errorBody(`Tải tệp ${file.name} thất bại.`, `Upload of ${file.name} failed.`);
  return slot.key;
}
