// The toolbar popup's quick timesheet (issue #5) in Chromium against the TimeCamp
// emulator: instant cached render, timer start/note/stop, the day's entries with
// edits, delete + undo, manual entries, unsynced marks, needs-attention, day
// navigation, keyboard reach, and the light/dark screenshots in docs/screenshots.
import { describe, expect, test } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT, useHarness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';
import { addDays, localDate } from '../../src/shared/wall-clock';

const h = useHarness({ perTest: true, connect: true });
const today = () => localDate(Date.now());

/** An entry made in TimeCamp itself (web app, another device): straight to the API */
async function entryElsewhere(
  date: string,
  start: string,
  end: string,
  taskId: string | null,
  note: string,
): Promise<string> {
  const res = await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ date, start: `${date} ${start}`, end: `${date} ${end}`, task_id: taskId ?? '0', note }),
  });
  return String(((await res.json()) as { entry_id: number }).entry_id);
}

const entries = () => h.emulator.snapshot().entries.filter((e) => e.userId === DEMO_USER.userId);
const entry = (id: string) => entries().find((e) => e.id === id);
const row = (p: Page, text: string) => p.locator('.entries li', { hasText: text });

async function openPopup(): Promise<Page> {
  const p = await h.popup();
  await p.setViewportSize({ width: 380, height: 600 });
  return p;
}

