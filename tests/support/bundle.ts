import path from 'node:path';
import { build, type Metafile } from 'esbuild';

const ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * What esbuild records when it bundles `entry` (a path from the repository's root) as the functions
 * are built: ESM for Node 22, modules' ESM builds first, fonts as binaries, pages' HTML left out,
 * constant conditions folded (the deployment minifies), with the build-time `define`s given.
 */
export async function bundleMetafile(entry: string, define: Record<string, string> = {}): Promise<Metafile> {
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
    loader: { '.ttf': 'binary' },
    external: ['*.html'],
    minifySyntax: true,
    define,
    logLevel: 'silent',
  });
  return result.metafile;
}
