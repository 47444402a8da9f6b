// @vitest-environment jsdom
// Texts from TimeCamp or Planner of any length (issue 13, item 3): a
// 10,000-character note and a 2,000-character task name go through the real
// worker code (timesheet, task search, against the emulator), the real protocol
// schemas (the popup's connector validates every answer) and the real popup,
// which still shows the day, with the long texts cut for display.
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import * as z from 'zod/mini';
import { AUTH, closeWorld, freshWorld } from './outbox/drain-env';
import { installExtensionApi, mount, settle } from '../popup/setup';
import { fakeBrowser } from '../fakes/browser';
import type { Emulator } from '../../emulator/emulator';
import type { PopupRequest } from '../../../src/shared/protocol';

// Before the popup's modules load: they send their first requests as they are imported.
installExtensionApi();
fakeBrowser.api.runtime.sendMessage.mockImplementation((request) => answer(request as PopupRequest));

const timesheet = await import('../../../src/background/timesheet/timesheet');
const search = await import('../../../src/background/tasks/search');
const { buildView } = await import('../../../src/background/messaging/view');
const { currentAccount } = await import('../../../src/background/account/auth');
const { workerConnector } = await import('../../../src/popup/connector');
const { App } = await import('../../../src/popup/App');
const early = await import('../../../src/popup/early-requests');
const { DaySheet, TaskChoice } = await import('../../../src/shared/protocol');
const { localDate } = await import('../../../src/shared/wall-clock');

const USER = AUTH.account.userId;
const NOTE = `Meeting minutes ${'lorem ipsum dolor sit amet '.repeat(400)}`.slice(0, 10_000);
const TASK_NAME = `Very long task ${'and its name keeps going '.repeat(90)}`.slice(0, 2_000);
const today = () => localDate(Date.now());
let emu: Emulator;

/** The worker side of the popup's messages, through the real worker functions */
async function answer(request: PopupRequest): Promise<unknown> {
  switch (request.type) {
    case 'popup.state':
      return { account: await currentAccount(), view: await buildView(), waitingStart: null, idle: null };
    case 'day.cached':
      return timesheet.cachedDay(request.date);
    case 'day.refresh':
      return timesheet.refreshDay(request.date);
    case 'tasks.search':
      return search.searchTasks(request.query);
    case 'tasks.recent':
      return search.recentTasks();
    default:
      return [];
  }
}

afterAll(closeWorld);

beforeEach(async () => {
  emu = await freshWorld();
  const base = emu.state.tasks.get('9501')!;
  emu.state.tasks.set('9501', { ...base, name: TASK_NAME });
  emu.state.createEntry(USER, {
    date: today(),
    start: `${today()} 00:00:00`,
    end: `${today()} 00:45:00`,
    taskId: '9501',
    note: NOTE,
    billable: true,
  });
});

describe('long texts from TimeCamp', () => {
  test('the day sheet passes the protocol, with the note and the task name cut for display', async () => {
    const day = await timesheet.refreshDay(today());
    const parsed = z.safeParse(DaySheet, day);
    expect(parsed.success).toBe(true);
    const [row] = day.entries;
    expect(row!.note.length).toBeLessThanOrEqual(2_000);
    expect(row!.note.startsWith(NOTE.slice(0, 1_000))).toBe(true);
    expect(row!.note.endsWith('…')).toBe(true);
    expect(row!.taskName.length).toBeLessThanOrEqual(500);
    expect(row!.taskName.endsWith('…')).toBe(true);
  });

  test('the task search finds the long task by words past the cut, and its answer passes the protocol', async () => {
    const found = await search.searchTasks('keeps going');
    expect(z.safeParse(z.array(TaskChoice), found).success).toBe(true);
    expect(found.map((c) => c.taskId)).toContain('9501');
  });

  test('the popup shows the day (never "Nothing tracked") with the texts cut', { timeout: 20_000 }, async () => {
    // The popup's first requests went out when its modules loaded, before this test's world existed.
    await early.takeEarlyState();
    await early.takeEarlyDay(today());
    const { root, unmount } = mount(<App connector={workerConnector} today={today()} />);
    try {
      await expect
        .poll(
          async () => {
            await settle(20);
            return root.querySelector('.entries li .note')?.textContent ?? `no note yet: ${root.textContent}`;
          },
          { timeout: 10_000 },
        )
        .toMatch(/^Meeting minutes lorem ipsum.*…$/);
      expect(root.querySelector('.entries li .name')?.textContent).toMatch(/^Very long task.*…$/);
      expect(root.querySelector('.total')?.textContent).toContain('0:45');
      expect(root.textContent).not.toContain('Nothing tracked on this day');
    } finally {
      unmount();
    }
  });
});

describe('clip', () => {
  test('cuts to the limit with "…", keeps short texts, never splits a surrogate pair', async () => {
    const { clip } = await import('../../../src/shared/clip-text');
    expect(clip('short', 10)).toBe('short');
    expect(clip('abcdefghijk', 5)).toBe('abcd…');
    const cut = clip(`abc😀def`, 5); // the emoji would straddle the cut
    expect(cut).toBe('abc…');
    expect(cut.length).toBeLessThanOrEqual(5);
  });
});
