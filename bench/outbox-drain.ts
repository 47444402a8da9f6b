// Benchmark (issue #4): 1,000 queued actions drained against the TimeCamp
// emulator with a 429 on every 10th request. Runs in Node: the real outbox,
// drain, timer service and API client over fake-indexeddb and the in-process
// emulator (HTTP on 127.0.0.1). Backoff waits are not slept: the clock jumps
// to the time the drain asked to be woken, and the total of those jumps is
// reported as "backoff the product would wait".
//
//   npx tsx bench/outbox-drain.ts [--write]      (--write updates bench/outbox-drain.md)
import 'fake-indexeddb/auto';
import { writeFileSync } from 'node:fs';
import os from 'node:os';

// webextension-polyfill only loads inside an extension: give it the two globals it looks for.
const fakeBrowser = { runtime: { id: 'bench' }, i18n: { getMessage: (key: string) => key } };
Object.assign(globalThis, { chrome: fakeBrowser, browser: fakeBrowser });

const realNow = Date.now.bind(Date);
let skewMs = 0;
Date.now = () => realNow() + skewMs;

const { startEmulator } = await import('../tests/emulator/emulator');
const { DEMO_USER } = await import('../tests/fixtures/planner-seed');
const { drain } = await import('../src/background/outbox/drain');
const { pendingCount, attentionCount } = await import('../src/background/outbox/queue');
const { write } = await import('../src/background/storage/records');
const { resetDbConnection } = await import('../src/background/storage/db');
const timers = await import('../src/background/timer/timer-service');
const { wallClock, currentTimeZone } = await import('../src/shared/wall-clock');
const { IDBFactory } = await import('fake-indexeddb');

const emu = await startEmulator({ port: 0, now: realNow });
const ACTIONS = 1000;
const CARDS = ['5001', '5002', '5003'] as const;
const TASK_OF: Record<string, string> = { '5001': '9501', '5002': '9502', '5003': '9503' };

interface Run {
  card: string;
  startMs: number;
  endMs: number | null;
}
interface Result {
  scenario: string;
  actions: number;
  drainMs: number;
  backoffSkippedMs: number;
  requests: number;
  rateLimited: number;
  byEndpoint: Record<string, number>;
  entries: number;
  exact: boolean;
  mismatches: string[];
}

/** A deterministic pseudo-random run length, 1–9 minutes */
const lengthOf = (i: number) => 60_000 + ((i * 7919) % 481) * 1000;

async function freshWorld(retryAfter: number | undefined): Promise<void> {
  await emu.reset();
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  resetDbConnection();
  await write('auth', {
    token: DEMO_USER.token,
    apiBaseUrl: emu.apiBase,
    account: {
      userId: DEMO_USER.userId,
      email: DEMO_USER.email,
      displayName: DEMO_USER.displayName,
      rootGroupId: '552',
    },
  });
  // Task lookups are cached once per card before the clock starts (the bench is about the outbox).
  for (const card of CARDS)
    await (
      await import('../src/background/tasks/resolver')
    ).resolveTaskId(
      (await import('../src/background/account/connection')).clientFor({
        token: DEMO_USER.token,
        apiBaseUrl: emu.apiBase,
      }),
      { plannerTaskId: card, taskId: null, title: card, breadcrumb: [] },
    );
  await emu.reset();
  await emu.setFaults({ rateLimitEvery: 10, ...(retryAfter === undefined ? {} : { retryAfter }) });
}

const target = (card: string) => ({ plannerTaskId: card, taskId: null, title: `Card ${card}`, breadcrumb: [] });
const stamp = (ms: number) => ({ ms, wall: wallClock(ms), tz: currentTimeZone() });

/** Drain until empty; backoff waits become clock jumps */
async function drainAll(): Promise<number> {
  let skipped = 0;
  for (let guard = 0; guard < 100_000; guard++) {
    let wake: number | null = null;
    await drain({ changed: async () => undefined, wakeAt: (ms) => void (wake = ms) });
    if ((await pendingCount()) === 0) return skipped;
    if (wake === null) throw new Error('outbox not empty and no wake-up asked for');
    const jump = Math.max(0, (wake as number) - Date.now());
    skewMs += jump;
    skipped += jump;
  }
  throw new Error('drain did not finish');
}

