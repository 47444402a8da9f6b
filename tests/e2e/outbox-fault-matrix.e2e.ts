// Issue #4: the fault matrix. Every action (start, stop, start+stop offline,
// switch task, note edit) under every fault (network down, refused
// connections, 500, 503, 429 with and without Retry-After, a 30 s hang, an
// answer dropped after TimeCamp committed, the worker killed with the action
// recorded but not answered, the browser closed and reopened). After the fault
// clears, TimeCamp holds exactly the expected entries and timer (times within
// 2 s of the clicks, nothing lost, nothing twice), no UI shows pending work and
// each Planner button shows what TimeCamp runs.
// A counted fault (500, 503, 429, hang, dropped answer, worker killed) is aimed
// (the emulator's fault `match`) at the write the column names, and in a second
// row at the read the product sends right before that write (issue 18: aimed at
// "the next request", every one of them used to land on the read).
// The table is printed and written to bench/fault-matrix.md.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, useHarness } from './harness';
import { BOARD, DEMO_USER_ID, readButton, mainButton, wallDiffSec } from './planner-button-helpers';
import { wallClock } from '../../src/shared/wall-clock';
import type { CleanEntry, CleanTimer, LoggedRequest } from '../emulator/emulator';
import { requestMatches, type RequestMatch } from '../emulator/faults';

type Fault =
  | 'offline'
  | 'refused'
  | '500'
  | '503'
  | '429'
  | '429+Retry-After'
  | 'hang 30 s'
  | 'answer dropped'
  | 'worker killed'
  | 'browser reopened';
type Action = 'start' | 'stop' | 'start+stop offline' | 'switch task' | 'note edit';
const FAULTS: Fault[] = [
  'offline',
  'refused',
  '500',
  '503',
  '429',
  '429+Retry-After',
  'hang 30 s',
  'answer dropped',
  'worker killed',
  'browser reopened',
];
const ACTIONS: Action[] = ['start', 'stop', 'start+stop offline', 'switch task', 'note edit'];

/** Faults that hit one request (the emulator's "next N" counters): each gets a write row and a read row */
const COUNTED: Fault[] = ['500', '503', '429', '429+Retry-After', 'hang 30 s', 'answer dropped', 'worker killed'];
/** Where a counted fault is aimed: the column's write, or the read right before it */
type Aim = 'write' | 'read';
interface Row {
  fault: Fault;
  aim?: Aim;
}
const ROWS: Row[] = FAULTS.flatMap((fault): Row[] =>
  COUNTED.includes(fault)
    ? [
        { fault, aim: 'write' },
        { fault, aim: 'read' },
      ]
    : [{ fault }],
);
const rowName = (r: Row) =>
  r.aim === undefined ? r.fault : `${r.fault} on the ${r.aim === 'write' ? 'write' : 'read before it'}`;

const STATUS_READ: RequestMatch = { method: 'POST', path: '/timer', action: 'status' };
/** The write each column's action sends to TimeCamp */
const WRITE: Record<Action, RequestMatch> = {
  start: { method: 'POST', path: '/timer', action: 'start' },
  stop: { method: 'POST', path: '/timer', action: 'stop' },
  // A start and its stop both queued go out as one finished entry.
  'start+stop offline': { method: 'POST', path: '/entries' },
  // A switch goes out as the new start alone: TimeCamp's start closes the previous timer.
  'switch task': { method: 'POST', path: '/timer', action: 'start' },
  'note edit': { method: 'PUT', path: '/entries' },
};
/**
 * The read the product sends right before that write; null: the write goes out first. A stop
 * checks that the running timer is still ours; a start tried while offline may have landed, so
 * it is looked for (timer status, then the day's entries) before it goes out as one entry.
 */
const READ_BEFORE: Record<Action, RequestMatch | null> = {
  start: null,
  stop: STATUS_READ,
  'start+stop offline': { method: 'GET', path: '/entries' },
  'switch task': null,
  'note edit': null,
};
/** The request a row aims its fault at in a column; undefined: not a counted fault; null: no such read */
const aimedAt = (row: Row, action: Action): RequestMatch | null | undefined =>
  row.aim === undefined ? undefined : row.aim === 'write' ? WRITE[action] : READ_BEFORE[action];

