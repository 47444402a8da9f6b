// Time on this task (issue #8): next to the button, the user's total tracked on the
// Planner task in TimeCamp, live while its timer runs, refreshed after each stop.
import { expect, test } from 'vitest';
import { timerButton, useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';

const h = useHarness({ connect: true });

async function addEntry(taskId: string, date: string, start: string, end: string) {
  const res = await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ date, start_time: start, end_time: end, task_id: Number(taskId) }),
  });
  expect(res.status).toBe(200);
}

const totalText = (page: import('playwright-core').Page) =>
  page
    .locator('[data-timecamp-timer]')
    .evaluate((host) => host.shadowRoot?.querySelector('.total:not([hidden])')?.textContent ?? null);

test('the total tracked on the task shows next to the button and grows after a stop', async () => {
  await addEntry('9507', '2026-11-02', '09:00:00', '10:00:00');
  await addEntry('9507', '2026-11-03', '14:00:00', '14:30:00');
  await addEntry('9508', '2026-11-03', '08:00:00', '12:00:00'); // another task: not counted

  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5007');
  await timerButton(page).waitFor();
  await expect.poll(() => totalText(page), { timeout: 10_000 }).toBe('1:30 on this task');

  // Two more hours tracked elsewhere: not shown yet (the total is fresh for 10 minutes) …
  await addEntry('9507', '2026-11-04', '08:00:00', '10:00:00');
  await page.waitForTimeout(500);
  expect(await totalText(page)).toBe('1:30 on this task');
  // … until a stop on this task reaches TimeCamp, which refreshes it.
  await timerButton(page).click();
  await expect.poll(() => h.emulator.snapshot().timers['1001']?.taskId ?? null, { timeout: 10_000 }).toBe('9507');
  await page.waitForTimeout(1500);
  await timerButton(page).click();
  await expect
    .poll(() => h.emulator.snapshot().entries.filter((e) => e.taskId === '9507').length, { timeout: 10_000 })
    .toBe(4);
  const expected = h.emulator
    .snapshot()
    .entries.filter((e) => e.taskId === '9507')
    .reduce((s, e) => s + e.durationSec, 0);
  const m = Math.floor(expected / 60);
  expect(m).toBe(210);
  await expect.poll(() => totalText(page), { timeout: 10_000 }).toBe(`3:30 on this task`);
});

test('a task that is not in TimeCamp shows no total', async () => {
  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5099');
  await timerButton(page).waitFor();
  await page.waitForTimeout(1500);
  expect(await totalText(page)).toBeNull();
});
