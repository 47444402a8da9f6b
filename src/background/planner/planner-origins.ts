// Where Planner runs. The manifest's content_scripts.matches must agree (a unit test checks).
export const PLANNER_ORIGINS: readonly string[] = ['https://planner.timecamp.com'];