interface Cell {
  ok: boolean;
  seconds: number;
  detail: string;
  /** the request a counted fault (500, 429, hang, drop…) hit */
  hit?: string;
  /** the fault was spent on a background read before the click: the cell was run again */
  reruns?: number;
}
const matrix = new Map<string, Cell>();
const key = (r: Row, a: Action) => `${rowName(r)}|${a}`;

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll until `read()` equals `want` (usable in hooks, unlike expect.poll) */
async function until<T>(what: string, read: () => T | Promise<T>, want: T, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await read();
    if (last === want) return;
    await wait(100);
  }
  throw new Error(`${what}: still ${JSON.stringify(last)} after ${timeoutMs} ms, want ${JSON.stringify(want)}`);
}

/**
 * Network down. `context.setOffline` alone does not stop the service worker's
 * fetch here (checked: a start went out while "offline"), so TimeCamp's origin
 * is also aborted as "internet disconnected" for every request of the context.
 */
let networkDown = false;
async function setNetwork(down: boolean): Promise<void> {
  networkDown = down;
  await h.context.setOffline(down);
}
async function cutWithNetwork(): Promise<void> {
  // Registered after the harness's route, so it is asked first.
  await h.context.route('https://app.timecamp.com/**', (route) =>
    networkDown ? route.abort('internetdisconnected') : route.fallback(),
  );
}

/** one browser for the file, connected; h.relaunch() reopens it on the same profile and emulator */
const h = useHarness({ connect: true });
/** extension page used to read IndexedDB and to send popup messages (never makes API calls itself) */
let ctl: Page;
let pages: Record<'5001' | '5002', Page>;

async function openPages(): Promise<void> {
  await cutWithNetwork();
  ctl = await h.popup();
  const open = async (id: string) => {
    const page = await h.planner(`${BOARD}?fixture=modal&taskId=${id}`);
    await page.locator('[data-timecamp-timer]').waitFor({ state: 'attached', timeout: 10_000 });
    // The user's click time, taken by the page when the click happens (not when Playwright starts it).
    await page.evaluate(() =>
      document.addEventListener('click', () => ((window as unknown as { clickAt: number }).clickAt = Date.now()), true),
    );
    return page;
  };
  pages = { '5001': await open('5001'), '5002': await open('5002') };
}

/** The extension's own records, read from its IndexedDB by an extension page (no API call) */
function local(): Promise<{ pending: number; attention: number; timer: { entryId: string | null } | null }> {
  return ctl.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open('timecamp-planner-timer');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const tx = db.transaction(['outbox', 'attention', 'kv'], 'readonly');
          const out = { pending: 0, attention: 0, timer: null as unknown };
          tx.objectStore('outbox').count().onsuccess = (e) => (out.pending = (e.target as IDBRequest<number>).result);
          tx.objectStore('attention').count().onsuccess = (e) =>
            (out.attention = (e.target as IDBRequest<number>).result);
          tx.objectStore('kv').get('timer').onsuccess = (e) => (out.timer = (e.target as IDBRequest).result ?? null);
          tx.oncomplete = () => {
            db.close();
            resolve(out as never);
          };
        };
      }),
  );
}

type Runtime = { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } };
const send = (message: unknown) =>
  ctl.evaluate((m) => (globalThis as unknown as Runtime).chrome.runtime.sendMessage(m), message);

async function click(card: '5001' | '5002'): Promise<number> {
  await mainButton(pages[card]).click();
  return pages[card].evaluate(() => (window as unknown as { clickAt: number }).clickAt);
}

const running = (): CleanTimer | null => h.emulator.snapshot().timers[DEMO_USER_ID] ?? null;
const entriesNow = (): CleanEntry[] => h.emulator.snapshot().entries.filter((e) => e.userId === DEMO_USER_ID);

/** Start 5001 with no fault and wait until TimeCamp runs it and the outbox is empty */
async function runningOn5001(): Promise<number> {
  const at = await click('5001');
  await until('timer on 9501', () => running()?.taskId, '9501');
  await until('outbox empty', async () => (await local()).pending, 0);
  return at;
}

interface Expected {
  timer: { taskId: string; startMs: number; note?: string } | null;
  entries: { taskId: string; startMs: number; endMs: number; note?: string }[];
}

