/** Pages are bundled into their function as text by esbuild's text loader. */
declare module '*.html' {
  const content: string;
  export default content;
}

/** Fonts are bundled as bytes by esbuild's binary loader. */
declare module '*.ttf' {
  const bytes: Uint8Array;
  export default bytes;
}

/** The OpenAPI document, written gzipped at synth (`infra/api-build.ts`) before the functions are bundled. */
declare module '*/build/openapi.json.gz' {
  const bytes: Uint8Array;
  export default bytes;
}
