import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Integration tests share one Postgres server and one Redis; each file makes its own
    // database and queue names, so files may run in parallel.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    // test-results.json feeds .ci/run's one-line totals.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
  },
});
