// A worker's background in Node: fake-indexeddb (fresh per test), the real
// outbox and drain, and the in-process TimeCamp emulator behind the real API
// client. A test file that uses it is listed in vitest.config.ts (EMULATOR_TESTS):
// its setup, drain-env.setup.ts, replaces the worker's account/connection module
// with `connectionModule()` (the browser fake is the whole unit tier's).
import 'fake-indexeddb/auto';
import { vi } from 'vitest';
import { IDBFactory } from 'fake-indexeddb';
import { startEmulator, type Emulator } from '../../../emulator/emulator';
import { createTimeCampClient, type TimeCampClient } from '../../../../src/background/api/client';
import { DEMO_USER } from '../../../fixtures/planner-seed';
import type { AuthRecord } from '../../../../src/background/storage/records';
import type { Stamp, TaskTarget } from '../../../../src/background/outbox/actions';
import { currentTimeZone, wallClock } from '../../../../src/shared/wall-clock';

interface Env {
  emu: Emulator | null;
  timeoutMs: number;
  /** while true, requests are sent but their answers never arrive (a killed worker) */
  frozen: boolean;
}
/**
 * How long the test client waits for an answer unless a test makes a request time out on
 * purpose: long enough that a loaded machine (a mutation run beside other test runs, load 8
 * on 2 cores) never turns a slow answer into a timeout the test did not ask for.
 */
export const ANSWER_TIMEOUT_MS = 10_000;
// On globalThis: vi.resetModules() (a "new worker") must not forget the emulator.
const holder = globalThis as { __drainEnv?: Env };
export const env: Env = (holder.__drainEnv ??= { emu: null, timeoutMs: ANSWER_TIMEOUT_MS, frozen: false });

export const AUTH: AuthRecord = {
  token: DEMO_USER.token,
  apiBaseUrl: 'http://127.0.0.1:1/third_party/api',
  account: { userId: DEMO_USER.userId, email: DEMO_USER.email, displayName: DEMO_USER.displayName, rootGroupId: '552' },
};

/** The connected account's user id: whose actions the tests queue */
export const USER = AUTH.account.userId;

/** The drain's hooks for a test that neither watches the tabs' news nor its wake-ups */
export const quietHooks = { changed: async () => undefined, wakeAt: () => undefined };

/** Planner card 5001, which TimeCamp already knows as task 9501 (the drain sends it without a lookup) */
export const knownCard: TaskTarget = { plannerTaskId: '5001', taskId: '9501', title: 'Card 5001', breadcrumb: [] };

/** A click at `ms`, stamped as the worker stamps it */
export const stamp = (ms: number): Stamp => ({ ms, wall: wallClock(ms), tz: currentTimeZone() });

export function testClient(): TimeCampClient {
  const emu = env.emu;
  if (!emu) throw new Error('no emulator');
  return createTimeCampClient({
    baseUrl: emu.apiBase,
    token: DEMO_USER.token,
    timeoutMs: env.timeoutMs,
    fetch: async (input, init) => {
      const res = globalThis.fetch(input, init);
      if (env.frozen) return new Promise<Response>(() => undefined);
      return res;
    },
  });
}

/** Stand-in for connection.ts: the stored auth, and a client for the emulator */
export async function mockConnection() {
  const { read } = await import('../../../../src/background/storage/records');
  const auth = await read('auth');
  return auth ? { auth, client: testClient() } : null;
}

/** What src/background/account/connection.ts is replaced with */
export function connectionModule() {
  return { connection: () => mockConnection(), clientFor: () => testClient() };
}

export async function freshWorld(): Promise<Emulator> {
  env.emu ??= await startEmulator({ port: 0 });
  await env.emu.reset();
  env.timeoutMs = ANSWER_TIMEOUT_MS;
  env.frozen = false;
  (globalThis as { indexedDB: IDBFactory }).indexedDB = new IDBFactory();
  const { resetDbConnection } = await import('../../../../src/background/storage/db');
  resetDbConnection();
  const { write } = await import('../../../../src/background/storage/records');
  await write('auth', AUTH);
  return env.emu;
}

export async function closeWorld(): Promise<void> {
  await env.emu?.close();
  env.emu = null;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The disk is full from now on: every readwrite transaction aborts as soon as it is made (as
 * TESTING.md simulates it). Undone by vi.restoreAllMocks().
 */
export function failWrites(): void {
  const original = IDBDatabase.prototype.transaction;
  vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (
    this: IDBDatabase,
    ...args: Parameters<IDBDatabase['transaction']>
  ) {
    const tx = original.apply(this, args);
    if (args[1] === 'readwrite') queueMicrotask(() => tx.abort());
    return tx;
  });
}
