import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';

const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WEB = path.join(PROJECT_ROOT, 'web');

/** Each page is `web/<name>.html` with its script `web/src/<name>.ts`. */
export const PAGE_NAMES = ['citizen-form', 'lookup', 'dashboard', 'verify', 'workspace'] as const;
export type PageName = (typeof PAGE_NAMES)[number];

/** Where the pages with their scripts inlined are written; the page functions import them from here. */
export const BUILT_PAGES_DIR = path.join(PROJECT_ROOT, 'build', 'web');

/** The page's TypeScript and the modules it imports, as one minified browser script. */
export function pageScript(name: PageName): string {
  const { outputFiles } = buildSync({
    entryPoints: [path.join(WEB, 'src', `${name}.ts`)],
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['es2022'],
    charset: 'utf8',
    legalComments: 'none',
    // The sign-in library's Buffer shim reads Node's `global`.
    define: { global: 'globalThis' },
    write: false,
  });
  const script = outputFiles[0]?.text ?? '';
  // The page's policy hashes the text between the tags: a closing tag inside would cut the script short.
  if (/<\/script/i.test(script))
    throw new Error(`web/src/${name}.ts bundles to a script containing </script`);
  return script;
}

/**
 * The page as served: its markup with its script inlined at the end of the body, where the
 * elements it looks up already exist. The Content-Security-Policy allows it by its hash.
 */
export function renderPage(name: PageName): string {
  const markup = readFileSync(path.join(WEB, `${name}.html`), 'utf8');
  const end = markup.lastIndexOf('</body>');
  if (end === -1) throw new Error(`web/${name}.html has no </body>`);
  return `${markup.slice(0, end)}<script>${pageScript(name)}</script>\n${markup.slice(end)}`;
}

/** Writes every page to `build/web/<name>.html`; run before the functions are bundled. */
export function writePages(directory = BUILT_PAGES_DIR): void {
  mkdirSync(directory, { recursive: true });
  for (const name of PAGE_NAMES) writeFileSync(path.join(directory, `${name}.html`), renderPage(name));
}
