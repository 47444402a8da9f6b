// Issue 17 item 3: the moment TimeCamp confirms a start, the button the user is looking at
// is told (DrainHooks.confirmed), before the transaction that records the entry id and reads
// the next view: that transaction and its commit were half of the click's overhead around
// TimeCamp's answer. A confirmation is only ever TimeCamp's: a refused or failed start is
// never announced, and a record that fails after it loses nothing and sends nothing twice.
import { afterAll, afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { closeWorld, failWrites, freshWorld, knownCard, stamp, USER } from './drain-env';
import type { Emulator } from '../../../emulator/emulator';

const { drain } = await import('../../../../src/background/outbox/drain');
const outbox = await import('../../../../src/background/outbox/queue');
const stored = await import('../../../../src/background/storage/records');
const timers = await import('../../../../src/background/timer/timer-service');

let emu: Emulator;
/** what the drain told, in order: `confirmed <runId>` and `changed <synced?>` */
const told: string[] = [];
let onConfirmed: () => void = () => undefined;
const hooks = {
  changed: async (known?: { view: { running: { synced: boolean } | null } }) =>
    void told.push(`changed ${known?.view.running?.synced ?? '-'}`),
  wakeAt: () => undefined,
  confirmed: (runId: string) => {
    told.push(`confirmed ${runId}`);
    onConfirmed();
  },
};
const timerStarts = () =>
  emu.snapshot().requests.filter((r) => r.path === '/timer' && (r.body as { action?: string }).action === 'start')
    .length;

beforeEach(async () => {
  emu = await freshWorld();
  told.length = 0;
  onConfirmed = () => undefined;
});
afterEach(() => vi.restoreAllMocks());
afterAll(closeWorld);

describe('a start TimeCamp confirmed is announced before it is recorded', () => {
  test('the run is announced once, ahead of the view that records it', async () => {
    await timers.startTimer(USER, knownCard, '', stamp(Date.now()));
    const runId = (await stored.read('timer'))!.runId;
    await drain(hooks);
    expect(told).toEqual([`confirmed ${runId}`, 'changed true']);
  });

  test('announced while its record is not yet written: a record that then fails loses nothing and sends nothing twice', async () => {
    await timers.startTimer(USER, knownCard, '', stamp(Date.now()));
    const runId = (await stored.read('timer'))!.runId;
    onConfirmed = failWrites; // the disk fills up right after TimeCamp's answer
    await drain(hooks).catch(() => undefined);
    expect(told[0]).toBe(`confirmed ${runId}`);
    expect(timerStarts()).toBe(1);
    expect(await stored.read('timer')).toMatchObject({ runId, entryId: null }); // not recorded
    expect((await outbox.queued()).map((a) => a.kind)).toEqual(['start']);

    vi.restoreAllMocks();
    onConfirmed = () => undefined;
    told.length = 0;
    await drain(hooks); // the next pass finds it running on TimeCamp: recorded, not sent again
    expect(timerStarts()).toBe(1);
    expect(told).toEqual([`confirmed ${runId}`, 'changed true']);
    expect((await stored.read('timer'))?.entryId).toBe(emu.snapshot().timers[USER]?.entryId);
    expect(await outbox.pendingCount()).toBe(0);
  });

  test.each([
    ['refused (403)', 403],
    ['failing (503)', 503],
  ])('a %s start is never announced', async (_name, status) => {
    await timers.startTimer(USER, knownCard, '', stamp(Date.now()));
    await emu.setFaults({ failNext: { count: 1, status } });
    await drain(hooks);
    expect(timerStarts()).toBe(1);
    expect(told.filter((line) => line.startsWith('confirmed'))).toEqual([]);
  });
});
