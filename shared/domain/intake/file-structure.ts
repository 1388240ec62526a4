import { crc32 } from 'node:zlib';
import { imageSize } from 'image-size';
import { ParseSpeeds, PDFDocument } from 'pdf-lib';
import type { BilingualMessage } from '../common/errors.ts';
import { ATTACHMENT_MAX_BYTES, type AttachmentContentType, sniffContentType } from './attachment.ts';

/**
 * Whether a stored file is what it claims to be, by its structure rather than its first bytes.
 * Kept apart from attachment.ts so that only the functions reading files bundle the parsers.
 */

/**
 * Images whose header declares more pixels than a scanned page or phone photo needs are refused:
 * decoding them (for a thumbnail, a PDF, an officer's viewer) would take gigabytes of memory.
 */
export const IMAGE_MAX_SIDE_PX = 12_000;
export const IMAGE_MAX_PIXELS = 60_000_000;

export interface ImageSize {
  width: number;
  height: number;
}

const IMAGE_SIZE_TYPES: Partial<Record<AttachmentContentType, string>> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
};

/** The pixel size an image's header declares, read by image-size; undefined unless it is of `type`. */
export function declaredImageSize(type: AttachmentContentType, bytes: Uint8Array): ImageSize | undefined {
  try {
    // image-size reads through the view's whole underlying buffer: a copy bounds it to the file.
    const size = imageSize(bytes.slice());
    if (size.type !== IMAGE_SIZE_TYPES[type] || !size.width || !size.height) return undefined;
    return { width: size.width, height: size.height };
  } catch {
    return undefined;
  }
}

export type ImageCheck = 'ok' | 'unreadable' | 'too-large';

/** An image passes when its header is readable and declares at most the limits above. */
export function checkImageSize(type: AttachmentContentType, bytes: Uint8Array): ImageCheck {
  const size = declaredImageSize(type, bytes);
  if (!size) return 'unreadable';
  const tooLarge =
    size.width > IMAGE_MAX_SIDE_PX ||
    size.height > IMAGE_MAX_SIDE_PX ||
    size.width * size.height > IMAGE_MAX_PIXELS;
  return tooLarge ? 'too-large' : 'ok';
}

const PNG_SIGNATURE_BYTES = 8;
const text = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

/**
 * A PNG is a signature and a run of chunks, each with its length, type, data and CRC-32: the first
 * is IHDR (13 bytes), the last IEND, nothing follows it. Damage, truncation or anything appended
 * (a polyglot) breaks that run.
 */
export function isIntactPng(bytes: Uint8Array): boolean {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = PNG_SIGNATURE_BYTES;
  let first = true;
  while (offset + 12 <= bytes.byteLength) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.byteLength) return false;
    const type = text(bytes.subarray(offset + 4, offset + 8));
    if (first && (type !== 'IHDR' || length !== 13)) return false;
    if (crc32(bytes.subarray(offset + 4, offset + 8 + length)) !== view.getUint32(offset + 8 + length))
      return false;
    if (type === 'IEND') return end === bytes.byteLength;
    first = false;
    offset = end;
  }
  return false;
}

/**
 * A JPEG's entropy-coded data never holds FF D9 (a data byte FF is always followed by 00), so a
 * file whose image data starts (SOS, FF DA) and never ends (EOI, FF D9) was cut off.
 */
export function isCompleteJpeg(bytes: Uint8Array): boolean {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scan = buffer.lastIndexOf(Buffer.from([0xff, 0xda]));
  return scan > 0 && buffer.indexOf(Buffer.from([0xff, 0xd9]), scan) > scan;
}

/** Where a PDF's last `%%EOF` marker must be: within its last 1024 bytes (ISO 32000-1, 7.5.5). */
const PDF_TRAILER_WINDOW = 1024;

/**
 * A PDF passes when pdf-lib parses it into a document with at least one page and its file ends
 * with the `%%EOF` trailer. pdf-lib only reads the object structure (it runs no script and renders
 * nothing); its parser is lenient, so `%PDF-` followed by anything gets past `load` alone.
 */
