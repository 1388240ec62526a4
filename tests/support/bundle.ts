import path from 'node:path';
import { build, type Metafile } from 'esbuild';
import { BUNDLE_ALIASES, BUNDLE_LOADERS } from '../../infra/constructs/app-function.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * What esbuild records when it bundles `entry` (a path from the repository's root) as the functions
 * are built: ESM for Node 22, modules' ESM builds first, the deployment's loaders, pages' HTML left out,
 * constant conditions folded (the deployment minifies), the deployment's aliases, with the
 * build-time `define`s given.
 */
export async function bundleMetafile(entry: string, define: Record<string, string> = {}): Promise<Metafile> {
  return (await bundle(entry, define)).metafile;
}

/** The bundle itself (its text) and its metafile, built as `bundleMetafile` says. */
export async function bundle(
  entry: string,
  define: Record<string, string> = {},
): Promise<{ metafile: Metafile; text: string }> {
  const result = await build({
    entryPoints: [path.join(ROOT, entry)],
    absWorkingDir: ROOT,
    bundle: true,
    write: false,
    metafile: true,
    format: 'esm',
    platform: 'node',
    target: 'node22',
    mainFields: ['module', 'main'],
    loader: { ...BUNDLE_LOADERS },
    // The file loader needs a place for the files it copies; nothing is written (`write: false`).
    outdir: path.join(ROOT, '.local', 'bundle-test'),
    external: ['*.html'],
    minifySyntax: true,
    define,
    alias: { ...BUNDLE_ALIASES },
    logLevel: 'silent',
  });
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'));
  if (!output) throw new Error(`esbuild wrote no bundle for ${entry}`);
  return { metafile: result.metafile, text: output.text };
}
