// The journeys against TimeCamp as it really answered (the emulator's recorded
// mode, CONTRACT.md "How the real API answered in recorded traffic"): connect
// with display_name null, start/stop from Planner with the legacy timer
// answers, and the popup's list, total, edit, delete and manual entry while
// GET /entries lists the running timer as an entry of its own.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { useHarness } from './harness';
import {
  entries,
  freshState,
  mainButton,
  openTask,
  runningTimer,
  waitButton,
  waitEntries,
  waitIdle,
  waitRunning,
} from './planner-button-helpers';
import { DEMO_USER } from '../fixtures/planner-seed';
import { localDate } from '../../src/shared/wall-clock';

const h = useHarness({
  emulatorOptions: { realistic: true },
  beforeEachTest: async (fresh) => {
    await freshState(fresh); // reset() keeps the recorded mode: it was given at start
    expect(fresh.emulator.mode).toBe('recorded');
  },
});

const today = () => localDate(Date.now());
const row = (p: Page, text: string) => p.locator('.entries li', { hasText: text });
const total = (p: Page) => p.locator('.total').textContent();
const minutes = (text: string | null) => {
  const m = /(\d+):(\d{2})/.exec(text ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
};

/** An entry made in TimeCamp itself; the recorded API answers 201 */
async function entryElsewhere(start: string, end: string, taskId: string | null, note: string): Promise<string> {
  const res = await fetch(`${h.emulator.apiBase}/entries?format=json`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      date: today(),
      start: `${today()} ${start}`,
      end: `${today()} ${end}`,
      task_id: taskId ?? '0',
      note,
    }),
  });
  expect(res.status).toBe(201);
  return String(((await res.json()) as { entry_id: number }).entry_id);
}

async function openPopup(): Promise<Page> {
  const p = await h.popup();
  await p.setViewportSize({ width: 380, height: 600 });
  return p;
}

/** Every request the extension sent asked for JSON in the query (and so never got XML) */
function expectAllAskedForJson(): void {
  const sent = h.emulator.snapshot().requests;
  expect(sent.length).toBeGreaterThan(0);
  expect(sent.filter((r) => r.query.format !== 'json').map((r) => `${r.method} ${r.path}`)).toEqual([]);
}

