/** Pages are bundled into their function as text by esbuild's text loader. */
declare module '*.html' {
  const content: string;
  export default content;
}
