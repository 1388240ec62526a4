import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/** Pages are bundled as text by esbuild (infra/constructs/app-function.ts); unit tests read them the same way. */
const htmlAsText: Plugin = {
  name: 'html-as-text',
  enforce: 'pre',
  transform: (code, id) =>
    id.endsWith('.html') ? { code: `export default ${JSON.stringify(code)};`, map: null } : undefined,
};

/** Gzipped build outputs are bundled as bytes by esbuild's binary loader; unit tests read them the same way. */
const gzipAsBytes: Plugin = {
  name: 'gzip-as-bytes',
  enforce: 'pre',
  load: (id) =>
    id.endsWith('.gz')
      ? `export default Uint8Array.from(Buffer.from(${JSON.stringify(readFileSync(id).toString('base64'))}, 'base64'));`
      : undefined,
};

export default defineConfig({
  test: {
    // Deployed tests share one emulator running Lambdas on two cores; parallel files only add noise.
    fileParallelism: false,
    projects: [
      { plugins: [htmlAsText, gzipAsBytes], test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'deployed',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
          // A page that waits for a Lambda in the emulator can take seconds on a busy 2-core machine.
          expect: { poll: { timeout: 10_000 } },
        },
      },
    ],
  },
});