describe('against the recorded API', () => {
  test('connect with display_name null, start and stop from Planner; the running timer is one row, counted once', async () => {
    const connected = await openPopup();
    await expect.poll(() => connected.locator('.account').textContent()).toContain(`Connected as ${DEMO_USER.email}`);
    await connected.close();

    await entryElsewhere('00:00:00', '00:30:00', '8001', 'Stand-up');
    const page = await openTask(h, 'modal', '5001');
    await waitButton(page, { labelStarts: 'Start timer' });
    await mainButton(page).click();
    await waitButton(page, { labelStarts: 'Stop tracking', pressed: 'true' });
    const started = await waitRunning(h, '9501');

    const p = await openPopup();
    await row(p, 'Stand-up').waitFor();
    // GET /entries lists the running timer as an entry: still one row for it, the live one
    await expect
      .poll(() => h.emulator.snapshot().requests.some((r) => r.method === 'GET' && r.path === '/entries'), {
        timeout: 10_000,
      })
      .toBe(true);
    await expect.poll(() => p.locator('.sync-state').textContent(), { timeout: 10_000 }).toBe('');
    await expect.poll(() => row(p, 'Write homepage copy').count()).toBe(1);
    await expect(p.locator('.entries li.running-row').count()).resolves.toBe(1);
    await expect(
      row(p, 'Write homepage copy')
        .getByRole('button', { name: /^(Edit|Delete) entry/ })
        .count(),
    ).resolves.toBe(0);
    // 0:30 of stand-up plus a timer just started: 0:30 (0:31 at a minute's edge), never more
    expect(minutes(await total(p))).toBeGreaterThanOrEqual(30);
    expect(minutes(await total(p))).toBeLessThanOrEqual(31);

    await mainButton(page).click();
    await waitButton(page, { labelStarts: 'Start timer' });
    await waitIdle(h);
    const [standUp, tracked] = await waitEntries(h, 2);
    expect(standUp!.note).toBe('Stand-up');
    expect(tracked).toMatchObject({ id: started.entryId, taskId: '9501', start: started.startedAt.slice(11) });
    await expect
      .poll(
        () =>
          row(p, 'Write homepage copy')
            .getByRole('button', { name: /^Edit entry/ })
            .count(),
        { timeout: 10_000 },
      )
      .toBe(1);
    await expect.poll(() => p.locator('.entries li.running-row').count()).toBe(0);
    expectAllAskedForJson();
  });

  test('a task with a 1,104-character name (seed card 5033): tracked from Planner, the popup still shows the day', async () => {
    const page = await openTask(h, 'modal', '5033');
    await mainButton(page).click();
    await waitRunning(h, '9533');
    await waitButton(page, { labelStarts: 'Stop tracking' });
    await mainButton(page).click();
    await waitEntries(h, 1);
    const p = await openPopup();
    const longRow = row(p, 'Very long task title');
    await expect.poll(() => longRow.locator('.name').textContent(), { timeout: 10_000 }).toMatch(/…$/);
    expect(((await longRow.locator('.name').textContent()) ?? '').length).toBeLessThanOrEqual(500);
    await expect(p.getByText('Nothing tracked on this day').count()).resolves.toBe(0);
  });

  test('popup: list, total, edit, delete and a manual entry land on TimeCamp', async () => {
    const edited = await entryElsewhere('08:00:00', '09:00:00', '9501', 'first');
    const gone = await entryElsewhere('10:00:00', '10:30:00', null, 'no task here');
    const p = await openPopup();
    await row(p, 'Write homepage copy').waitFor();
    await row(p, 'no task here').waitFor();
    await expect.poll(() => total(p)).toContain('1:30');

    // Edit: note and start
    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('Note', { exact: true }).fill('Reviewed copy');
    await p.getByLabel('Start', { exact: true }).fill('08:15');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => entries(h).find((e) => e.id === edited), { timeout: 10_000 })
      .toMatchObject({ note: 'Reviewed copy', start: '08:15:00', end: '09:00:00', durationSec: 2700 });
    await expect
      .poll(() => row(p, 'Write homepage copy').textContent(), { timeout: 10_000 })
      .toContain('Reviewed copy');

    // Delete (DELETE /entries answers 204 with no body)
    await row(p, 'no task here')
      .getByRole('button', { name: /^Delete entry/ })
      .click();
    await expect.poll(() => entries(h).find((e) => e.id === gone), { timeout: 20_000 }).toBeUndefined();
    await expect.poll(() => row(p, 'no task here').count(), { timeout: 10_000 }).toBe(0);
    const deleted = h.emulator.snapshot().requests.find((r) => r.method === 'DELETE' && r.path === '/entries');
    expect(deleted?.status).toBe(204);

    // Manual entry (POST /entries answers 201)
    await p.getByRole('button', { name: '+ Add time manually' }).click();
    await p.getByLabel('Task', { exact: true }).fill('meet');
    await p.getByRole('button', { name: 'Choose: Meetings' }).click();
    await p.getByLabel('Start', { exact: true }).fill('13:00');
    await p.getByLabel('End', { exact: true }).fill('14:30');
    await p.getByLabel('Note', { exact: true }).fill('Sprint planning');
    await p.getByRole('button', { name: 'Add entry' }).click();
    await expect
      .poll(() => entries(h).find((e) => e.note === 'Sprint planning'), { timeout: 10_000 })
      .toMatchObject({ taskId: '8001', start: '13:00:00', end: '14:30:00', durationSec: 5400 });
    await expect.poll(() => row(p, 'Sprint planning').textContent(), { timeout: 10_000 }).toContain('Meetings');
    await expect.poll(() => total(p), { timeout: 10_000 }).toContain('2:15');
    expect(runningTimer(h)).toBeNull();
    expectAllAskedForJson();
  });
});
