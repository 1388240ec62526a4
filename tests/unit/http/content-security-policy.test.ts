import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PAGE_NAMES, renderPage } from '../../../infra/web-pages.ts';
import { html } from '../../../shared/http/responses.ts';

/** The pages as their functions serve them: markup with the bundled script inlined. */
const PAGES = Object.fromEntries(PAGE_NAMES.map((name) => [name, renderPage(name)]));

/** The text of each element of a kind, found by walking the page rather than by the policy's own pattern. */
function blocks(page: string, element: 'script' | 'style'): string[] {
  const found: string[] = [];
  let from = 0;
  for (;;) {
    const open = page.indexOf(`<${element}`, from);
    if (open === -1) return found;
    const start = page.indexOf('>', open) + 1;
    const end = page.indexOf(`</${element}>`, start);
    found.push(page.slice(start, end));
    from = end;
  }
}

const hashOf = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((directive) => {
      const [name = '', ...sources] = directive.trim().split(/\s+/);
      return [name, sources];
    }),
  );
}

describe.each(Object.entries(PAGES))('the Content-Security-Policy of %s', (_name, page) => {
  const policy = String(
    html(200, page, { connectSources: ['https://uploads.example'] }).headers?.['content-security-policy'],
  );
  const policyOf = directives(policy);

  it('allows each inline script and style by its hash, and nothing else', () => {
    const scripts = blocks(page, 'script');
    const styles = blocks(page, 'style');
    expect(scripts.length).toBeGreaterThan(0);
    expect(styles.length).toBeGreaterThan(0);
    expect(policyOf.get('script-src')?.sort()).toEqual([...new Set(scripts.map(hashOf))].sort());
    expect(policyOf.get('style-src')?.sort()).toEqual([...new Set(styles.map(hashOf))].sort());
  });

  it('has no unsafe source, no wildcard, and locks down the rest', () => {
    expect(policy).not.toMatch(/unsafe-|\*|http:/);
    expect(policyOf.get('default-src')).toEqual(["'none'"]);
    expect(policyOf.get('connect-src')).toEqual(["'self'", 'https://uploads.example']);
    expect(policyOf.get('img-src')).toEqual(["'self'", 'data:']);
    expect(policyOf.get('frame-ancestors')).toEqual(["'none'"]);
    expect(policyOf.get('base-uri')).toEqual(["'none'"]);
    expect(policyOf.get('form-action')).toEqual(["'self'"]);
  });

  it('has no inline event handler, style attribute or javascript: URL, which the policy would block', () => {
    const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
    for (const tag of tags) {
      expect(tag, tag).not.toMatch(/\son[a-z]+\s*=/i);
      expect(tag, tag).not.toMatch(/\sstyle\s*=/i);
    }
    expect(page).not.toMatch(/javascript:/i);
    expect(page).not.toMatch(/setAttribute\(\s*['"](style|on[a-z]+)['"]/);
  });
});
