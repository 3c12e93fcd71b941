import { defineConfig } from 'vitest/config';

// One runner for unit, integration and browser tests. Integration tests share a migrated
// database template made once in globalSetup (see test/global-setup.ts).
export default defineConfig({
  test: {
    include: ['server/**/*.test.ts', 'test/**/*.test.ts', 'trust/**/*.test.ts', 'cli/**/*.test.ts', 'common/**/*.test.ts', 'e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