export async function isReadablePdf(bytes: Uint8Array): Promise<boolean> {
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) return false;
  const tail = text(bytes.subarray(Math.max(0, bytes.byteLength - PDF_TRAILER_WINDOW)));
  if (!tail.includes('%%EOF')) return false;
  try {
    const pdf = await PDFDocument.load(bytes, {
      // Permission-restricted PDFs (encrypted with an empty user password) are common in scans from
      // banks and agencies; their object structure is readable, and that is what is checked.
      ignoreEncryption: true,
      updateMetadata: false,
      parseSpeed: ParseSpeeds.Fastest,
    });
    return pdf.getPageCount() > 0;
  } catch {
    return false;
  }
}

/** Why a file was refused; `sniffed` is the type its first bytes announce, for the message. */
export type FileProblem =
  | { kind: 'too-big' }
  | { kind: 'not-allowed'; sniffed?: undefined }
  | { kind: 'other-type'; sniffed: AttachmentContentType }
  | { kind: 'too-many-pixels' }
  | { kind: 'damaged'; type: AttachmentContentType };

/**
 * Checks a whole stored file against the type it was declared as (its name's extension and its
 * upload's Content-Type): undefined when it is a well-formed file of that type within the limits.
 */
export async function examineFile(
  bytes: Uint8Array,
  declared: AttachmentContentType,
): Promise<FileProblem | undefined> {
  if (bytes.byteLength > ATTACHMENT_MAX_BYTES) return { kind: 'too-big' };
  const sniffed = sniffContentType(bytes);
  if (!sniffed) return { kind: 'not-allowed' };
  if (sniffed !== declared) return { kind: 'other-type', sniffed };
  if (declared === 'application/pdf')
    return (await isReadablePdf(bytes)) ? undefined : { kind: 'damaged', type: declared };
  const size = checkImageSize(declared, bytes);
  if (size === 'too-large') return { kind: 'too-many-pixels' };
  const intact = size === 'ok' && (declared === 'image/png' ? isIntactPng(bytes) : isCompleteJpeg(bytes));
  return intact ? undefined : { kind: 'damaged', type: declared };
}

const TYPE_NAMES: Record<AttachmentContentType, string> = {
  'application/pdf': 'PDF',
  'image/jpeg': 'JPEG',
  'image/png': 'PNG',
};

/** What the citizen or officer is told about a refused file, naming it. */
export function fileProblemMessage(fileName: string, problem: FileProblem): BilingualMessage {
  switch (problem.kind) {
    case 'too-big':
      return {
        vi: `Tệp ${fileName} quá lớn (tối đa 10 MB).`,
        en: `${fileName} is too large (10 MB at most).`,
      };
    case 'not-allowed':
      return {
        vi: `Tệp ${fileName} không phải PDF, JPEG hoặc PNG.`,
        en: `${fileName} is not a PDF, JPEG or PNG.`,
      };
    case 'other-type':
      return {
        vi: `Nội dung tệp ${fileName} là ${problem.sniffed}, không khớp với tên tệp hoặc loại tệp đã khai báo.`,
        en: `The content of ${fileName} is ${problem.sniffed}, which its name or declared type does not match.`,
      };
    case 'too-many-pixels': {
      const limit = `${IMAGE_MAX_SIDE_PX.toLocaleString('en')} px, ${IMAGE_MAX_PIXELS / 1_000_000} MP`;
      return {
        vi: `Ảnh ${fileName} có kích thước điểm ảnh quá lớn (tối đa ${limit}).`,
        en: `${fileName}: the image declares too many pixels (at most ${limit}).`,
      };
    }
    case 'damaged':
      return {
        vi: `Tệp ${fileName} không phải tệp ${TYPE_NAMES[problem.type]} hợp lệ: cấu trúc tệp bị hỏng, không đầy đủ hoặc có nội dung lạ.`,
        en: `${fileName} is not a valid ${TYPE_NAMES[problem.type]} file: its structure is damaged, incomplete or holds foreign content.`,
      };
  }
}