/** Differences between TimeCamp and what the clicks say (empty = exactly right) */
function compare(want: Expected): string[] {
  const problems: string[] = [];
  const near = (wall: string, ms: number) => Math.abs(wallDiffSec(wallClock(ms), wall)) <= 2;
  const timer = running();
  if (want.timer === null && timer) problems.push(`timer still running (${timer.taskId} from ${timer.startedAt})`);
  if (want.timer && !timer) problems.push('no timer running');
  if (want.timer && timer) {
    if (timer.taskId !== want.timer.taskId) problems.push(`timer on ${timer.taskId}, want ${want.timer.taskId}`);
    if (!near(timer.startedAt, want.timer.startMs))
      problems.push(`timer started ${timer.startedAt}, click ${wallClock(want.timer.startMs)}`);
    if (want.timer.note !== undefined && timer.note !== want.timer.note) problems.push(`timer note "${timer.note}"`);
  }
  const got = entriesNow();
  if (got.length !== want.entries.length)
    problems.push(
      `${got.length} entries, want ${want.entries.length}: ${got.map((e) => `${e.taskId} ${e.start}-${e.end}`).join(', ')}`,
    );
  want.entries.forEach((w, i) => {
    const e = got[i];
    if (!e) return;
    if (e.taskId !== w.taskId) problems.push(`entry ${i} on ${e.taskId}`);
    if (!near(`${e.date} ${e.start}`, w.startMs))
      problems.push(`entry ${i} starts ${e.date} ${e.start}, click ${wallClock(w.startMs)}`);
    const endWall = wallClock(w.endMs);
    if (Math.abs(wallDiffSec(`${e.date} ${e.start}`, `${e.date} ${e.end}`) - (w.endMs - w.startMs) / 1000) > 2)
      problems.push(`entry ${i} ends ${e.end}, click ${endWall}`);
    if (w.note !== undefined && e.note !== w.note) problems.push(`entry ${i} note "${e.note}"`);
  });
  return problems;
}

/**
 * Writes the emulator is still holding (a hang it will apply later). A held read
 * (timer status, GET) changes nothing when it lands, so it is not waited for.
 */
const held = () =>
  h.emulator
    .snapshot()
    .requests.filter((r) => r.outcome === 'answered' && r.status === null)
    .filter((r) => r.method !== 'GET' && !(r.path === '/timer' && (r.body as { action?: string }).action === 'status'))
    .length;

/** Wait until TimeCamp matches and nothing is pending anywhere; then check the UI */
async function settle(want: Expected, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs;
  let last: string[] = [];
  for (;;) {
    const l = await local().catch(() => ({ pending: -1, attention: -1, timer: null }));
    last = compare(want);
    if (l.pending !== 0) last.push(`${l.pending} pending`);
    if (l.attention !== 0) last.push(`${l.attention} need attention`);
    if (held() > 0) last.push('a hung request is still held by TimeCamp');
    if (want.timer && !l.timer?.entryId) last.push('local timer not confirmed');
    if (last.length === 0) break;
    if (Date.now() > deadline) return last;
    await new Promise((r) => setTimeout(r, 150));
  }
  // A twin may still land: look again a little later (watches run every 5 s).
  // The UI: the popup shows no "N waiting to sync", the button no "waiting to sync".
  // The popup kept open (it redraws on every view the worker pushes): no "N waiting to sync",
  // no running timer "waiting to sync"; and a popup opened now shows nothing waiting anywhere
  // (account bar, running timer, today's rows).
  const ui: string[] = [];
  await wait(200); // the last push after the final write
  if ((await ctl.locator('header.account .pending').count()) > 0)
    ui.push(`open popup: ${await ctl.locator('header.account .pending').textContent()}`);
  if ((await ctl.locator('.timer .unsynced').count()) > 0) ui.push('open popup: running timer waiting to sync');
  const fresh = await h.popup();
  await fresh.getByText(/Connected as/).waitFor({ timeout: 5000 });
  await wait(300); // today's rows
  for (const selector of ['.pending', '.unsynced'])
    if ((await fresh.locator(selector).count()) > 0)
      ui.push(`new popup: ${selector} "${(await fresh.locator(selector).first().textContent())?.slice(0, 80)}"`);
  await fresh.close();
  for (const page of Object.values(pages)) {
    const b = await readButton(page);
    if (/waiting to sync/i.test(b.message) || /waiting to sync/i.test(b.tooltip)) ui.push(`button: ${b.message}`);
  }
  // Each button shows what TimeCamp runs: pressed on the running task's card only.
  for (const [card, page] of Object.entries(pages)) {
    const pressed = String(want.timer?.taskId === TASK_OF_CARD[card as keyof typeof pages]);
    const b = await pollButton(page, pressed);
    if (b.pressed !== pressed) ui.push(`button on ${card}: "${b.label}", pressed ${b.pressed}, want ${pressed}`);
  }
  return [...ui, ...compare(want)];
}

