import { defineConfig } from 'vitest/config';

/**
 * The few files that take seconds each: they spawn the real processes (web, worker, release,
 * console) or run months of nudges through BullMQ. `npm run test:slow` runs them alone.
 */
export const SLOW = ['test/integration/jobs/forty-weeks.test.ts', 'test/integration/jobs/console-forty-weeks.test.ts', 'test/integration/jobs/cluster.test.ts', 'test/integration/jobs/resilience.test.ts', 'test/integration/jobs/exactly-once.test.ts', 'test/integration/processes/*.test.ts', 'test/integration/dashboard/*.test.ts', 'test/integration/certificates/certificate-page.test.ts', 'test/integration/chaos/chaos.test.ts'];

/** One fresh, migrated database per run of a project that uses it (see the file). */
const DATABASE = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // Most files wait on Postgres, Redis or a child process rather than compute, so three files at
    // a time keep two cores busy (vitest's default on two cores is one file at a time).
    maxWorkers: 3,
    // ioredis rejects commands still queued on a connection that a test's teardown has just
    // closed ("Connection is closed.") — BullMQ's own bookkeeping on a shared connection, seen
    // now and then under load after every assertion of the file has passed. That one message is
    // teardown noise; any other unhandled error still fails the run.
    onUnhandledError(error) {
      const closed = error?.message === 'Connection is closed.' && /ioredis/.test(error?.stack ?? '');
      return closed ? false : undefined;
    },
    hookTimeout: 60_000,
    env: { TZ: 'UTC' },
    // test-results.json feeds .ci/run's one-line totals (all projects together).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results.json' },
    projects: [
      {
        // Pure code: no Postgres, no Redis, no network. The setup file makes any connection
        // attempt fail the test (test/unit/architecture/offline.test.ts proves it).
        extends: true,
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/support/unit-offline.ts'],
        },
      },
      {
        // The real stores, queues and adapters against the local Postgres and Redis; each file
        // makes its own workspaces and queue names, so files run in parallel. The adapter
        // contract (test/contract) runs here, once per adapter.
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          exclude: SLOW,
          globalSetup: DATABASE,
        },
      },
      {
        extends: true,
        test: {
          name: 'slow',
          include: SLOW,
          globalSetup: DATABASE,
        },
      },
    ],
  },
});
