/**
 * Stands in for `semver` inside the function bundles (an esbuild alias, see
 * `infra/constructs/app-function.ts`). The X-Ray SDK requires it only for `captureAWS`, which patches
 * the version 2 AWS SDK; the functions use version 3, traced by Powertools with
 * `captureAWSv3Client`. That is 26 KB of every function that calls AWS. Comparing versions here fails
 * loudly rather than answer wrongly.
 */
export function gte(version: string, minimum: string): never {
  throw new Error(
    `semver is not bundled into this function (comparing ${version} with ${minimum}); see shared/adapters/no-semver.ts`,
  );
}
