// @vitest-environment jsdom
// The idle question in the popup (issue 15). Against the Connector's mock twin.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/App';
import { DATE, mockConnector, view } from './mock-connector';
import { button, en, installExtensionApi, mount, settle } from './setup';

beforeAll(installExtensionApi);
let unmount = () => {};
afterEach(() => unmount());

function open(mock: ReturnType<typeof mockConnector>) {
  const m = mount(<App connector={mock.connector} today={DATE} />);
  unmount = m.unmount;
  return m.root;
}

describe('item 7: the idle question', () => {
  it('"Discard idle time and continue" is the main choice; "Stop at idle start" the quietest', async () => {
    const running = {
      plannerTaskId: '5001',
      taskId: '9501',
      title: 'Write homepage copy',
      breadcrumb: [],
      note: '',
      startedAtMs: Date.now() - 3_600_000,
      synced: true,
    };
    const idle = { idleStartMs: Date.now() - 40 * 60_000, idleEndMs: Date.now() - 60_000 };
    const mock = mockConnector({
      state: {
        account: { userId: '1001', email: 'demo@example.com', displayName: 'Dana Demo' },
        view: view({ running }),
        waitingStart: null,
        idle,
      },
    });
    const root = open(mock);
    await settle();
    const buttons = [...root.querySelectorAll('.idle-question button')];
    expect(buttons.map((b) => b.textContent)).toEqual([en('idleDiscard'), en('idleKeep'), en('idleStop')]);
    expect(buttons[0]!.classList.contains('primary')).toBe(true);
    expect(buttons[2]!.classList.contains('stop') || buttons[2]!.classList.contains('primary')).toBe(false);
  });
});
