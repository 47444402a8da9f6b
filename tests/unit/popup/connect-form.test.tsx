// @vitest-environment jsdom
// Connecting: token and one-click login, TimeCamp's own reasons (issue 15). Against the Connector's mock twin.
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../../src/popup/App';
import { DATE, mockConnector, sheet, view } from './mock-connector';
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

describe('item 10: connecting', () => {
  const disconnected = () => {
    const mock = mockConnector({ cached: sheet([]), refreshed: never });
    mock.world.state = { account: null, view: view({ connected: false }), waitingStart: null, idle: null };
    return mock;
  };

  it("connects with one click using the browser's TimeCamp login, then says what to do next", async () => {
    const mock = disconnected();
    const root = open(mock);
    await settle();
    mock.world.state = {
      ...mock.world.state,
      account: { userId: '1001', email: 'demo@example.com', displayName: 'Dana Demo' },
      view: view(),
    };
    await click(button(root, en('connectWithLogin')));
    await settle();
    expect(mock.connector.connectSession).toHaveBeenCalledTimes(1);
    expect(root.textContent).toContain(en('connectedHint'));
  });

  it('without a TimeCamp session: says so, links the login, the token form stays the other way', async () => {
    const mock = disconnected();
    mock.connector.connectSession.mockResolvedValueOnce({
      ok: false,
      reason: 'noSession',
      message: en('connectNoSession'),
    });
    const root = open(mock);
    await settle();
    await click(button(root, en('connectWithLogin')));
    await settle();
    const error = root.querySelector('#session-error')!;
    expect(error.textContent).toContain(en('connectNoSession'));
    expect(error.querySelector('a')?.getAttribute('href')).toBe('https://app.timecamp.com/auth/login');
    expect(root.querySelector('#token')?.getAttribute('aria-invalid')).toBe('false');
  });

  it('a refused token: the field is marked invalid and described by the error that says what to do', async () => {
    const mock = disconnected();
    mock.connector.connect.mockResolvedValueOnce({ ok: false, reason: 'rejected', message: en('connectRejected') });
    const root = open(mock);
    await settle();
    const input = root.querySelector<HTMLInputElement>('#token')!;
    input.value = '0123456789abcdef0123';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await click(button(root, en('connectButton')));
    await settle();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(input.getAttribute('aria-describedby')?.split(' ')[0]).toBe('token-error');
    expect(root.querySelector('#token-error')?.textContent).toBe(en('connectRejected'));
    expect(en('connectRejected')).toContain('Your programming API token');
    expect(root.querySelector('#token-help a')?.getAttribute('href')).toBe(
      'https://app.timecamp.com/app#/settings/users/me',
    );
  });
});
