// When the worker does things: after each change (push the view, badge, drain),
// on alarms (retry, once-a-minute tick), on wake, on idle events. No setInterval:
// the worker may be killed at any time, alarms survive that.
import browser from 'webextension-polyfill';
import { drain, type DrainOptions } from './outbox/drain';
import { onQueued } from './outbox/queue';
import { announceConfirmed, broadcast, forgetTab, openTabIds } from './messaging/broadcast';
import { showBadge } from './timer/badge';
import { readViewState, type ViewState } from './messaging/view';
import type { TimerView } from '../shared/protocol';
import { read } from './storage/records';
import { refreshTimer, syncAgeMs } from './timer/server-timer';
import { TICK_MINUTES, watchClocks } from './timer/clock-watch';
import { onIdleStateChanged } from './timer/idle-watch';
import { notifyIdle } from './timer/idle-notice';
import { refreshOpenTotals, refreshTotal } from './tasks/totals';

const TICK = 'tick';
const DRAIN = 'drain';
/** With no Planner tab open, a running timer is checked against TimeCamp this often */
const UNWATCHED_SYNC_MS = 5 * 60_000;

let retryTimer: ReturnType<typeof setTimeout> | undefined;

const hooks = {
  // A failed push (no tab listening, badge API refused) must not stop the drain.
  changed: (known?: ViewState) => changed(known).catch(() => undefined),
  wakeAt(ms: number) {
    // An alarm survives the worker being killed; a timer is more precise while it lives.
    void browser.alarms.create(DRAIN, { when: Math.max(ms, Date.now() + 1000) });
    clearTimeout(retryTimer);
    const delay = ms - Date.now();
    if (delay < 60_000) retryTimer = setTimeout(() => startDrain(), Math.max(0, delay));
  },
  confirmed: announceConfirmed,
};

// Whatever is queued is sent: the drain starts while the click's write is still committing.
onQueued(() => startDrain());

/**
 * Something visible changed: tell every UI, then make sure the tick runs when it should.
 * `known`: the state as just committed (read in the writing transaction), else read now.
 */
export async function changed(known?: ViewState): Promise<TimerView> {
  const { view, tabIds } = known ?? (await readViewState());
  await Promise.all([
    broadcast(view, tabIds),
    showBadge(view).catch(() => undefined),
    ensureTicking(view.running !== null, tabIds.length),
  ]);
  return view;
}

export function startDrain(options: DrainOptions = {}): void {
  void drain(hooks, options)
    // Totals of open tasks that a stop made out of date (only those: no request otherwise).
    .then(() => refreshOpenTotals())
    .then((totalsChanged) => (totalsChanged ? changed() : undefined))
    .catch((e: unknown) => console.warn('[timecamp-timer] drain failed:', e instanceof Error ? e.message : e));
}

/** A task view opened: show the user's time on it (fetched at most every 10 minutes) */
export function startTotalRefresh(plannerTaskId: string): void {
  void refreshTotal(plannerTaskId)
    .then((didChange) => (didChange ? changed() : undefined))
    .catch(() => undefined); // offline: the total stays as last known
}

/** Ask TimeCamp what runs now, then show it if it changed */
export function startTimerRefresh(force: boolean): void {
  void refreshTimer(force)
    .then((didChange) => (didChange ? changed() : undefined))
    .catch(() => undefined); // offline or refused: the next refresh tries again, the view stays as it was
}

async function ensureTicking(timerRuns: boolean, openTabs: number): Promise<void> {
  const wanted = timerRuns || openTabs > 0;
  const existing = await browser.alarms.get(TICK);
  if (wanted && !existing) await browser.alarms.create(TICK, { periodInMinutes: TICK_MINUTES });
  if (!wanted && existing) await browser.alarms.clear(TICK);
}

async function pruneClosedTabs(): Promise<void> {
  for (const tabId of await openTabIds()) {
    // tabs.get needs no "tabs" permission; a closed tab rejects.
    await browser.tabs.get(tabId).catch(() => forgetTab(tabId));
  }
}

/**
 * Read both clocks while a timer runs (timer/clock-watch.ts); when they jumped forward past the
 * idle threshold, or `idleAsked` (chrome.idle's return asked just now), show the idle question.
 */
async function checkClocks(idleAsked = false): Promise<void> {
  const clockAsked = await watchClocks();
  if (clockAsked || idleAsked) await Promise.all([changed(), notifyIdle()]);
}

export async function onAlarm(name: string): Promise<void> {
  if (name === DRAIN) return startDrain();
  if (name !== TICK) return;
  // A new worker goes on from this reading of both clocks (timer/clock-watch.ts).
  await Promise.all([pruneClosedTabs(), checkClocks()]);
  const [{ view, tabIds }, lastSync] = await Promise.all([readViewState(), read('lastSyncMs')]);
  await showBadge(view).catch(() => undefined);
  if (view.pending > 0) startDrain();
  else if (tabIds.length > 0 || (view.running && syncAgeMs(lastSync) >= UNWATCHED_SYNC_MS)) startTimerRefresh(false);
  await ensureTicking(view.running !== null, tabIds.length);
}

/** The computer went idle or came back (chrome.idle) while a timer may run (issue #8) */
export async function onIdleState(state: string): Promise<void> {
  // The clocks are read after it, so a gap chrome.idle asked about is not asked about again.
  await checkClocks(await onIdleStateChanged(state));
}

export async function onWake(): Promise<void> {
  await checkClocks();
  const { view, tabIds } = await readViewState();
  if (view.pending > 0) startDrain();
  await Promise.all([showBadge(view).catch(() => undefined), ensureTicking(view.running !== null, tabIds.length)]);
}
