import { defineConfig } from 'vitest/config';

// Two projects: the server's unit and integration tests (integration files run once per engine,
// see server/test/engines.ts) and the end-to-end journeys in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'server',
          include: ['server/**/*.test.ts', 'cli/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['e2e/**/*.e2e.ts'],
          environment: 'node',
          globalSetup: ['e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // A page reload and its first fetch can take more than expect.poll's default second on a
          // busy two-core machine; waits in the journeys are for what a user would see, in time.
          expect: { poll: { timeout: 10_000 } },
          fileParallelism: false,
        },
      },
    ],
  },
});
