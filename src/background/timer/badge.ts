// Toolbar badge: elapsed minutes while a timer runs ("?" while the idle question is open),
// "!" when something needs attention.
import browser from 'webextension-polyfill';
import type { TimerView } from '../../shared/protocol';
import { formatHoursMinutes } from '../../shared/wall-clock';
import { t } from '../i18n';
import { readSettings } from '../storage/settings';
import { idleAsked } from './idle-notice';

const RUNNING = '#d93025';
const ATTENTION = '#e37400';

/** `asking`: the idle question is open (idle-notice.ts): "?" until it is answered */
export function badgeText(view: TimerView, nowMs: number, asking = false): string {
  if (view.running && asking) return '?';
  if (view.running) {
    const minutes = Math.max(0, Math.floor((nowMs - view.running.startedAtMs) / 60_000));
    return minutes < 60 ? `${minutes}m` : formatHoursMinutes(minutes * 60);
  }
  return view.attention > 0 ? '!' : '';
}

/** What this worker last set (every change pushes a view; few change the badge) */
let shown: string | null = null;
/** One update at a time, in order, so `shown` always says what the toolbar shows */
let queue: Promise<void> = Promise.resolve();

export function showBadge(view: TimerView): Promise<void> {
  const next = queue.then(() => apply(view));
  queue = next.catch(() => undefined);
  return next;
}

async function apply(view: TimerView): Promise<void> {
  const { badge } = await readSettings();
  const asking = view.running ? await idleAsked().catch(() => false) : false;
  const text = badge || !view.running || asking ? badgeText(view, Date.now(), asking) : '';
  const color = view.running ? RUNNING : ATTENTION;
  const title = view.running ? t('badgeRunning', view.running.title.slice(0, 100)) : t('actionTitle');
  const key = JSON.stringify([text, color, title]);
  if (key === shown) return;
  shown = null; // unknown until all three calls went through
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color });
  await browser.action.setTitle({ title });
  shown = key;
}
