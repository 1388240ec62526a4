/**
 * Stands in for `node:process` inside the function bundles (an esbuild alias, see
 * `infra/constructs/app-function.ts`): the SDK imports `env` and `versions` from it, and the ES facade
 * of `node:process` reads every property of the process object (about 4 ms of a cold start, Node 22);
 * the global is the same object. A bundled module importing any other name fails the build.
 */
export default process;
export const { env, versions } = process;