const TASK_OF_CARD = { '5001': '9501', '5002': '9502' } as const;

/** The button's state once it shows `pressed` (the last push may still be on its way), or after 2 s */
async function pollButton(page: Page, pressed: string) {
  const deadline = Date.now() + 2000;
  for (;;) {
    const b = await readButton(page);
    if (b.pressed === pressed || Date.now() > deadline) return b;
    await wait(100);
  }
}

/** Stop whatever runs (no fault), wait for the outbox, reset TimeCamp */
async function cleanUp(): Promise<void> {
  await h.emulator.clearFaults();
  const l = await local();
  if (l.timer) await send({ type: 'timer.stop', clickedAtMs: Date.now() });
  await until('outbox empty after cleanup', async () => (await local()).pending, 0, 20_000);
  await until('no request held', held, 0, 40_000);
  await h.emulator.reset();
  const attention = (await local()).attention;
  if (attention !== 0) throw new Error(`${attention} items need attention after cleanup`);
}

// ------------------------------------------------------------- faults
interface FaultPlan {
  /** arm the fault before the action's first request can go out */
  arm(): Promise<void>;
  /** the fault is over (the action was recorded meanwhile) */
  clear(): Promise<void>;
  settleMs: number;
}

// Settle times follow the product's backoff (2 s base, doubling per failed attempt): in the
// "start+stop offline" column the failures while offline count too, so a 500/429 afterwards
// can wait 8–16 s before the retry (nothing kicks the worker's drain early: see setNetwork).
function plan(fault: Fault, match: RequestMatch | undefined): FaultPlan {
  switch (fault) {
    case 'offline':
      return {
        arm: () => setNetwork(true),
        clear: async () => (await wait(1500), setNetwork(false)),
        settleMs: 15_000,
      };
    case 'refused':
      return {
        arm: () => h.emulator.setFaults({ refuseConnections: true }),
        clear: async () => (await wait(1500), h.emulator.setFaults({ refuseConnections: false })),
        settleMs: 20_000,
      };
    case '500':
    case '503':
      return {
        arm: () => h.emulator.setFaults({ failNext: { count: 1, status: Number(fault) }, match }),
        clear: async () => undefined,
        settleMs: 30_000,
      };
    case '429':
      return {
        arm: () => h.emulator.setFaults({ failNext: { count: 1, status: 429 }, match }),
        clear: async () => undefined,
        settleMs: 30_000,
      };
    case '429+Retry-After':
      return {
        arm: () => h.emulator.setFaults({ failNext: { count: 1, status: 429, retryAfter: 3 }, match }),
        clear: async () => undefined,
        settleMs: 30_000,
      };
    case 'hang 30 s':
      return {
        arm: () => h.emulator.setFaults({ hangNext: 1, hangMs: 30_000, match }),
        clear: async () => undefined,
        settleMs: 60_000,
      };
    case 'answer dropped':
      return {
        arm: () => h.emulator.setFaults({ dropNext: 1, match }),
        clear: async () => undefined,
        settleMs: 30_000,
      };
    case 'worker killed':
      // The request goes out and is never answered nor applied; the worker dies with it in flight.
      return {
        arm: () => h.emulator.setFaults({ hangNext: 1, hangMs: null, match }),
        clear: async () => {
          // After "start+stop offline" the write waits out the backoff of the failures while
          // offline first (the backoff note above plan()); elsewhere it goes out at once.
          await until(
            'a request in flight',
            () => h.emulator.snapshot().requests.some((r) => r.outcome === 'hung'),
            true,
            20_000,
          );
          await h.killWorker();
          await h.emulator.clearFaults();
          // Wake it with a message from an extension page (h.worker() can hand back the dead
          // worker's handle): the new worker's onWake drains.
          await send({ type: 'popup.state' });
        },
        settleMs: 15_000,
      };
    case 'browser reopened':
      // Recorded offline, the browser closed; reopened online with the same profile.
      return {
        arm: () => setNetwork(true),
        clear: async () => {
          await wait(300);
          networkDown = false; // the reopened browser is online
          await h.closeBrowser();
          await h.relaunch();
          await openPages();
        },
        settleMs: 20_000,
      };
  }
}

