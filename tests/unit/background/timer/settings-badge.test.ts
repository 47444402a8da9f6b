// What the worker keeps in memory to stay quick on every click: the settings (until
// storage says they changed) and what the toolbar badge shows (set again only when it differs).
import { beforeEach, expect, test } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';
import type { TimerView } from '../../../../src/shared/protocol';

const action = fakeBrowser.api.action;
const settingsReads = () => fakeBrowser.api.storage.local.get.mock.calls.length;

const { readSettings, forgetSettings } = await import('../../../../src/background/storage/settings');
const { showBadge, badgeText } = await import('../../../../src/background/timer/badge');

const view = (running: TimerView['running'], attention = 0): TimerView => ({
  order: { worker: 'w', n: 0 },
  connected: true,
  running,
  pending: 0,
  attention,
  problems: [],
  totals: [],
});
const runningSince = (ms: number, title = 'Write the report'): TimerView['running'] => ({
  plannerTaskId: '5001',
  taskId: '9501',
  title,
  breadcrumb: [],
  note: '',
  startedAtMs: ms,
  synced: false,
});

beforeEach(() => {
  resetFakeBrowser();
  fakeBrowser.settings = {};
  fakeBrowser.api.i18n.getMessage.mockImplementation((key: string, sub?: string | string[]) =>
    sub ? `${key}:${String(sub)}` : key,
  );
  forgetSettings();
});

test('settings are read once, and afresh after storage reported a change', async () => {
  fakeBrowser.settings = { badge: false };
  expect((await readSettings()).badge).toBe(false);
  fakeBrowser.settings = { badge: true };
  expect((await readSettings()).badge).toBe(false); // no change reported yet
  expect(settingsReads()).toBe(1);
  forgetSettings(); // index.ts does this on storage.onChanged
  expect((await readSettings()).badge).toBe(true);
  expect(settingsReads()).toBe(2);
});

test('the badge is set when what it shows changes, not on every view', async () => {
  const start = Date.now();
  await showBadge(view(runningSince(start)));
  await showBadge({ ...view(runningSince(start)), pending: 1 }); // same badge, other view
  expect(action.setBadgeText).toHaveBeenCalledTimes(1);
  expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '0m' });
  await showBadge(view(runningSince(start, 'Another task'))); // title changes
  expect(action.setTitle).toHaveBeenCalledTimes(2);
  await showBadge(view(null, 1));
  expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '!' });
});

test('the badge counts minutes for the first hour, then hours and minutes (h:mm)', () => {
  const start = Date.parse('2026-06-01T09:00:00Z');
  const at = (minutes: number, seconds = 0) => start + minutes * 60_000 + seconds * 1000;
  expect(badgeText(view(runningSince(start)), at(59, 59))).toBe('59m');
  expect(badgeText(view(runningSince(start)), at(60))).toBe('1:00');
  expect(badgeText(view(runningSince(start)), at(65, 30))).toBe('1:05');
  expect(badgeText(view(runningSince(start)), at(10 * 60 + 59))).toBe('10:59');
  // a clock set back under a running timer: never a negative time
  expect(badgeText(view(runningSince(start)), at(-5))).toBe('0m');
});

test('updates given at once are applied in order, and a failed one is tried again next time', async () => {
  const start = Date.now();
  await Promise.all([
    showBadge(view(runningSince(start))),
    showBadge(view(null)),
    showBadge(view(runningSince(start))),
  ]);
  expect(action.setBadgeText.mock.calls.map(([details]) => details.text)).toEqual(['0m', '', '0m']);
  action.setBadgeText.mockRejectedValueOnce(new Error('no window'));
  await expect(showBadge(view(null))).rejects.toThrow('no window');
  await showBadge(view(null));
  expect(action.setBadgeText).toHaveBeenLastCalledWith({ text: '' });
  expect(action.setBadgeText).toHaveBeenCalledTimes(5);
});

test('the note is empty by default: "note = task title" is an option, off unless chosen (issue 15)', async () => {
  expect((await readSettings()).noteIsTitle).toBe(false);
  fakeBrowser.settings = { noteIsTitle: true };
  forgetSettings();
  expect((await readSettings()).noteIsTitle).toBe(true);
});
