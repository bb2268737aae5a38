import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const common = { testTimeout: 30_000, hookTimeout: 30_000, pool: 'forks' } as const;

export default defineConfig({
  test: {
    // builds dist/ when it is missing or older than src/ (the tests that start bin/atlascli.js
    // need it); under `npm test`, typechecks src and test while the tests run
    globalSetup: ['test/helpers/build.ts'],
    // the typecheck may still be running when the last test ends
    teardownTimeout: 300_000,
    // the end-to-end tests wait on the simulator's timers as much as they compute: two workers even on two cores
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      { test: { ...common, name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        // The CLI runs in-process (test/helpers/cli.ts) and keeps no state between runs
        // (a leak would show here): the files share their workers' modules, so the CLI's
        // modules and the spec's compiled schemas load once per worker, not once per file.
        test: { ...common, name: 'e2e', include: ['test/e2e/**/*.test.ts', 'test/simulator/**/*.test.ts', 'test/spec/**/*.test.ts'], isolate: false },
      },
    ],
  },
});
