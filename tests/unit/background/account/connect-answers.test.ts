// What Connect tells the user (src/background/account/auth.ts): a pasted token is cleaned up and
// checked for its shape; each way TimeCamp can answer — or not — gives its own message, and
// only a working token is stored. One-click connect (the browser's TimeCamp login) ends the same
// way (issue 18: the first mutation run found these answers untested).
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEMO_USER } from '../../../fixtures/planner-seed';

vi.mock('webextension-polyfill', async () => (await import('../../fakes/browser')).polyfill());
const { fakeBrowser, resetFakeBrowser } = await import('../../fakes/browser');
const { connect, connectWithSession, currentAccount } = await import('../../../../src/background/account/auth');
const { resetDbConnection } = await import('../../../../src/background/storage/db');
const { read, write } = await import('../../../../src/background/storage/records');
const { forgetSettings } = await import('../../../../src/background/storage/settings');

const ME = { user_id: DEMO_USER.userId, email: DEMO_USER.email, display_name: null, root_group_id: '552' };
const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
let answer: (url: string, init: RequestInit) => Promise<Response>;
const sent: Array<{ url: string; authorization: string | null }> = [];

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDbConnection();
  resetFakeBrowser();
  forgetSettings();
  sent.length = 0;
  answer = async () => json(ME);
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    sent.push({ url, authorization: new Headers(init.headers).get('authorization') });
    return answer(url, init);
  });
  return () => vi.unstubAllGlobals();
});

describe('the token as pasted', () => {
  it('"Bearer " before it and spaces after it are dropped; the token itself goes to TimeCamp', async () => {
    expect((await connect(`bearer   ${DEMO_USER.token}  `)).ok).toBe(true);
    expect(sent.map((s) => s.authorization)).toEqual([`Bearer ${DEMO_USER.token}`]);
    expect((await read('auth'))?.token).toBe(DEMO_USER.token);
  });

  it('spaces or a line break before "Bearer " (copied from a header) are dropped too', async () => {
    expect((await connect(`\n  Bearer ${DEMO_USER.token}`)).ok).toBe(true);
    expect(sent.map((s) => s.authorization)).toEqual([`Bearer ${DEMO_USER.token}`]);
  });

  it.each([
    ['15 letters and digits', 'a'.repeat(15)],
    ['129 letters and digits', 'a'.repeat(129)],
    ['a symbol inside', `${'a'.repeat(10)}-${'b'.repeat(10)}`],
    ['a symbol at the end', `${'a'.repeat(20)}!`],
    ['a symbol at the start', `#${'a'.repeat(20)}`],
    ['"Bearer:" before the token', `Bearer:${'a'.repeat(20)}`],
    ['"Bearer " inside the text, not before it', `${'a'.repeat(10)}Bearer ${'b'.repeat(10)}`],
  ])('%s: refused for its shape, nothing sent', async (_name, token) => {
    expect(await connect(token)).toEqual({ ok: false, reason: 'shape', message: 'connectBadShape' });
    expect(sent).toEqual([]);
  });

  it.each([
    ['16 letters and digits', 'aB3'.repeat(5) + 'z'],
    ['128 letters and digits', 'x'.repeat(128)],
  ])('%s: accepted', async (_name, token) => {
    expect((await connect(token)).ok).toBe(true);
  });
});

describe("TimeCamp's answer to Connect", () => {
  it.each([
    [401, 'rejected', 'connectRejected'],
    [403, 'rejected', 'connectRejected'],
  ])('%i: the token is refused, in words, and nothing is stored', async (status, reason, message) => {
    answer = async () => json({ message: 'no' }, status);
    expect(await connect(DEMO_USER.token)).toEqual({ ok: false, reason, message });
    expect(await read('auth')).toBeNull();
  });

  it('no network: "offline", nothing stored', async () => {
    answer = async () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await connect(DEMO_USER.token)).toEqual({ ok: false, reason: 'offline', message: 'connectOffline' });
    expect(await read('auth')).toBeNull();
  });

  it('no answer at all (the request times out): "offline", nothing stored', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      answer = (_url, init) =>
        new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
      const connecting = connect(DEMO_USER.token);
      await vi.waitFor(() => expect(sent).toHaveLength(1));
      await vi.advanceTimersByTimeAsync(120_000);
      expect(await connecting).toEqual({ ok: false, reason: 'offline', message: 'connectOffline' });
    } finally {
      vi.useRealTimers();
    }
    expect(await read('auth')).toBeNull();
  });

  it('the extension\'s storage fails while Connect saves the account: "failed", in words, no crash', async () => {
    const records = await import('../../../../src/background/storage/records');
    const spy = vi.spyOn(records, 'read').mockRejectedValueOnce(new Error('storage broke'));
    try {
      expect(await connect(DEMO_USER.token)).toEqual({ ok: false, reason: 'failed', message: 'errorUnexpected' });
    } finally {
      spy.mockRestore();
    }
  });

  it("a server error: TimeCamp's failure in words, nothing stored", async () => {
    answer = async () => json({ message: 'down' }, 500);
    const result = await connect(DEMO_USER.token);
    expect(result).toMatchObject({ ok: false, reason: 'failed' });
    expect(result.ok === false && result.message).toBeTruthy();
    expect(result.ok === false && result.message).not.toBe('errorUnexpected');
    expect(await read('auth')).toBeNull();
  });

  it('a refused token before is forgotten: Connect works again', async () => {
    await write('authRejected', true);
    expect(await connect(DEMO_USER.token)).toEqual({
      ok: true,
      account: { userId: DEMO_USER.userId, email: DEMO_USER.email, displayName: null },
    });
    expect(await read('authRejected')).toBe(false);
    expect(await currentAccount()).toEqual({ userId: DEMO_USER.userId, email: DEMO_USER.email, displayName: null });
  });
});

