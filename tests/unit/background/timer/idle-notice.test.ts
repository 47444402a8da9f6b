// Issue 15, item 7: the idle question also as a browser notification (the main choice
// first) and a "?" on the badge while it is open.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { beforeEach, expect, test, vi } from 'vitest';
import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';
import type { TimerView } from '../../../../src/shared/protocol';

const notifications = fakeBrowser.api.notifications;

beforeEach(() => {
  globalThis.indexedDB = new IDBFactory();
  vi.resetModules();
  resetFakeBrowser();
  fakeBrowser.language = 'marked';
});

async function askIdle() {
  const { db } = await import('../../../../src/background/storage/db');
  const { write } = await import('../../../../src/background/storage/records');
  const startedMs = Date.now() - 3_600_000;
  await write('timer', {
    runId: 'run-1',
    task: { plannerTaskId: '5001', taskId: '9501', title: 'Write homepage copy', breadcrumb: [] },
    note: '',
    startedAt: { ms: startedMs, wall: '2026-12-02 09:00:00', tz: 'UTC' },
    entryId: null,
  });
  await (
    await db()
  ).put('kv', { runId: 'run-1', idleStartMs: Date.now() - 40 * 60_000, idleEndMs: Date.now() - 60_000 }, 'idlePrompt');
}

test('the notification asks with "discard idle time and continue" first, then "keep"', async () => {
  await askIdle();
  const { notifyIdle, NOTICE_CHOICES, idleAsked } = await import('../../../../src/background/timer/idle-notice');
  await notifyIdle();
  const [id, options] = notifications.create.mock.calls[0]!;
  expect(id).toBe('timecamp-idle');
  expect(options).toMatchObject({
    title: '«idleTitle»',
    requireInteraction: true,
    buttons: [{ title: '«idleDiscard»' }, { title: '«idleKeep»' }],
  });
  expect((options as { message: string }).message).toMatch(/^«idleText\|39\|/);
  expect(NOTICE_CHOICES).toEqual(['discard', 'keep']);
  expect(await idleAsked()).toBe(true);
});

test('the badge shows "?" while the question is open, minutes otherwise', async () => {
  const { badgeText } = await import('../../../../src/background/timer/badge');
  const view = {
    order: { worker: 'w', n: 0 },
    connected: true,
    running: {
      plannerTaskId: null,
      taskId: '9501',
      title: 'x',
      breadcrumb: [],
      note: '',
      startedAtMs: Date.now() - 5 * 60_000,
      synced: true,
    },
    pending: 0,
    attention: 0,
    problems: [],
    totals: [],
  } satisfies TimerView;
  expect(badgeText(view, Date.now(), true)).toBe('?');
  expect(badgeText(view, Date.now())).toBe('5m');
  const { idleAsked } = await import('../../../../src/background/timer/idle-notice');
  expect(await idleAsked()).toBe(false); // no question stored
});