/** Expected entries from the clicks alone: runs finished by timer stop keep one entry; POSTed runs split per day */
function expected(runs: Run[], splitAtMidnight: boolean): string[] {
  const out: string[] = [];
  for (const run of runs) {
    if (run.endMs === null) continue;
    const task = TASK_OF[run.card]!;
    let from = wallClock(run.startMs);
    const end = wallClock(run.endMs); // same zone, no DST in the bench window: start wall + elapsed
    while (splitAtMidnight && from.slice(0, 10) < end.slice(0, 10)) {
      out.push(`${task} ${from.slice(0, 10)} ${from.slice(11)}-23:59:59`);
      const next = new Date(`${from.slice(0, 10)}T00:00:00Z`);
      next.setUTCDate(next.getUTCDate() + 1);
      from = `${next.toISOString().slice(0, 10)} 00:00:00`;
    }
    if (!(splitAtMidnight && from === end && out.length > 0))
      out.push(`${task} ${from.slice(0, 10)} ${from.slice(11)}-${end.slice(11)}`);
  }
  return out.sort();
}

function actual(): string[] {
  return emu
    .snapshot()
    .entries.filter((e) => e.userId === DEMO_USER.userId)
    .map((e) => `${e.taskId} ${e.date} ${e.start}-${e.end}`)
    .sort();
}

function diff(want: string[], got: string[]): string[] {
  const missing = want.filter((w) => !got.includes(w));
  const extra = got.filter((g) => !want.includes(g));
  const dupes = got.filter((g, i) => got.indexOf(g) !== i);
  return [
    ...missing.map((m) => `missing ${m}`),
    ...extra.map((x) => `extra ${x}`),
    ...dupes.map((d) => `duplicate ${d}`),
  ].slice(0, 20);
}

function summarise(
  scenario: string,
  drainMs: number,
  backoffSkippedMs: number,
  want: string[],
  runningOk: boolean,
): Result {
  const requests = emu.snapshot().requests;
  const byEndpoint: Record<string, number> = {};
  for (const r of requests) {
    const name = `${r.method} ${r.path}${r.path === '/timer' ? ` ${(r.body as { action?: string }).action}` : ''}`;
    byEndpoint[name] = (byEndpoint[name] ?? 0) + 1;
  }
  const got = actual();
  const mismatches = diff(want, got);
  if (!runningOk) mismatches.push('the last timer is not running as clicked');
  return {
    scenario,
    actions: ACTIONS,
    drainMs,
    backoffSkippedMs,
    requests: requests.length,
    rateLimited: requests.filter((r) => r.status === 429).length,
    byEndpoint,
    entries: got.length,
    exact: mismatches.length === 0 && got.length === want.length,
    mismatches,
  };
}

/**
 * A: a day and a half of work recorded offline, then drained in one go:
 * start, 499 switches (stop + start), stop = 1,000 actions, 500 runs, crossing midnight.
 */
async function offlineBacklog(retryAfter: number | undefined): Promise<Result> {
  await freshWorld(retryAfter);
  const runs: Run[] = [];
  let t = new Date(2026, 10, 20, 8, 0, 0).getTime();
  let actions = 0;
  for (let i = 0; actions < ACTIONS - 1; i++) {
    const card = CARDS[i % CARDS.length]!;
    if (runs.length) runs[runs.length - 1]!.endMs = t;
    await timers.startTimer(DEMO_USER.userId, target(card), '', stamp(t));
    actions += runs.length ? 2 : 1;
    runs.push({ card, startMs: t, endMs: null });
    t += lengthOf(i);
  }
  await timers.stopTimer(DEMO_USER.userId, t);
  runs[runs.length - 1]!.endMs = t;
  if ((await pendingCount()) !== ACTIONS) throw new Error(`queued ${await pendingCount()}, want ${ACTIONS}`);
  const began = performance.now();
  const skipped = await drainAll();
  const drainMs = performance.now() - began;
  if ((await attentionCount()) !== 0) throw new Error('something needs attention');
  return summarise(
    `A offline backlog, 429 every 10th${retryAfter === undefined ? '' : `, Retry-After ${retryAfter}`}`,
    drainMs,
    skipped,
    expected(runs, true),
    emu.snapshot().timers[DEMO_USER.userId] === null,
  );
}

