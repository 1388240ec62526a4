import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Deployed tests share one emulator running Lambdas on two cores; parallel files only add noise.
    fileParallelism: false,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      { test: { name: 'infra', include: ['tests/infra/**/*.test.ts'], testTimeout: 120_000 } },
      {
        test: {
          name: 'deployed',
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          testTimeout: 90_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
