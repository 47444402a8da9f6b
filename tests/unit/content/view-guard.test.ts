// The content script checks pushed views with a hand-written guard instead of zod
// (size budget). Property: the guard never accepts a value the protocol's zod
// schema `TimerView` rejects — over valid views and near-miss mutations of them —
// and it accepts the valid ones (a guard that rejects everything is useless too).
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import { BackgroundPush, TimerView } from '../../../src/shared/protocol';
import { readConfirmedRun, readPush, readTimerView } from '../../../src/content/view-guard';

const zodAccepts = (v: unknown) => z.safeParse(TimerView, v).success;

const id = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
/** short text mostly, and sometimes right at the limit */
const text = (max: number) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.string({ maxLength: 40, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.integer({ min: max - 2, max }).map((n) => 'é'.repeat(n)) },
  );
const instant = fc.oneof(
  fc.integer({ min: 0, max: 4_102_444_800_000 }),
  fc.constant(0),
  fc.constant(Number.MAX_SAFE_INTEGER),
);
const crumbs = fc.array(text(500), { maxLength: 8 });

const running = fc.record(
  {
    plannerTaskId: fc.option(id, { nil: null }),
    taskId: fc.option(id, { nil: null }),
    title: text(2000),
    breadcrumb: crumbs,
    note: text(2000),
    startedAtMs: instant,
    synced: fc.boolean(),
    runId: id,
  },
  // a page's own optimistic view has no run id
  { requiredKeys: ['plannerTaskId', 'taskId', 'title', 'breadcrumb', 'note', 'startedAtMs', 'synced'] },
);

const problem = fc.record({
  plannerTaskId: id,
  kind: fc.constantFrom('notImported', 'notAssigned', 'archived', 'failed'),
  message: text(500),
});

const validView = fc.record({
  order: fc.record({ worker: id, n: fc.oneof(fc.nat(), fc.constant(Number.MAX_SAFE_INTEGER)) }),
  connected: fc.boolean(),
  running: fc.option(running, { nil: null }),
  pending: fc.nat(),
  attention: fc.nat(),
  problems: fc.array(problem, { maxLength: 50, size: 'small' }),
  totals: fc.array(fc.record({ plannerTaskId: id, seconds: fc.nat() }), { maxLength: 50, size: 'small' }),
});

/** Values that are almost right somewhere: wrong type, one past a limit, holes, odd numbers */
const sparse = (): unknown[] => {
  const a: unknown[] = [];
  a.length = 2;
  a[1] = 'x';
  return a;
};
const badValue = fc.oneof(
  fc.constantFrom<unknown>(
    undefined,
    null,
    true,
    false,
    0,
    -1,
    -0.5,
    1.5,
    NaN,
    Infinity,
    -Infinity,
    2 ** 53,
    1e21,
    -(2 ** 53),
    '',
    ' ',
    '1',
    'a b',
    'ünïcode',
    'x'.repeat(65),
    'x'.repeat(501),
    'x'.repeat(2001),
    'other',
    [],
    {},
    ['a'],
    Array.from({ length: 9 }, () => 'crumb'),
    [1],
    [null],
  ),
  fc.constant(null).map(sparse),
  fc.string(),
  fc.double(),
  fc.integer(),
  fc.bigInt().map((b) => b), // not JSON, but a page could hand anything to a guard
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.anything(), { maxKeys: 3 }),
);

type Path = (string | number)[];
const PATHS: Path[] = [
  [],
  ['order'],
  ['order', 'worker'],
  ['order', 'n'],
  ['connected'],
  ['running'],
  ['running', 'plannerTaskId'],
  ['running', 'taskId'],
  ['running', 'title'],
  ['running', 'breadcrumb'],
  ['running', 'breadcrumb', 0],
  ['running', 'breadcrumb', 8],
  ['running', 'note'],
  ['running', 'startedAtMs'],
  ['running', 'synced'],
  ['running', 'runId'],
  ['pending'],
  ['attention'],
  ['problems'],
  ['problems', 0],
  ['problems', 0, 'plannerTaskId'],
  ['problems', 0, 'kind'],
  ['problems', 0, 'message'],
  ['problems', 50],
  ['totals'],
  ['totals', 0],
  ['totals', 0, 'plannerTaskId'],
  ['totals', 0, 'seconds'],
  ['totals', 50],
];

function mutate(view: unknown, path: Path, value: unknown, remove: boolean): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(view) as Record<string | number, unknown>;
  let at: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) {
    const next = at[key];
    if (typeof next !== 'object' || next === null) return copy; // nothing there to break
    at = next as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (remove) delete at[last];
  else if (Array.isArray(at) && typeof last === 'number' && last >= at.length) {
    // one item past the limit: copy an existing one, or put the bad value there
    while (at.length <= last) at.push(at[0] ?? value);
  } else at[last] = value;
  return copy;
}

