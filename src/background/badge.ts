// Toolbar badge: elapsed minutes while a timer runs, "!" when something needs attention.
import browser from 'webextension-polyfill';
import type { TimerView } from '../shared/protocol';
import { t } from './i18n';
import { readSettings } from './settings-store';

const RUNNING = '#d93025';
const ATTENTION = '#e37400';

export function badgeText(view: TimerView, nowMs: number): string {
  if (view.running) {
    const minutes = Math.max(0, Math.floor((nowMs - view.running.startedAtMs) / 60_000));
    return minutes < 60 ? `${minutes}m` : `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
  }
  return view.attention > 0 ? '!' : '';
}

export async function showBadge(view: TimerView): Promise<void> {
  const { badge } = await readSettings();
  const text = badge || !view.running ? badgeText(view, Date.now()) : '';
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: view.running ? RUNNING : ATTENTION });
  await browser.action.setTitle({
    title: view.running ? t('badgeRunning', view.running.title.slice(0, 100)) : t('actionTitle'),
  });
}
