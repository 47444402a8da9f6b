// Issue #6: the token. It goes only to TimeCamp or to a server the user approved
// (tampered settings cannot steer it), only in the Authorization header, and
// Disconnect leaves no trace of it in the extension's IndexedDB.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';
import { DEMO_USER } from '../../../fixtures/planner-seed';

const { connect, disconnect } = await import('../../../../src/background/account/auth');
const { db, DB_NAME, resetDbConnection } = await import('../../../../src/background/storage/db');
const { read, write } = await import('../../../../src/background/storage/records');
const { forgetSettings } = await import('../../../../src/background/storage/settings');

const ME = {
  user_id: DEMO_USER.userId,
  email: DEMO_USER.email,
  display_name: DEMO_USER.displayName,
  root_group_id: '552',
};
let requests: Array<{ url: string; headers: Headers }>;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  resetDbConnection();
  resetFakeBrowser();
  forgetSettings(); // what storage.onChanged does in the worker
  requests = [];
  vi.stubGlobal('fetch', async (input: string, init: RequestInit) => {
    requests.push({ url: input, headers: new Headers(init.headers) });
    return new Response(JSON.stringify(ME), { status: 200, headers: { 'content-type': 'application/json' } });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** Every value in every store of the extension's database, as text */
async function everything(): Promise<string> {
  const database = await db();
  const dump: unknown[] = [];
  for (const store of database.objectStoreNames) {
    const tx = database.transaction(store);
    dump.push(await tx.store.getAll(), await tx.store.getAllKeys());
  }
  return JSON.stringify(dump);
}

describe('where the token goes', () => {
  it('to app.timecamp.com by default, in the Authorization header only, never in the URL', async () => {
    const result = await connect(DEMO_USER.token);
    expect(result.ok).toBe(true);
    expect(requests).toHaveLength(1);
    expect(new URL(requests[0]!.url).origin).toBe('https://app.timecamp.com');
    expect(requests[0]!.url).not.toContain(DEMO_USER.token);
    expect(requests[0]!.headers.get('authorization')).toBe(`Bearer ${DEMO_USER.token}`);
  });

  it('tampered settings (a server the user never approved) get no request and no token', async () => {
    fakeBrowser.settings = { apiBaseUrl: 'https://evil.example/third_party/api' };
    forgetSettings(); // what storage.onChanged does in the worker
    const result = await connect(DEMO_USER.token);
    expect(result).toEqual({ ok: false, reason: 'failed', message: 'connectServerNotAllowed' });
    expect(requests).toEqual([]);
    expect(await read('auth')).toBeNull();
    expect(await everything()).not.toContain(DEMO_USER.token);
  });

  it('a custom TimeCamp server the user approved on the options page is used', async () => {
    fakeBrowser.settings = { apiBaseUrl: 'https://timecamp.example.com/third_party/api' };
    forgetSettings(); // what storage.onChanged does in the worker
    fakeBrowser.granted.add('https://timecamp.example.com/*');
    expect((await connect(DEMO_USER.token)).ok).toBe(true);
    expect(new URL(requests[0]!.url).origin).toBe('https://timecamp.example.com');
  });

  it('an http:// server is never used (settings refuse it, falling back to TimeCamp)', async () => {
    fakeBrowser.settings = { apiBaseUrl: 'http://timecamp.example.com/third_party/api' };
    forgetSettings(); // what storage.onChanged does in the worker
    fakeBrowser.granted.add('http://timecamp.example.com/*');
    await connect(DEMO_USER.token);
    expect(requests.every((r) => r.url.startsWith('https://app.timecamp.com/'))).toBe(true);
  });

  it('a token of the wrong shape is refused before any request', async () => {
    for (const bad of [
      'short',
      `${DEMO_USER.token}\r\nX-Evil: 1`,
      '<script>alert(1)</script>aaaaaaaaaaaaaaaa',
      'a'.repeat(129),
    ]) {
      expect((await connect(bad)).ok).toBe(false);
    }
    expect(requests).toEqual([]);
  });
});

describe('Disconnect', () => {
  it('removes the token and the account completely from the extension database', async () => {
    expect((await connect(DEMO_USER.token)).ok).toBe(true);
    await write('lastSyncMs', 5);
    expect(await everything()).toContain(DEMO_USER.token);
    await disconnect();
    const left = await everything();
    expect(left).not.toContain(DEMO_USER.token);
    expect(left).not.toContain(DEMO_USER.email);
    expect(await read('auth')).toBeNull();
    expect(DB_NAME).toBe('timecamp-planner-timer');
  });
});