// ------------------------------------------------------------- actions
/** A request as the table names it: method, path and, for POST /timer, its body's action */
const describeRequest = (r: { method: string; path: string; body: unknown }) => {
  const action = (r.body as { action?: unknown } | null)?.action;
  return `${r.method} ${r.path}${typeof action === 'string' ? ` {action:${action}}` : ''}`;
};

const describeMatch = (m: RequestMatch) =>
  describeRequest({ method: m.method ?? '', path: m.path ?? '', body: m.action ? { action: m.action } : null });

const ABOUT_HITS =
  'A counted fault (500/503/429/hang/drop/worker killed) has two rows: "on the write" aims it (the emulator\'s fault `match`) ' +
  'at the request the column\'s action writes, "on the read before it" at the read the product sends right before that write ' +
  "(a stop reads the timer status; a start tried offline is looked for in the day's entries). " +
  '"hit" = the request the emulator logged the fault on, which must be the one the row names; ' +
  'a fault spent on a background read (a view refresh) instead reruns the cell (at most twice).';

/** Wait until the extension has sent nothing for a while (a view refresh can follow a previous cell) */
async function quiet(ms = 400, maxMs = 3000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let count = h.emulator.snapshot().requests.length;
  let since = Date.now();
  while (Date.now() < deadline && Date.now() - since < ms) {
    await wait(50);
    const now = h.emulator.snapshot().requests.length;
    if (now !== count) [count, since] = [now, Date.now()];
  }
}

async function runCell(row: Row, action: Action): Promise<Cell> {
  for (let reruns = 0; ; reruns++) {
    const cell = await runCellOnce(row, action);
    if (cell.hit !== 'missed' || reruns === 2) return { ...cell, reruns };
  }
}

/**
 * Which request the fault landed on, from the emulator's log: its description, or 'nothing'
 * (it met no request), or 'missed' (spent on a background read, not on the drain's way to
 * the column's write: the cell runs again).
 */
function hitOf(log: LoggedRequest[], armedAt: number, actionAt: number, row: Row, action: Action): string {
  const i = log.findIndex((r, n) => n >= armedAt && r.injected !== null);
  const r = log[i];
  if (!r) return 'nothing';
  // Before the action was recorded only a view refresh (a read) can run.
  if (Date.parse(r.time) < actionAt - 20) return 'missed';
  // A read the drain sent failed: it starts over with a new timer status read before the write.
  // (The popup's refresh of today's entries sends the same GET /entries: then the drain goes on
  // to the write without reading the status again.)
  if (row.aim === 'read') {
    const after = log.slice(i + 1);
    const write = after.findIndex((q) => requestMatches(WRITE[action], q));
    if (!(write < 0 ? after : after.slice(0, write)).some((q) => requestMatches(STATUS_READ, q))) return 'missed';
  }
  return describeRequest(r);
}

