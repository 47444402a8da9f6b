// @vitest-environment jsdom
// Issue 15 (the popup as easy as Toggl and Clockify), against the Connector's mock twin.
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
      cached: sheet([entry('1', 'Early', '08:00', '09:00'), entry('2', 'Middle', '09:30', '10:00'), entry('3', 'Late', '10:05', '10:50')]),
      refreshed: never,
    });
    mock.world.state.view = view({ running: { plannerTaskId: null, taskId: '9502', title: 'Running now', breadcrumb: [], note: '', startedAtMs, synced: true } });
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
    const recent = ['A', 'B', 'C', 'D', 'E'].map((n, i) => ({ taskId: `80${i}`, name: `Task ${n}`, path: ['Acme Studio', 'Website Relaunch'], fromPlanner: true }));
    const root = open(mockConnector({ cached: sheet([]), refreshed: never, recent }));
    await settle();
    const shown = () => root.querySelectorAll('.timer .choices li').length;
    expect(shown()).toBe(3);
    expect(root.querySelector('.timer .choices')?.classList.contains('compact')).toBe(true);
    await click(button(root, en('popupMoreRecent').replace('$1', '2')));
    expect(shown()).toBe(5);
  });
});