describe('popup quick timesheet', () => {
  test('instant: the cached day renders at once, entries made elsewhere arrive with the refresh', async () => {
    await entryElsewhere(today(), '08:00:00', '09:15:00', '9501', 'Hero section first draft');
    const first = await openPopup();
    await row(first, 'Write homepage copy').waitFor();
    await first.close();

    // Made in TimeCamp after the popup cached the day; TimeCamp answers slowly this time, so
    // a first render that waited for the network could not hide behind a fast emulator.
    await entryElsewhere(today(), '09:30:00', '10:00:00', '8001', 'Stand-up');
    await h.emulator.setFaults({ latencyMs: 1500 });
    const p = await openPopup();
    const { firstRender, scriptStart, cachedRows, fresh } = await p.evaluate(async () => {
      const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
      while (mark('popup-first-render') === undefined) await new Promise((r) => setTimeout(r, 5));
      // Read at once: the first render already has the cached entry (no spinner, no empty list)
      const rows = [...document.querySelectorAll('.entries li')];
      return {
        firstRender: mark('popup-first-render')!,
        scriptStart: mark('popup-script-start')!,
        cachedRows: rows.length,
        fresh: rows.some((li) => li.textContent?.includes('Stand-up')),
      };
    });
    console.log(
      `popup first render with cached data: ${firstRender.toFixed(1)} ms after navigation start; ` +
        `${(firstRender - scriptStart).toFixed(1)} ms of it after popup.js began (the rest is Chromium opening the page)`,
    );
    expect(cachedRows).toBeGreaterThanOrEqual(1);
    expect(fresh).toBe(false); // drawn from IndexedDB, before TimeCamp answered
    // The 50 ms budget is measured by \`npm run bench\` on a quiet machine (bench/RESULTS.md);
    // here, beside the other e2e lane on 2 cores, only a render that waited for the network
    // (≥ 1.5 s) must fail, not a busy CI.
    expect(firstRender - scriptStart).toBeLessThan(500);
    await h.emulator.clearFaults();
    await row(p, 'Meetings').waitFor();
    await expect.poll(() => row(p, 'Meetings').textContent()).toContain('Stand-up');
    await expect.poll(() => p.locator('.total').textContent()).toContain('1:45');
  });

  test('timer: start on a searched task (Planner first), breadcrumb, inline note, live clock, Stop', async () => {
    const p = await openPopup();
    await p.getByLabel('Start a timer on').fill('pricing');
    const result = p.getByRole('button', { name: 'Start timer: Design pricing table' });
    await expect.poll(() => result.textContent()).toContain('Planner › Acme Studio › Website Relaunch › To do');
    await result.click();

    const timer = p.getByRole('region', { name: 'Running timer' });
    await expect.poll(() => timer.textContent()).toContain('Design pricing table');
    await expect.poll(() => timer.textContent()).toContain('Acme Studio › Website Relaunch');
    await expect.poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.taskId, { timeout: 10_000 }).toBe('9502');

    const clock = p.getByRole('timer');
    const before = await clock.textContent();
    await expect.poll(() => clock.textContent(), { timeout: 5000 }).not.toBe(before);

    const note = p.getByLabel('Note of the running timer');
    await note.fill('Column layout');
    await note.press('Enter');
    await expect
      .poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.note, { timeout: 10_000 })
      .toBe('Column layout');
    // The running timer counts in the day's total and has its own row
    await row(p, 'Design pricing table').waitFor();

    await p.getByRole('button', { name: 'Stop', exact: true }).click();
    await expect
      .poll(() => entries().find((e) => e.taskId === '9502')?.note, { timeout: 10_000 })
      .toBe('Column layout');
    await p.getByLabel('Start a timer on').waitFor();
    await expect
      .poll(() => row(p, 'Design pricing table').textContent(), { timeout: 10_000 })
      .toContain('Column layout');
  });

  test('edits land on TimeCamp: note, start/end, duration', async () => {
    const id = await entryElsewhere(today(), '08:00:00', '09:00:00', '9501', 'first');
    const p = await openPopup();
    await row(p, 'Write homepage copy').waitFor();

    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('Note', { exact: true }).fill('Reviewed copy');
    await p.getByLabel('Start', { exact: true }).fill('08:15');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => entry(id), { timeout: 10_000 })
      .toMatchObject({ note: 'Reviewed copy', start: '08:15:00', end: '09:00:00', durationSec: 2700 });
    await expect.poll(() => row(p, 'Write homepage copy').textContent()).toContain('Reviewed copy');

    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('Duration', { exact: true }).fill('2:00');
    await expect(p.getByLabel('End', { exact: true }).inputValue()).resolves.toBe('10:15');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => entry(id), { timeout: 10_000 })
      .toMatchObject({ start: '08:15:00', end: '10:15:00', durationSec: 7200 });
    await expect
      .poll(() => row(p, 'Write homepage copy').locator('.dur').textContent(), { timeout: 10_000 })
      .toBe('2:00');

    // An end before the start is refused in words, nothing is sent
    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('End', { exact: true }).fill('07:00');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect
      .poll(() => p.locator('.entry-form [role="alert"]').textContent())
      .toContain('The end must be after the start');
    await p.keyboard.press('Escape');
    await expect.poll(() => p.locator('.entry-form').count()).toBe(0);
    expect(entry(id)).toMatchObject({ end: '10:15:00' });
  });

  test('delete with undo: Undo keeps the entry in TimeCamp; without it the entry goes', async () => {
    const keep = await entryElsewhere(today(), '08:00:00', '09:00:00', '9501', 'keep me');
    const gone = await entryElsewhere(today(), '10:00:00', '11:00:00', '8001', 'delete me');
    const p = await openPopup();
    await row(p, 'Meetings').waitFor();

    await p.getByRole('button', { name: 'Delete entry “Write homepage copy”' }).click();
    const undo = p.getByRole('button', { name: 'Undo' });
    await undo.waitFor();
    await expect.poll(() => p.evaluate(() => document.activeElement?.textContent)).toBe('Undo');
    await undo.click();
    await expect
      .poll(() =>
        row(p, 'Write homepage copy')
          .getByRole('button', { name: /^Edit entry/ })
          .count(),
      )
      .toBe(1);

    await p.getByRole('button', { name: 'Delete entry “Meetings”' }).click();
    await expect.poll(() => row(p, 'Meetings').textContent()).toContain('Deleted “Meetings”');
    await expect.poll(() => entry(gone), { timeout: 20_000 }).toBeUndefined();
    await expect.poll(() => row(p, 'Meetings').count(), { timeout: 10_000 }).toBe(0);
    expect(entry(keep)).toMatchObject({ note: 'keep me' });
  });

  test('manual entry: task by search, start–end, note; lands on TimeCamp', async () => {
    const p = await openPopup();
    await p.getByRole('button', { name: '+ Add time manually' }).click();
    await p.getByLabel('Task', { exact: true }).fill('meet');
    await p.getByRole('button', { name: 'Choose: Meetings' }).click();
    await p.getByLabel('Start', { exact: true }).fill('13:00');
    await p.getByLabel('End', { exact: true }).fill('14:30');
    await expect(p.getByLabel('Duration', { exact: true }).inputValue()).resolves.toBe('1:30');
    await p.getByLabel('Note', { exact: true }).fill('Sprint planning');
    await p.getByRole('button', { name: 'Add entry' }).click();
    await expect
      .poll(() => entries().find((e) => e.note === 'Sprint planning'), { timeout: 10_000 })
      .toMatchObject({ taskId: '8001', date: today(), start: '13:00:00', end: '14:30:00', durationSec: 5400 });
    await expect.poll(() => row(p, 'Sprint planning').textContent(), { timeout: 10_000 }).toContain('Meetings');
  });

  test('offline: a change shows "waiting to sync" until TimeCamp has it', async () => {
    const id = await entryElsewhere(today(), '08:00:00', '09:00:00', '9501', 'before');
    const p = await openPopup();
    await row(p, 'Write homepage copy').waitFor();
    await h.emulator.setFaults({ refuseConnections: true });
    await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
    await p.getByLabel('Note', { exact: true }).fill('written offline');
    await p.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => row(p, 'Write homepage copy').textContent()).toContain('written offline');
    await expect.poll(() => row(p, 'Write homepage copy').textContent()).toContain('waiting to sync');
    await expect
      .poll(() => p.locator('.sync-error').textContent(), { timeout: 10_000 })
      .toContain('could not be reached');
    // One sync line (issue 15), and Retry now sends it without waiting for the backoff
    await expect.poll(() => p.locator('.sync-line').textContent()).toContain('Offline — 1 change will sync');
    expect(
      await p
        .getByText('waiting to sync', { exact: true })
        .evaluateAll((els) => els.filter((e) => !e.classList.contains('sr')).length),
    ).toBe(0);

    await h.emulator.clearFaults();
    await p.getByRole('button', { name: 'Retry now' }).click();
    await expect.poll(() => entry(id)?.note, { timeout: 5_000 }).toBe('written offline');
    await expect.poll(() => p.locator('.sync-line').textContent(), { timeout: 10_000 }).toMatch(/^Last synced at \d/);
    await expect
      .poll(() => row(p, 'Write homepage copy').textContent(), { timeout: 10_000 })
      .not.toContain('waiting to sync');
  });

  test('needs attention: a refused change is listed with Retry and Discard', async () => {
    const id = await entryElsewhere(today(), '08:00:00', '09:00:00', '9501', 'original');
    const p = await openPopup();
    await row(p, 'Write homepage copy').waitFor();

    // Aimed at the edit: a refresh that happens to go first (a loaded machine) must not spend it.
    const refuseNextEdit = () =>
      h.emulator.setFaults({
        failNext: { count: 1, status: 403, body: { message: 'You cannot edit this entry' } },
        match: { method: 'PUT', path: '/entries' },
      });
    const editNote = async (note: string) => {
      await p.getByRole('button', { name: 'Edit entry “Write homepage copy”' }).click();
      await p.getByLabel('Note', { exact: true }).fill(note);
      await refuseNextEdit();
      await p.getByRole('button', { name: 'Save' }).click();
    };

    await editNote('retried');
    const attention = p.getByRole('region', { name: 'Needs attention' });
    // The entry and the field by name, times as the locale writes them (issue 15)
    await expect
      .poll(() => attention.textContent(), { timeout: 10_000 })
      .toContain('Change to 8:00 AM–9:00 AM “Write homepage copy”: note');
    await attention.getByRole('button', { name: /^Retry: Change to .*“Write homepage copy”: note$/ }).click();
    await expect.poll(() => entry(id)?.note, { timeout: 10_000 }).toBe('retried');
    await expect.poll(() => attention.count(), { timeout: 10_000 }).toBe(0);

    await editNote('discarded');
    await expect.poll(() => attention.textContent(), { timeout: 10_000 }).toContain('“Write homepage copy”: note');
    await attention.getByRole('button', { name: /^Discard: Change to .*“Write homepage copy”: note$/ }).click();
    await expect.poll(() => attention.count(), { timeout: 10_000 }).toBe(0);
    await expect.poll(() => row(p, 'Write homepage copy').textContent(), { timeout: 10_000 }).toContain('retried');
    expect(entry(id)?.note).toBe('retried');
  });

  test('day navigation and the TimeCamp timesheet link follow the shown day', async () => {
    const yesterday = addDays(today(), -1);
    await entryElsewhere(yesterday, '14:00:00', '16:30:00', '9509', 'yesterday work');
    const p = await openPopup();
    const link = p.getByRole('link', { name: 'Open in TimeCamp' });
    await expect
      .poll(() => link.getAttribute('href'))
      .toBe(`https://app.timecamp.com/app#/timesheets/timer/${today()}`);
    await expect(p.getByRole('button', { name: 'Next day' }).isDisabled()).resolves.toBe(true);

    await p.getByRole('button', { name: 'Previous day' }).click();
    await expect
      .poll(() => row(p, 'Build contact form').textContent(), { timeout: 10_000 })
      .toContain('yesterday work');
    await expect
      .poll(() => link.getAttribute('href'))
      .toBe(`https://app.timecamp.com/app#/timesheets/timer/${yesterday}`);
    await expect.poll(() => p.locator('.total').textContent()).toContain('2:30');
    await expect(p.locator('#day-title').textContent()).resolves.not.toContain('Today');

    await p.getByRole('button', { name: 'Next day' }).click();
    await expect.poll(() => p.locator('#day-title').textContent()).toContain('Today');
    await expect.poll(() => row(p, 'Build contact form').count()).toBe(0);
  });

  test('keyboard: every action is reachable with Tab, focus is visible, Enter starts a recent task', async () => {
    await entryElsewhere(today(), '08:00:00', '09:00:00', '8001', 'Stand-up');
    const p = await openPopup();
    await row(p, 'Meetings').waitFor();
    await p.getByRole('button', { name: 'Start timer: Meetings' }).waitFor();

    const reached: string[] = [];
    for (let i = 0; i < 24; i++) {
      await p.keyboard.press('Tab');
      const focused = await p.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        if (el === document.body) return null; // focus left the page (the tab strip) and comes back
        const style = getComputedStyle(el);
        return {
          name: el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '',
          outline: style.outlineStyle,
          label: (el as HTMLInputElement).labels?.[0]?.textContent ?? '',
        };
      });
      if (!focused) continue;
      expect(focused.outline, `focus ring on ${focused.name || focused.label}`).not.toBe('none');
      reached.push(focused.name || focused.label);
    }
    for (const name of [
      'Disconnect',
      'Start a timer on',
      'Start timer: Meetings — Internal',
      'Previous day',
      'Open in TimeCamp',
      'Edit entry “Meetings”',
      'Delete entry “Meetings”',
      '+ Add time manually',
    ])
      expect(reached).toContain(name);

    await p.getByRole('button', { name: 'Start timer: Meetings' }).focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.taskId, { timeout: 10_000 }).toBe('8001');
    await p.getByRole('button', { name: 'Stop', exact: true }).focus();
    await p.keyboard.press('Enter');
    await expect.poll(() => h.emulator.snapshot().timers[DEMO_USER.userId] ?? null, { timeout: 10_000 }).toBeNull();
  });

  test('screenshots: light and dark', async () => {
    await entryElsewhere(today(), '08:00:00', '09:15:00', '9501', 'Hero section first draft');
    await entryElsewhere(today(), '09:30:00', '10:00:00', '8001', 'Stand-up');
    await entryElsewhere(today(), '10:05:00', '11:47:00', '9510', 'Hamburger menu on iOS Safari');
    const p = await openPopup();
    await p.getByLabel('Start a timer on').fill('pricing');
    await p.getByRole('button', { name: 'Start timer: Design pricing table' }).click();
    await p.getByLabel('Note of the running timer').fill('Three-tier layout');
    await p.getByLabel('Note of the running timer').press('Enter');
    await expect
      .poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.note, { timeout: 10_000 })
      .toBe('Three-tier layout');
    await expect.poll(() => p.locator('.entries li').count(), { timeout: 10_000 }).toBe(4);
    await expect.poll(() => p.locator('.sync-state').textContent(), { timeout: 10_000 }).toBe('');
    await expect.poll(() => p.locator('.sync-line').textContent(), { timeout: 10_000 }).toMatch(/^Last synced at/);
    await expect.poll(() => p.locator('.account').textContent()).toContain(`Connected as ${DEMO_USER.displayName}`);
    await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    // Forty-seven minutes into the run (the popup's clock only; TimeCamp keeps real time)
    await p.clock.install();
    await p.clock.fastForward('47:12');
    await expect.poll(() => p.getByRole('timer').textContent()).toMatch(/^0:47:1\d$/);
    await p.screenshot({ path: `${ROOT}docs/screenshots/popup-light.png` });
    await p.emulateMedia({ colorScheme: 'dark' });
    await p.screenshot({ path: `${ROOT}docs/screenshots/popup-dark.png` });
  });
});
