/** The baseline of `bench/bundles.ts`: a handler with nothing to import. */
export const handler = async () => ({ statusCode: 200 });