describe('a TimeCamp server of its own (options page)', () => {
  const custom = () => {
    fakeBrowser.settings = { apiBaseUrl: 'https://timecamp.example.com/third_party/api' };
    forgetSettings();
  };

  it('one-click connect to a server the user never approved: refused, nothing sent', async () => {
    custom();
    expect(await connectWithSession()).toEqual({ ok: false, reason: 'failed', message: 'connectServerNotAllowed' });
    expect(sent).toEqual([]);
  });

  it('one-click connect to an approved one asks that server for the token', async () => {
    custom();
    fakeBrowser.granted.add('https://timecamp.example.com/*');
    answer = async (url) => (url.endsWith('/auth/getToken') ? json({ token: DEMO_USER.token }) : json(ME));
    expect((await connectWithSession()).ok).toBe(true);
    expect(sent.map((s) => new URL(s.url).origin)).toEqual([
      'https://timecamp.example.com',
      'https://timecamp.example.com',
    ]);
  });

  it('the browser cannot tell whether it was approved: refused, nothing sent', async () => {
    custom();
    fakeBrowser.granted.add('https://timecamp.example.com/*');
    fakeBrowser.api.permissions.contains.mockRejectedValueOnce(new Error('no permissions API'));
    expect(await connect(DEMO_USER.token)).toEqual({ ok: false, reason: 'failed', message: 'connectServerNotAllowed' });
    expect(sent).toEqual([]);
  });
});

describe('the account shown after Connect', () => {
  it('has its display name; a name of any length is cut for display, never refused', async () => {
    answer = async () => json({ ...ME, display_name: 'Dana Demo' });
    expect(await connect(DEMO_USER.token)).toMatchObject({ ok: true, account: { displayName: 'Dana Demo' } });
    answer = async () => json({ ...ME, display_name: 'D'.repeat(2_000) });
    const long = await connect(DEMO_USER.token);
    expect(long.ok && long.account.displayName).toBe(`${'D'.repeat(499)}…`);
    expect(await currentAccount()).toMatchObject({ displayName: `${'D'.repeat(499)}…` });
  });
});

describe('one-click connect (the TimeCamp login this browser has)', () => {
  const session = (body: unknown) => (url: string) =>
    Promise.resolve(url.endsWith('/auth/getToken') ? json(body) : json(ME));

  it('a logged-in browser connects with the token TimeCamp hands out', async () => {
    answer = session({ token: DEMO_USER.token });
    expect((await connectWithSession()).ok).toBe(true);
    expect(sent.map((s) => new URL(s.url).pathname)).toEqual(['/auth/getToken', '/third_party/api/me']);
    expect((await read('auth'))?.token).toBe(DEMO_USER.token);
  });

  it.each([
    ['nobody logged in', { message: 'NO_SESSION' }, 'noSession', 'connectNoSession'],
    ['an answer that is no token', { message: 'Forbidden' }, 'failed', 'connectSessionFailed'],
  ])('%s: said so, nothing stored', async (_name, body, reason, message) => {
    answer = session(body);
    expect(await connectWithSession()).toEqual({ ok: false, reason, message });
    expect(await read('auth')).toBeNull();
  });

  it('no network: "offline"', async () => {
    answer = async () => Promise.reject(new TypeError('Failed to fetch'));
    expect(await connectWithSession()).toEqual({ ok: false, reason: 'offline', message: 'connectOffline' });
  });
});
