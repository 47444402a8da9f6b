import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

// The vitest config for `npm run test:mutation` (stryker.config.mjs): the usual one, except that
// - Stryker's runner forces every project into worker threads, where Node ignores a runtime
//   process.env.TZ change: the plugin puts the time-zone tests back into child processes;
// - MUTATION_RUN tells the tests that weigh built code that the sources are instrumented.
export default mergeConfig(
  base,
  defineConfig({
    test: { env: { MUTATION_RUN: '1' } },
    plugins: [
      {
        name: 'time-zone-tests-in-forks',
        configureVitest({ project }) {
          if (project.name === 'time-zones') project.config.pool = 'forks';
        },
      },
    ],
  }),
);
