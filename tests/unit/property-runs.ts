// How many cases a property test tries. In a mutation run (MUTATION_RUN, set by
// vitest.mutation.config.ts) each property test runs once per mutant it covers: the client's
// 1,500 cases alone made Stryker's estimate for api/** 5 h on this machine. There a property
// tries at most 100 cases (fast-check's default); `npm test` tries them all.
export function propertyRuns(cases: number): number {
  return process.env.MUTATION_RUN === '1' ? Math.min(cases, 100) : cases;
}
