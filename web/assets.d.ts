/** Pages are bundled into their function as text by esbuild's text loader. */
declare module '*.html' {
  const content: string;
  export default content;
}

/**
 * Whole fonts are copied beside the bundle by esbuild's file loader: the import is the file's path
 * relative to the bundle.
 */
declare module '*.ttf' {
  const relativePath: string;
  export default relativePath;
}

/** Font subsets, gzipped (`npm run fonts:subset`), are bundled as bytes by esbuild's binary loader. */
declare module '*.ttf.gz' {
  const bytes: Uint8Array;
  export default bytes;
}

/** The OpenAPI document, written gzipped at synth (`infra/api-build.ts`) before the functions are bundled. */
declare module '*/build/openapi.json.gz' {
  const bytes: Uint8Array;
  export default bytes;
}
