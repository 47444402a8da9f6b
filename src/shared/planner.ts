// Planner facts the worker, the content script and the options page share: where
// Planner runs and how TimeCamp names its tasks. The DOM facts stay in
// src/content/planner-page.ts. Evidence: /work/shared/planner/PLANNER.md.

/**
 * Hosts that serve Planner. The manifest's content_scripts.matches must be exactly
 * these, on every path (tests/unit/security/manifest.test.ts checks it).
 * planner.timecamp.com: official plugin manifest 2023-04/05 (PLANNER.md).
 * The legacy app.hey.space (HeySpace, before 2023) is not built in: Planner moved, and
 * a host nobody uses would only add a permission; a user can add it in the options.
 */
export const PLANNER_HOSTS: readonly string[] = ['planner.timecamp.com'];

/** The origins of PLANNER_HOSTS, as the router compares sender origins */
export const PLANNER_ORIGINS: readonly string[] = PLANNER_HOSTS.map((host) => `https://${host}`);

/** A content-script match pattern for every page of a host (entry at `/`, chats, calendars…) */
export const everyPageOf = (host: string): string => `https://${host}/*`;

/** Planner task ids are plain tokens (numbers or UUIDs, PLANNER.md); anything else is not acted on */
export const PLANNER_TASK_ID = /^[\w-]{1,64}$/;

/** TimeCamp's external id of a Planner task: `task_<taskId>` (PLANNER.md, unchanged by the 2023-05 DOM change) */
export const externalTaskId = (plannerTaskId: string): string => `task_${plannerTaskId}`;