async function runCellOnce(row: Row, action: Action): Promise<Cell> {
  const { fault } = row;
  const began = Date.now();
  const target = aimedAt(row, action) ?? undefined;
  const plain = plan(fault, target);
  let armedAt = -1;
  /** when the action under the fault was made (its requests come after this) */
  let actionAt = 0;
  const f: FaultPlan = {
    ...plain,
    arm: async () => {
      await quiet();
      armedAt = h.emulator.snapshot().requests.length;
      await plain.arm();
      actionAt = Date.now();
    },
  };
  let want: Expected;
  try {
    switch (action) {
      case 'start': {
        await f.arm();
        const at = (actionAt = await click('5001'));
        await f.clear();
        want = { timer: { taskId: '9501', startMs: at }, entries: [] };
        break;
      }
      case 'stop': {
        const startAt = await runningOn5001();
        await f.arm();
        const stopAt = (actionAt = await click('5001'));
        await f.clear();
        want = { timer: null, entries: [{ taskId: '9501', startMs: startAt, endMs: stopAt }] };
        break;
      }
      case 'start+stop offline': {
        await setNetwork(true);
        const startAt = await click('5001');
        await wait(1200);
        const stopAt = await click('5001');
        if (fault === 'browser reopened') await f.clear();
        else {
          await f.arm();
          if (fault !== 'offline') await setNetwork(false);
          await f.clear();
        }
        want = { timer: null, entries: [{ taskId: '9501', startMs: startAt, endMs: stopAt }] };
        break;
      }
      case 'switch task': {
        const startAt = await runningOn5001();
        await f.arm();
        const switchAt = (actionAt = await click('5002'));
        await f.clear();
        want = {
          timer: { taskId: '9502', startMs: switchAt },
          entries: [{ taskId: '9501', startMs: startAt, endMs: switchAt }],
        };
        break;
      }
      case 'note edit': {
        const startAt = await runningOn5001();
        const note = `note under ${rowName(row)}`;
        await f.arm();
        await send({ type: 'timer.note', note });
        await f.clear();
        want = { timer: { taskId: '9501', startMs: startAt, note }, entries: [] };
        break;
      }
    }
    const problems = await settle(want, f.settleMs);
    let hit: string | undefined;
    if (target) {
      hit = hitOf(h.emulator.snapshot().requests, armedAt, actionAt, row, action);
      const named = describeMatch(target);
      if (hit === 'nothing') problems.push(`the fault aimed at ${named} met no request`);
      else if (hit === 'missed') problems.push(`the fault aimed at ${named} was spent on a background read`);
      else if (hit !== named) problems.push(`the fault hit ${hit}, not ${named}`);
    }
    return {
      ok: problems.length === 0,
      seconds: (Date.now() - began) / 1000,
      detail: problems.join('; '),
      ...(hit ? { hit } : {}),
    };
  } catch (e) {
    return {
      ok: false,
      seconds: (Date.now() - began) / 1000,
      detail: `error: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`,
    };
  } finally {
    await setNetwork(false).catch(() => undefined);
    await cleanUp().catch((e: unknown) => console.warn(`cleanup after ${rowName(row)} / ${action} failed:`, e));
  }
}

/** The columns a row runs: a read row only where the product reads before the write */
const actionsOf = (row: Row) => ACTIONS.filter((a) => aimedAt(row, a) !== null);

function table(): string {
  const head = `| fault \\ action | ${ACTIONS.join(' | ')} |\n|---|${ACTIONS.map(() => '---').join('|')}|`;
  const rows = ROWS.map((row) => {
    const cells = ACTIONS.map((a) => {
      if (aimedAt(row, a) === null) return `n/a: ${describeMatch(WRITE[a])} goes first`;
      const c = matrix.get(key(row, a));
      if (!c) return 'not run';
      const hit = c.hit ? ` · hit ${c.hit}` : '';
      const reruns = c.reruns ? ` · ${c.reruns} rerun${c.reruns > 1 ? 's' : ''}` : '';
      return `${c.ok ? 'pass' : '**FAIL**'} ${c.seconds.toFixed(1)} s${hit}${reruns}`;
    });
    return `| ${rowName(row)} | ${cells.join(' | ')} |`;
  });
  const failures = [...matrix.entries()]
    .filter(([, c]) => !c.ok)
    .map(([k, c]) => `- ${k.replace('|', ' × ')}: ${c.detail}`);
  return [
    head,
    ...rows,
    '',
    failures.length ? `Failures:\n${failures.join('\n')}` : 'All cells: exact entries and timer, nothing pending.',
  ].join('\n');
}

beforeAll(async () => {
  await openPages();
  // Warm the task cache (a start resolves its Planner task once), so each fault meets the write itself.
  await runningOn5001();
  await click('5002');
  await until('timer on 9502', () => running()?.taskId, '9502');
  await cleanUp();
}, 60_000);