const nearMiss = fc
  .tuple(validView, fc.constantFrom(...PATHS), badValue, fc.boolean(), fc.nat({ max: 9 }))
  .map(([view, path, value, remove, extra]) => {
    let v = mutate(view, path, value, remove && path.length > 0);
    // Sometimes stack a second mutation elsewhere.
    if (extra === 0) v = mutate(v, PATHS[(path.length * 7) % PATHS.length]!, value, false);
    return v;
  });

describe('readTimerView never accepts what the TimerView schema rejects', () => {
  test('valid views: both accept (and what the guard returns is the input)', () => {
    fc.assert(
      fc.property(validView, (view) => {
        expect(zodAccepts(view)).toBe(true);
        expect(readTimerView(view)).toBe(view);
      }),
      { numRuns: 500, seed: 20261127 },
    );
  });

  test('near-miss mutations of valid views and arbitrary values: guard ⇒ schema (≥ 1,000 runs)', () => {
    let guardAccepted = 0;
    let schemaRejected = 0;
    fc.assert(
      fc.property(fc.oneof({ weight: 8, arbitrary: nearMiss }, { weight: 1, arbitrary: fc.anything() }), (v) => {
        const accepted = readTimerView(v) !== null;
        if (accepted) guardAccepted++;
        if (!zodAccepts(v)) schemaRejected++;
        if (accepted) expect(zodAccepts(v)).toBe(true);
      }),
      { numRuns: 3000, seed: 20261127 },
    );
    // The run really explored both sides of the boundary.
    expect(guardAccepted).toBeGreaterThan(100);
    expect(schemaRejected).toBeGreaterThan(1000);
  });

  test('known near misses are rejected', () => {
    const ok = {
      order: { worker: 'f81d4fae-7dec-11d0-a765-00a0c91e6bf6', n: 3 },
      connected: true,
      running: {
        plannerTaskId: '5001',
        taskId: null,
        title: 't',
        breadcrumb: ['a'],
        note: 'n',
        startedAtMs: 1,
        synced: false,
      },
      pending: 0,
      attention: 0,
      problems: [{ plannerTaskId: '5001', kind: 'failed', message: 'm' }],
      totals: [{ plannerTaskId: '5001', seconds: 3600 }],
    };
    expect(readTimerView(ok)).toBe(ok);
    const holes = sparse();
    for (const bad of [
      mutate(ok, ['running', 'startedAtMs'], 2 ** 53, false),
      mutate(ok, ['pending'], 1e21, false),
      mutate(ok, ['running', 'breadcrumb'], holes, false),
      mutate(ok, ['problems'], [, ok.problems[0]], false), // eslint-disable-line no-sparse-arrays
      mutate(ok, ['running', 'plannerTaskId'], 'a b', false),
      mutate(ok, ['problems', 0, 'kind'], 'toString', false),
      mutate(ok, ['running', 'synced'], undefined, true),
      mutate(ok, ['totals', 0, 'seconds'], -1, false),
      mutate(ok, ['totals'], undefined, true),
      mutate(ok, ['order', 'n'], 1.5, false),
      mutate(ok, ['order', 'worker'], '', false),
      mutate(ok, ['order'], undefined, true),
      mutate(ok, ['running', 'runId'], 'run 1', false),
      mutate(ok, ['running', 'runId'], null, false),
    ]) {
      expect(zodAccepts(bad)).toBe(false);
      expect(readTimerView(bad)).toBeNull();
    }
  });

  test('readPush takes only background.view messages', () => {
    const view = {
      order: { worker: 'w', n: 0 },
      connected: false,
      running: null,
      pending: 0,
      attention: 0,
      problems: [],
      totals: [],
    };
    expect(readPush({ type: 'background.view', view })).toBe(view);
    expect(readPush({ type: 'background.other', view })).toBeNull();
    expect(readPush({ view })).toBeNull();
    expect(readPush(null)).toBeNull();
    expect(readPush([{ type: 'background.view', view }])).toBeNull();
  });

  test('readConfirmedRun takes a run id from background.confirmed messages only, as the schema does', () => {
    const pushAccepts = (v: unknown) => {
      const parsed = z.safeParse(BackgroundPush, v);
      return parsed.success && parsed.data.type === 'background.confirmed';
    };
    fc.assert(
      fc.property(
        fc.oneof(
          id.map((runId) => ({ type: 'background.confirmed', runId })),
          badValue.map((runId) => ({ type: 'background.confirmed', runId })),
          fc.record({ type: fc.constantFrom('background.view', 'background.toggle', 'other'), runId: id }),
          badValue,
        ),
        (v) => {
          const run = readConfirmedRun(v);
          expect(run !== null).toBe(pushAccepts(v));
          if (run !== null) expect(run).toBe((v as { runId: string }).runId);
        },
      ),
      { numRuns: 1000, seed: 20261203 },
    );
  });
});
