// Issue 15, what Toggl and Clockify users reach for: Continue ▶ on a past entry, this
// week's total beside today's (Monday to Sunday, one GET /entries for the range),
// moving an entry to another task, and the billable flag.
import { describe, expect, test } from 'vitest';
import { useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';
import { addDays, localDate } from '../../src/shared/wall-clock';
import { mondayOf } from '../../src/background/timesheet/week-total';

const h = useHarness({ perTest: true, connect: true });
const today = () => localDate(Date.now());

async function entryElsewhere(date: string, start: string, end: string, taskId: string, note: string): Promise<void> {
  await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ date, start: `${date} ${start}`, end: `${date} ${end}`, task_id: taskId, note }),
  });
}

describe('popup parity', () => {
  test("this week's total: Monday to Sunday, the week before not counted", async () => {
    const monday = mondayOf(today());
    await entryElsewhere(monday, '08:00:00', '09:00:00', '9501', 'Monday');
    await entryElsewhere(today(), '06:00:00', '06:30:00', '8001', 'Today');
    await entryElsewhere(addDays(monday, -1), '08:00:00', '10:00:00', '9501', 'Last Sunday');
    const p = await h.popup();
    await p.setViewportSize({ width: 380, height: 600 });
    await expect.poll(() => p.locator('.week-total').textContent(), { timeout: 10_000 }).toBe('This week 1:30');
    const weekRequests = h.emulator
      .snapshot()
      .requests.filter((r) => r.path === '/entries' && r.method === 'GET' && r.query['from'] === monday);
    expect(weekRequests.at(-1)?.query).toMatchObject({ from: monday, to: addDays(monday, 6) });
  });

  test("Continue ▶ starts a timer on the entry's task with its note", async () => {
    await entryElsewhere(today(), '06:00:00', '06:30:00', '9501', 'Hero section first draft');
    const p = await h.popup();
    await p.getByRole('button', { name: 'Continue “Write homepage copy”' }).click();
    await expect.poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.taskId, { timeout: 10_000 }).toBe('9501');
    await expect
      .poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.note, { timeout: 10_000 })
      .toBe('Hero section first draft');
    await p.locator('.timer.running', { hasText: 'Write homepage copy' }).waitFor();
    expect(await p.getByLabel('Note of the running timer').inputValue()).toBe('Hero section first draft');
  });

  test("change an entry's task: PUT /entries with the new task_id", async () => {
    await entryElsewhere(today(), '06:00:00', '06:30:00', '9501', 'Hero section first draft');
    const p = await h.popup();
    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByRole('button', { name: 'Change', exact: true }).click();
    await p.locator('.entry-form input[type="search"]').fill('meet');
    await p.locator('.entry-form .choice', { hasText: 'Meetings' }).click();
    await p.getByRole('button', { name: 'Save' }).click();
    const entries = () => h.emulator.snapshot().entries.filter((e) => e.userId === DEMO_USER.userId);
    await expect.poll(() => entries()[0]?.taskId, { timeout: 10_000 }).toBe('8001');
    expect(entries()[0]?.note).toBe('Hero section first draft');
    await p.locator('.entries li', { hasText: 'Meetings' }).waitFor({ timeout: 10_000 });
  });

  test('billable: shown on entries where the account uses it, changed in the edit form', async () => {
    await entryElsewhere(today(), '06:00:00', '06:30:00', '9501', 'Hero section first draft'); // billable, as its task
    const p = await h.popup();
    await p.locator('.entries li.billable', { hasText: 'Write homepage copy' }).waitFor({ timeout: 10_000 });
    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('Billable').uncheck();
    await p.getByRole('button', { name: 'Save' }).click();
    const entries = () => h.emulator.snapshot().entries.filter((e) => e.userId === DEMO_USER.userId);
    await expect.poll(() => entries()[0]?.billable, { timeout: 10_000 }).toBe(false);
  });
});