/**
 * FAULT_MATRIX_SHARD="k/n" (tests/e2e/run.sh runs the matrix as two processes beside the main
 * lane: it mostly waits, and one process took 13 min): this process runs its share of the rows,
 * balanced by their expected time (a hang cell ≈ 35 s, a relaunch ≈ 15 s, others ≈ 9 s).
 */
const SHARD = /^(\d+)\/(\d+)$/.exec(process.env.FAULT_MATRIX_SHARD ?? '');
function rowsOfThisShard(): Row[] {
  if (!SHARD) return ROWS;
  const [k, n] = [Number(SHARD[1]), Number(SHARD[2])];
  const weight = (r: Row) =>
    actionsOf(r).length * (r.fault === 'hang 30 s' ? 35 : r.fault === 'browser reopened' ? 15 : 9);
  const load = new Array<number>(n).fill(0);
  const lane = new Map<Row, number>();
  for (const row of [...ROWS].sort((a, b) => weight(b) - weight(a))) {
    const lightest = load.indexOf(Math.min(...load));
    load[lightest]! += weight(row);
    lane.set(row, lightest);
  }
  return ROWS.filter((row) => lane.get(row) === k - 1);
}

/** Each shard's cells, by run (FAULT_MATRIX_RUN): whichever shard ends last writes the whole table */
function cellsOfEveryShard(): void {
  if (!SHARD) return;
  const dir = join(ROOT, '.tmp', 'fault-matrix');
  mkdirSync(dir, { recursive: true });
  const run = process.env.FAULT_MATRIX_RUN ?? 'manual';
  const file = (k: number) => join(dir, `${run}-shard-${k}-of-${SHARD[2]}.json`);
  writeFileSync(file(Number(SHARD[1])), JSON.stringify([...matrix.entries()]));
  for (let k = 1; k <= Number(SHARD[2]); k++)
    if (k !== Number(SHARD[1]) && existsSync(file(k)))
      for (const [cellKey, cell] of JSON.parse(readFileSync(file(k), 'utf8')) as [string, Cell][])
        matrix.set(cellKey, cell);
}

afterAll(async () => {
  cellsOfEveryShard();
  const text = table();
  console.log(`\nFault matrix (${new Date().toISOString()}, TZ=${process.env.TZ}):\n${text}\n`);
  writeFileSync(
    join(ROOT, 'bench', 'fault-matrix.md'),
    `# Outbox fault matrix (issue #4)\n\nGenerated by \`tests/e2e/outbox-fault-matrix.e2e.ts\` on ${new Date().toISOString()} ` +
      `(Chromium ${h.context.browser()?.version() ?? '(persistent context)'}, TZ=${process.env.TZ}). ` +
      'Each cell: the action under the fault, then after it clears TimeCamp (emulator) holds exactly the expected timer and entries, ' +
      'times within 2 s of the clicks, no pending or needs-attention record, popup and button show nothing waiting. Time = the cell incl. setup and cleanup. ' +
      `${ABOUT_HITS}\n\n` +
      `${text}\n`,
  );
});

describe('outbox fault matrix', () => {
  // A relaunch (Chromium started again, pages reopened) took 15-22 s of each "browser reopened"
  // cell under a load average of 17-30 on the 2 cores: that row came within 4 s of 150 s.
  const timeoutMs = (row: Row) =>
    row.fault === 'hang 30 s' ? 400_000 : row.fault === 'browser reopened' ? 300_000 : 150_000;
  for (const row of rowsOfThisShard()) {
    test(rowName(row), { timeout: timeoutMs(row) }, async () => {
      for (const action of actionsOf(row)) {
        const cell = await runCell(row, action);
        matrix.set(key(row, action), cell);
        console.log(
          `${cell.ok ? 'pass' : 'FAIL'} ${rowName(row)} × ${action} (${cell.seconds.toFixed(1)} s${cell.hit ? `, hit ${cell.hit}` : ''})${cell.ok ? '' : `: ${cell.detail}`}`,
        );
      }
      const failed = actionsOf(row)
        .filter((a) => !matrix.get(key(row, a))!.ok)
        .map((a) => `${a}: ${matrix.get(key(row, a))!.detail}`);
      expect(failed).toEqual([]);
    });
  }
});
