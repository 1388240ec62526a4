import { createHash } from 'node:crypto';

/** Every inline `<script>` and `<style>` element of a page, with the exact text between its tags. */
const INLINE_BLOCK = /<(script|style)\b[^>]*>([\s\S]*?)<\/\1\s*>/gi;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

/** The CSP source expressions of a page's inline scripts and styles. */
export function inlineHashes(page: string): InlineHashes {
  const hashes: InlineHashes = { scripts: [], styles: [] };
  for (const [, element, content = ''] of page.matchAll(INLINE_BLOCK)) {
    const list = element?.toLowerCase() === 'script' ? hashes.scripts : hashes.styles;
    const hash = sha256(content);
    if (!list.includes(hash)) list.push(hash);
  }
  return hashes;
}

export interface PolicyOptions {
  /** Origins the page's script may fetch from besides its own, such as the upload bucket. */
  connectSources?: readonly string[];
  /** Origins whose documents the page shows in a frame (a PDF preview from the bucket). */
  frameSources?: readonly string[];
  /** Origins the page shows images from besides its own (a scanned page from the bucket). */
  imageSources?: readonly string[];
}

/**
 * The Content-Security-Policy of a page, computed from the page as served: its inline scripts and
 * styles are allowed by their SHA-256 digests and nothing else runs, so neither `unsafe-inline` nor a
 * hand-kept list of hashes is needed. Inline event handlers and `style` attributes are thereby
 * refused by the browser; the pages attach listeners and set styles from their script.
 */
export function contentSecurityPolicy(
  page: string,
  { connectSources = [], frameSources = [], imageSources = [] }: PolicyOptions = {},
): string {
  const { scripts, styles } = inlineHashes(page);
  const directives: [string, ...string[]][] = [
    ['default-src', "'none'"],
    ['script-src', ...(scripts.length ? scripts : ["'none'"])],
    ['style-src', ...(styles.length ? styles : ["'none'"])],
    ['img-src', "'self'", 'data:', ...imageSources],
    ['connect-src', "'self'", ...connectSources],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  if (frameSources.length) directives.push(['frame-src', ...frameSources]);
  return directives.map((directive) => directive.join(' ')).join('; ');
}
