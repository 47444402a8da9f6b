// @vitest-environment jsdom
// The day's timesheet: newest first, compact recents, Continue, week total, task change, billable (issue 15). Against the Connector's mock twin.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/App';
import { DATE, entry, mockConnector, sheet, view } from './mock-connector';
import { button, click, en, installExtensionApi, mount, settle } from './setup';

beforeAll(installExtensionApi);
let unmount = () => {};
afterEach(() => unmount());

function open(mock: ReturnType<typeof mockConnector>) {
  const m = mount(<App connector={mock.connector} today={DATE} />);
  unmount = m.unmount;
  return m.root;
}
const never = new Promise<never>(() => {});
const names = (root: HTMLElement) => [...root.querySelectorAll('.entries li .name')].map((n) => n.textContent);

describe('item 8: the day newest first, recent tasks compact', () => {
  it('lists entries newest first with the running timer on top', async () => {
    const startedAtMs = new Date(2026, 2, 10, 11, 0).getTime();
    const mock = mockConnector({
      cached: sheet([
        entry('1', 'Early', '08:00', '09:00'),
        entry('2', 'Middle', '09:30', '10:00'),
        entry('3', 'Late', '10:05', '10:50'),
      ]),
      refreshed: never,
    });
    mock.world.state.view = view({
      running: {
        plannerTaskId: null,
        taskId: '9502',
        title: 'Running now',
        breadcrumb: [],
        note: '',
        startedAtMs,
        synced: true,
      },
    });
    const realNow = Date.now;
    Date.now = () => startedAtMs + 60_000;
    try {
      const root = open(mock);
      await settle();
      expect(names(root)).toEqual(['Running now', 'Late', 'Middle', 'Early']);
    } finally {
      Date.now = realNow;
    }
  });

  it('shows three recent tasks on one line each, the rest on request', async () => {
    const recent = ['A', 'B', 'C', 'D', 'E'].map((n, i) => ({
      taskId: `80${i}`,
      name: `Task ${n}`,
      path: ['Acme Studio', 'Website Relaunch'],
      fromPlanner: true,
    }));
    const root = open(mockConnector({ cached: sheet([]), refreshed: never, recent }));
    await settle();
    const shown = () => root.querySelectorAll('.timer .choices li').length;
    expect(shown()).toBe(3);
    expect(root.querySelector('.timer .choices')?.classList.contains('compact')).toBe(true);
    await click(button(root, en('popupMoreRecent').replace('$1', '2')));
    expect(shown()).toBe(5);
  });
});

describe('item 8 parity: Continue ▶ on a past entry', () => {
  it("starts a timer on the entry's task with its note; entries without a task offer none", async () => {
    const mock = mockConnector({
      cached: sheet([
        entry('1', 'Write homepage copy', '08:00', '09:00', 'Hero first draft'),
        entry('2', '', '09:30', '10:00', '', { taskId: null }),
      ]),
      refreshed: never,
    });
    const root = open(mock);
    await settle();
    await click(button(root, en('popupContinueEntry').replace('$1', 'Write homepage copy')));
    expect(mock.connector.startTimer).toHaveBeenCalledWith(
      { taskId: '9501', name: 'Write homepage copy', path: [], fromPlanner: false },
      'Hero first draft',
    );
    expect(root.querySelector('.timer.running')?.textContent).toContain('Write homepage copy');
    expect(root.querySelectorAll('.entries li:not(.running-row) button.go').length).toBe(1);
  });
});

describe("item 8 parity: this week's total beside today's", () => {
  it("shows TimeCamp's week total plus the running timer, for the shown day's week", async () => {
    const startedAtMs = new Date(2026, 2, 10, 11, 0).getTime();
    const mock = mockConnector({
      cached: sheet([entry('1', 'Early', '08:00', '09:00')]),
      refreshed: sheet([entry('1', 'Early', '08:00', '09:00')]),
      week: { from: '2026-03-09', to: '2026-03-15', seconds: 10 * 3600 + 5 * 60, fetchedAtMs: 1 },
    });
    mock.world.state.view = view({
      running: {
        plannerTaskId: null,
        taskId: '9502',
        title: 'Running now',
        breadcrumb: [],
        note: '',
        startedAtMs,
        synced: true,
      },
    });
    const realNow = Date.now;
    Date.now = () => startedAtMs + 30 * 60_000;
    try {
      const root = open(mock);
      await settle();
      expect(mock.connector.weekTotal).toHaveBeenCalledWith(DATE);
      expect(root.querySelector('.week-total')?.textContent).toBe(en('popupWeekTotal').replace('$1', '10:35'));
    } finally {
      Date.now = realNow;
    }
  });
});

describe("item 8 parity: change an entry's task", () => {
  it('the edit form shows the task, Change task opens the picker, Save sends the new task', async () => {
    const found = [{ taskId: '8001', name: 'Meetings', path: ['Internal'], fromPlanner: false }];
    const mock = mockConnector({
      cached: sheet([entry('1', 'Write homepage copy', '08:00', '09:00', 'draft')]),
      refreshed: never,
      found,
    });
    const root = open(mock);
    await settle();
    await click(button(root, en('popupEditEntry').replace('$1', 'Write homepage copy')));
    expect(root.querySelector('.entry-form .picked')?.textContent).toContain('Write homepage copy');
    await click(button(root, en('popupChangeTask')));
    const search = root.querySelector<HTMLInputElement>('.entry-form input[type="search"]')!;
    search.value = 'meet';
    search.dispatchEvent(new Event('input', { bubbles: true }));
    await settle(220);
    await click(root.querySelector<HTMLButtonElement>('.entry-form .choice')!);
    expect(root.querySelector('.entry-form .picked')?.textContent).toContain('Meetings');
    await click(button(root, en('popupSave')));
    expect(mock.connector.updateEntry).toHaveBeenCalledWith({ entryId: '1' }, DATE, {
      taskId: '8001',
      taskName: 'Meetings',
    });
  });
});

describe('item 8 parity: the billable flag', () => {
  it('marks billable entries where the account uses the flag, and the edit form changes it', async () => {
    const mock = mockConnector({
      cached: sheet([
        entry('1', 'Write homepage copy', '08:00', '09:00', '', { billable: true }),
        entry('2', 'Meetings', '09:30', '10:00', '', { billable: false }),
      ]),
      refreshed: never,
    });
    const root = open(mock);
    await settle();
    expect([...root.querySelectorAll('.entries li')].map((li) => li.classList.contains('billable'))).toEqual([
      false,
      true,
    ]); // newest first
    await click(button(root, en('popupEditEntry').replace('$1', 'Write homepage copy')));
    const box = root.querySelector<HTMLInputElement>('.entry-form input[type="checkbox"]')!;
    expect(box.checked).toBe(true);
    await click(box);
    expect(box.checked).toBe(false);
    await click(button(root, en('popupSave')));
    expect(mock.connector.updateEntry).toHaveBeenCalledWith({ entryId: '1' }, DATE, { billable: false });
  });

  it('an account without billable entries sees no flag', async () => {
    const root = open(
      mockConnector({ cached: sheet([entry('1', 'Write homepage copy', '08:00', '09:00')]), refreshed: never }),
    );
    await settle();
    expect(root.querySelector('.entries li.billable')).toBeNull();
    await click(button(root, en('popupEditEntry').replace('$1', 'Write homepage copy')));
    expect(root.querySelector('.entry-form input[type="checkbox"]')).toBeNull();
  });
});
