// Build-time flags. build.mjs defines them for the shipped bundles (esbuild `define`), so
// code behind a false flag is dropped there; tests and benchmarks run the sources, where
// they are not defined and the test hooks are on.
declare const __TEST_HOOKS__: boolean | undefined;

/** Hooks that only tests may call (e.g. resetting the database connection) */
export const TEST_HOOKS = typeof __TEST_HOOKS__ === 'undefined' || __TEST_HOOKS__;