/** B: the same user online: each click is drained as it happens (timer start/stop requests) */
async function online(retryAfter: number | undefined): Promise<Result> {
  await freshWorld(retryAfter);
  const runs: Run[] = [];
  let actions = 0;
  let drainMs = 0;
  let skipped = 0;
  for (let i = 0; actions < ACTIONS; i++) {
    const card = CARDS[i % CARDS.length]!;
    const now = Date.now();
    if (runs.length) runs[runs.length - 1]!.endMs = now;
    if (actions === ACTIONS - 1) {
      await timers.stopTimer(DEMO_USER.userId, now);
      actions += 1;
    } else {
      await timers.startTimer(DEMO_USER.userId, target(card), '', stamp(now));
      actions += runs.length ? 2 : 1;
      runs.push({ card, startMs: now, endMs: null });
    }
    const began = performance.now();
    skipped += await drainAll();
    drainMs += performance.now() - began;
    skewMs += lengthOf(i); // the user works on it for a while
  }
  if ((await attentionCount()) !== 0) throw new Error('something needs attention');
  return summarise(
    `B online, drained per click, 429 every 10th${retryAfter === undefined ? '' : `, Retry-After ${retryAfter}`}`,
    drainMs,
    skipped,
    expected(runs, false),
    emu.snapshot().timers[DEMO_USER.userId] === null,
  );
}

const results: Result[] = [];
for (const run of [() => offlineBacklog(undefined), () => offlineBacklog(2), () => online(undefined)]) {
  const r = await run();
  results.push(r);
  console.log(JSON.stringify(r));
}
await emu.close();

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
const lines = [
  '# Outbox drain benchmark (issue #4)',
  '',
  `Run: ${new Date().toISOString()} · ${cpu} × ${os.cpus().length} cores · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · TZ=${currentTimeZone()}`,
  '',
  'Where: **Node**, not Chromium: the real outbox, drain, timer service and API client (`src/background/*`) over',
  'fake-indexeddb 6, against the in-process TimeCamp emulator on 127.0.0.1 (real HTTP). `npx tsx bench/outbox-drain.ts --write`.',
  'Fault: the emulator answers 429 to every 10th API request (`rateLimitEvery: 10`).',
  'Backoff waits are not slept: the clock jumps to the drain\'s wake-up time; "backoff skipped" is what a user would wait on top of "drain time".',
  'Exactness: the expected entries are computed from the clicks alone (task, date, start, end; runs POSTed as entries split at midnight)',
  "and compared with the emulator's entries as multisets: missing, extra and duplicate entries are all counted.",
  '',
  '| scenario | actions | drain time (work) | backoff skipped | requests | 429s | requests / action | entries | exact |',
  '|---|---|---|---|---|---|---|---|---|',
  ...results.map(
    (r) =>
      `| ${r.scenario} | ${r.actions} | ${(r.drainMs / 1000).toFixed(2)} s | ${(r.backoffSkippedMs / 1000).toFixed(1)} s | ${r.requests} | ${r.rateLimited} | ${(r.requests / r.actions).toFixed(3)} | ${r.entries} | ${r.exact ? 'yes' : `NO: ${r.mismatches.join('; ')}`} |`,
  ),
  '',
  'Requests by endpoint:',
  '',
  ...results.map(
    (r) =>
      `- ${r.scenario}: ${Object.entries(r.byEndpoint)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}`,
  ),
  '',
];
if (process.argv.includes('--write')) writeFileSync(new URL('./outbox-drain.md', import.meta.url), lines.join('\n'));
console.log(lines.join('\n'));
if (results.some((r) => !r.exact)) process.exit(1);
