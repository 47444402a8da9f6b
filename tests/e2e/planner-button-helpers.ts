// Shared steps for the Planner button browser tests (issue #3): reading the
// button's state out of its shadow root, comparing TimeCamp's naive wall-clock
// strings with Node's local time, and waiting on the emulator.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import type { Harness } from './harness';
import { parseWallClock, wallClock } from '../../src/shared/wall-clock';

export const BOARD = '/projects/101/board';
export const DEMO_USER_ID = '1001';

export interface ButtonSnapshot {
  /** how many `[data-timecamp-timer]` hosts the page has */
  hosts: number;
  shadowMode: string | null;
  tag: string | null;
  label: string;
  pressed: string | null;
  busy: string | null;
  tooltip: string;
  message: string;
  noTaskVisible: boolean;
}

/** Read the button from inside the page (no Playwright auto-waiting: what is there now). */
export function readButton(page: Page): Promise<ButtonSnapshot> {
  return page.evaluate(() => {
    const hosts = document.querySelectorAll('[data-timecamp-timer]');
    const host = hosts[0] as HTMLElement | undefined;
    const root = host?.shadowRoot ?? null;
    const button = root?.querySelector('button') ?? null;
    const alt = root?.querySelectorAll('button')[1] as HTMLButtonElement | undefined;
    return {
      hosts: hosts.length,
      shadowMode: root?.mode ?? null,
      tag: button?.localName ?? null,
      // The clock is aria-hidden: the accessible name is the label text.
      label: [...(button?.childNodes ?? [])]
        .filter((n) => !(n as Element).getAttribute?.('aria-hidden'))
        .map((n) => n.textContent)
        .join('')
        .trim(),
      pressed: button?.getAttribute('aria-pressed') ?? null,
      busy: button?.getAttribute('aria-busy') ?? null,
      tooltip: button?.title ?? '',
      message: root?.querySelector('[role="status"]')?.textContent ?? '',
      noTaskVisible: !!alt && !alt.hidden,
    };
  });
}

/** Wait until the button matches (polls the page, fails with the last snapshot). */
export async function waitButton(page: Page, want: Partial<ButtonSnapshot> & { labelStarts?: string }, timeout = 5000) {
  const { labelStarts, ...exact } = want;
  await expect
    .poll(
      async () => {
        const s = await readButton(page);
        const picked: Record<string, unknown> = {};
        for (const k of Object.keys(exact)) picked[k] = s[k as keyof ButtonSnapshot];
        if (labelStarts !== undefined) picked.labelStarts = s.label.startsWith(labelStarts);
        return picked;
      },
      { timeout, interval: 50 },
    )
    .toEqual({ ...exact, ...(labelStarts !== undefined ? { labelStarts: true } : {}) });
  return readButton(page);
}

/** The main button inside the shadow root (Playwright pierces open shadow roots). */
export const mainButton = (page: Page) => page.locator('[data-timecamp-timer] button').first();

/** Node's local wall-clock now, as TimeCamp writes it */
export const nowWall = () => wallClock(Date.now());

/** Seconds between two naive wall-clock strings (b − a) */
export function wallDiffSec(a: string, b: string): number {
  const x = parseWallClock(a);
  const y = parseWallClock(b);
  if (x === null || y === null) throw new Error(`not wall-clock times: ${a} / ${b}`);
  return (y - x) / 1000;
}

export const runningTimer = (h: Harness) => h.emulator.snapshot().timers[DEMO_USER_ID] ?? null;
export const entries = (h: Harness) => h.emulator.snapshot().entries.filter((e) => e.userId === DEMO_USER_ID);

export async function waitRunning(h: Harness, taskId: string | null, timeout = 8000) {
  await expect.poll(() => runningTimer(h)?.taskId, { timeout, interval: 100 }).toBe(taskId);
  return runningTimer(h)!;
}

export async function waitEntries(h: Harness, count: number, timeout = 8000) {
  await expect.poll(() => entries(h).length, { timeout, interval: 100 }).toBe(count);
  return entries(h);
}

export async function waitIdle(h: Harness, timeout = 8000) {
  await expect.poll(() => runningTimer(h), { timeout, interval: 100 }).toBeNull();
}

/** Connect (once per browser) and make sure nothing runs locally or in the emulator. */
export async function freshState(h: Harness): Promise<void> {
  await h.emulator.reset();
  const popup = await h.popup();
  const connected = await popup
    .getByText(/Connected as/)
    .waitFor({ timeout: 3000 })
    .then(() => true)
    .catch(() => false);
  if (connected) {
    // Disconnect clears the local timer, task cache and problems, then connect again.
    await popup.getByRole('button', { name: 'Disconnect' }).click();
    await popup.getByLabel('API token').waitFor();
  }
  await popup.close();
  await h.connect();
  for (const page of h.context.pages()) if (page.url().startsWith('https://planner.timecamp.com')) await page.close();
}

/** Open a Planner task with a fixture and wait for the button */
export async function openTask(h: Harness, fixture: string, taskId: string, page?: Page): Promise<Page> {
  const p = await h.planner(`${BOARD}?fixture=${fixture}&taskId=${taskId}`, page);
  await waitButton(p, { hosts: 1 }, fixture === 'late' ? 6000 : 5000);
  return p;
}

/**
 * Click the button from inside the page once the wall clock's milliseconds are in
 * [from, to): lets a test start late in one second and stop early in another, where
 * rounding mistakes show. Returns the click's Date.now().
 */
export function clickInSecondWindow(page: Page, from: number, to: number): Promise<number> {
  return page.evaluate(
    ({ from, to }) =>
      new Promise<number>((resolve) => {
        const button = document.querySelector('[data-timecamp-timer]')!.shadowRoot!.querySelector('button')!;
        const poll = () => {
          const ms = Date.now() % 1000;
          if (ms < from || ms >= to) return void setTimeout(poll, 2);
          const at = Date.now();
          button.click();
          resolve(at);
        };
        poll();
      }),
    { from, to },
  );
}

/** The note is set right after the start (TimeCamp's /timer takes none): wait for it */
export async function waitNote(h: Harness, note: string, timeout = 8000) {
  await expect.poll(() => runningTimer(h)?.note, { timeout, interval: 100 }).toBe(note);
}
