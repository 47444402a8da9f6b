// @vitest-environment jsdom
// The one sync line: what is waiting, Retry now, last synced (issue 15). Against the Connector's mock twin.
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

describe('item 9: one sync line', () => {
  it('says once what waits, offline or not, and Retry now asks the worker to send it', async () => {
    const mock = mockConnector({
      cached: sheet([
        entry('1', 'Write homepage copy', '08:00', '09:00', '', { pending: true }),
        entry('2', 'Meetings', '09:30', '10:00', '', { pending: true }),
      ]),
      refreshed: sheet([], { error: 'TimeCamp could not be reached (offline?); retrying.' }),
    });
    mock.world.refreshed = { ...mock.world.cached, error: 'TimeCamp could not be reached (offline?); retrying.' };
    mock.world.state.view = view({
      pending: 2,
      running: {
        plannerTaskId: null,
        taskId: '9502',
        title: 'Design pricing table',
        breadcrumb: [],
        note: '',
        startedAtMs: Date.now(),
        synced: false,
      },
    });
    const root = open(mock);
    await settle();
    const line = root.querySelector('.sync-line')!;
    expect(line.textContent).toContain(en('syncOffline').replace('$1', en('syncWaiting').replace('$1', '2')));
    // said once: no visible "waiting to sync" on the account, the running card or the rows
    const visible = [...root.querySelectorAll('*')].filter(
      (el) => el.children.length === 0 && el.textContent === en('buttonWaitingToSync') && !el.classList.contains('sr'),
    );
    expect(visible).toEqual([]);
    expect(root.querySelector('.account')?.textContent).not.toContain('sync');
    await click(button(root, en('syncRetryNow')));
    expect(mock.connector.syncNow).toHaveBeenCalledTimes(1);
  });

  it('with nothing waiting, says when TimeCamp last answered', async () => {
    const fetchedAtMs = new Date(2026, 2, 10, 10, 42).getTime();
    const mock = mockConnector({ cached: sheet([], { fetchedAtMs }), refreshed: never });
    const root = open(mock);
    await settle();
    expect(root.querySelector('.sync-line')?.textContent).toMatch(/^Last synced at 10:42/);
  });
});
