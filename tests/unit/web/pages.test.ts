import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PAGE_NAMES, pageScript, renderPage } from '../../../infra/web-pages.ts';

const markup = (name: string) => readFileSync(new URL(`../../../web/${name}.html`, import.meta.url), 'utf8');
const scriptsOf = (page: string) =>
  [...page.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/gi)].map((m) => m[1]);

describe.each(PAGE_NAMES)('the %s page as served', (name) => {
  const page = renderPage(name);

  it('keeps no script in its markup: the script is web/src and is inlined once, at the end of the body', () => {
    expect(markup(name)).not.toMatch(/<script|<!--\s*error-summary/i);
    const scripts = scriptsOf(page);
    expect(scripts).toEqual([pageScript(name)]);
    expect(page.indexOf('<script>')).toBeGreaterThan(page.lastIndexOf('</main>'));
    expect(page.trimEnd().endsWith('</body>\n</html>')).toBe(true);
  });

  it('runs as one classic script with its modules bundled in', () => {
    const script = pageScript(name);
    expect(script).not.toMatch(/^\s*import[\s{*]|\bimport\(|\brequire\(/m);
    // Runs as it stands in a function body: no top-level `import` or `export` is left.
    expect(() => new Function(script)).not.toThrow();
  });
});

describe('the shared modules', () => {
  it('announce errors the same way on the form and the lookup page', () => {
    for (const name of ['citizen-form', 'lookup'] as const)
      expect(pageScript(name)).toContain('Không gửi được, vui lòng thử lại. / Could not send, please retry.');
  });

  it('give every page that loads data a bilingual way to try again', () => {
    for (const name of ['citizen-form', 'dashboard'] as const)
      expect(pageScript(name)).toContain('Thử lại / Retry');
    expect(pageScript('dashboard')).toContain('Chưa có số liệu cho kỳ này');
    expect(pageScript('dashboard')).toContain('No figures for this period yet');
  });
});
