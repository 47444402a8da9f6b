// Issue #8, accessibility: axe-core in Chromium on the popup (token form, a day with
// entries, a running timer; light and dark) and on the injected Planner button (idle,
// running, problem; inside its open shadow root), 0 serious or critical violations;
// the button is reached with Tab and toggled with Enter and Space; screen readers
// hear "Timer started" / "Timer stopped" from the live region in the shadow root.
import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { useHarness } from './harness';
import {
  mainButton,
  openTask,
  readButton,
  runningTimer,
  waitButton,
  waitIdle,
  waitRunning,
} from './planner-button-helpers';
import { DEMO_USER } from '../fixtures/planner-seed';
import { localDate } from '../../src/shared/wall-clock';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const HOST = '[data-timecamp-timer]';

interface AxeNode {
  target: unknown[];
  html: string;
  failureSummary?: string;
}
interface AxeRule {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}
interface AxeReport {
  violations: AxeRule[];
  passes: AxeRule[];
  incomplete: AxeRule[];
}

/**
 * axe-core on the page, or only inside `include` (the button's host: axe walks its open
 * shadow root). Injected with evaluate (DevTools protocol), which the extension pages'
 * CSP (script-src 'self') does not block.
 */
async function axe(page: Page, include?: string): Promise<AxeReport> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async (include) => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<AxeReport> } }).axe;
    const r = await axe.run(include ? { include: [include] } : document, { resultTypes: ['violations', 'incomplete'] });
    const slim = (rules: AxeRule[]) =>
      rules.map(({ id, impact, help, nodes }) => ({
        id,
        impact,
        help,
        nodes: nodes.map(({ target, html, failureSummary }) => ({ target, html, failureSummary })),
      }));
    return { violations: slim(r.violations), passes: slim(r.passes), incomplete: slim(r.incomplete) };
  }, include);
}

/**
 * Print what axe found; fail on serious or critical violations, or on any violation at all
 * (`everything`) for pages that are wholly ours (popup, options).
 */
function expectNoSeriousViolations(report: AxeReport, where: string, everything = false) {
  for (const v of report.violations) {
    console.log(
      `axe ${where}: ${v.impact} ${v.id} — ${v.help}\n${v.nodes.map((n) => `    ${JSON.stringify(n.target)} ${n.failureSummary ?? ''}`).join('\n')}`,
    );
  }
  const contrastUnsure = report.incomplete.find((r) => r.id === 'color-contrast');
  if (contrastUnsure)
    console.log(
      `axe ${where}: color-contrast could not be decided for ${contrastUnsure.nodes.length} node(s): ${contrastUnsure.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`,
    );
  const blocking = report.violations.filter((v) => everything || v.impact === 'serious' || v.impact === 'critical');
  expect(
    blocking.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`),
    where,
  ).toEqual([]);
  console.log(
    `axe ${where}: ${report.passes.length} rules passed, ${report.violations.length} violations (${blocking.length} blocking)`,
  );
}

/** axe's targets inside a shadow root are [host selector, selector inside] */
const insideButton = (report: AxeReport, ruleId: string) =>
  (report.passes.find((r) => r.id === ruleId)?.nodes ?? []).filter(
    (n) => Array.isArray(n.target[0]) || (n.target.length > 1 && String(n.target[0]).includes('data-timecamp-timer')),
  );

const h = useHarness({ perTest: true });

async function openPopup(): Promise<Page> {
  const p = await h.popup();
  await p.setViewportSize({ width: 380, height: 600 });
  return p;
}

/** Our own pages, light then dark: no violation of any impact (color-contrast is the one that differs) */
async function bothSchemes(page: Page, where: string) {
  await page.emulateMedia({ colorScheme: 'light' });
  expectNoSeriousViolations(await axe(page), `${where} (light)`, true);
  await page.emulateMedia({ colorScheme: 'dark' });
  expectNoSeriousViolations(await axe(page), `${where} (dark)`, true);
}

async function entryElsewhere(start: string, end: string, taskId: string, note: string) {
  const date = localDate(Date.now());
  await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ date, start: `${date} ${start}`, end: `${date} ${end}`, task_id: taskId, note }),
  });
}

describe('axe: popup', () => {
  test('not connected: the token form, empty and with an error', async () => {
    const p = await openPopup();
    await p.getByLabel('API token').waitFor();
    await bothSchemes(p, 'popup token form');
    await p.getByLabel('API token').fill('not a token');
    await p.getByRole('button', { name: 'Connect', exact: true }).click();
    await p.getByText('That does not look like a TimeCamp API token', { exact: false }).waitFor();
    await bothSchemes(p, 'popup token form with error');
  });

  test('connected: a day with entries, then a running timer', async () => {
    await h.connect();
    await entryElsewhere('08:00:00', '09:15:00', '9501', 'Hero section first draft');
    await entryElsewhere('09:30:00', '10:00:00', '8001', 'Stand-up');
    const p = await openPopup();
    await expect.poll(() => p.locator('.entries li').count(), { timeout: 10_000 }).toBe(2);
    await bothSchemes(p, 'popup day with entries');

    await p.getByLabel('Start a timer on').fill('pricing');
    await p.getByRole('button', { name: 'Start timer: Design pricing table' }).click();
    await p.getByRole('timer').waitFor();
    await expect.poll(() => h.emulator.snapshot().timers[DEMO_USER.userId]?.taskId, { timeout: 10_000 }).toBe('9502');
    await expect.poll(() => p.locator('.entries li').count(), { timeout: 10_000 }).toBe(3);
    await bothSchemes(p, 'popup running timer');
  });

  test('options page', async () => {
    const p = await h.context.newPage();
    await p.goto(`chrome-extension://${h.extensionId}/options.html`);
    await p.getByRole('button', { name: 'Save' }).waitFor();
    await bothSchemes(p, 'options');
  });
});

describe('axe and keyboard: the Planner button', () => {
  test('idle, running and problem states: 0 serious/critical inside the shadow root', async () => {
    await h.connect();
    const page = await openTask(h, 'modal', '5001');
    await waitButton(page, { pressed: 'false', labelStarts: 'Start timer' });
    const idle = await axe(page, HOST);
    // axe really looked inside the shadow root: the button's name and contrast were checked there
    expect(
      insideButton(idle, 'button-name').length,
      'button-name checked inside the shadow root',
    ).toBeGreaterThanOrEqual(1);
    expect(
      insideButton(idle, 'color-contrast').length,
      'color-contrast checked inside the shadow root',
    ).toBeGreaterThanOrEqual(1);
    expectNoSeriousViolations(idle, 'button idle');

    await mainButton(page).click();
    await waitRunning(h, '9501');
    await waitButton(page, { pressed: 'true', labelStarts: 'Stop tracking', message: 'Timer started' });
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expectNoSeriousViolations(await axe(page, HOST), 'button running');
    await mainButton(page).click();
    await waitIdle(h);
    await page.close();

    const problem = await openTask(h, 'modal', '5099');
    await mainButton(problem).click();
    const shown = await waitButton(problem, { pressed: 'false', noTaskVisible: true }, 8000);
    expect(shown.message).toMatch(/^This task is not in TimeCamp yet/);
    const report = await axe(problem, HOST);
    expect(insideButton(report, 'link-name').length, 'the Open Timesheet link was checked').toBeGreaterThanOrEqual(1);
    expectNoSeriousViolations(report, 'button problem (not imported)');

    // The whole sandbox page too, for information: its own markup is not ours to fix.
    const page2 = await axe(problem);
    console.log(
      `axe whole Planner sandbox page: ${page2.violations.map((v) => `${v.impact} ${v.id} (${v.nodes.length})`).join(', ') || 'no violations'}`,
    );
  });

  test('Tab reaches the button; Enter starts, Space stops; the live region says so', async () => {
    await h.connect();
    const page = await openTask(h, 'modal', '5001');
    await waitButton(page, { pressed: 'false', labelStarts: 'Start timer' });
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    const focusedButton = () =>
      page.evaluate((host) => {
        const active = document.activeElement;
        return (
          !!active?.matches(host) && active.shadowRoot?.activeElement === active.shadowRoot?.querySelector('button')
        );
      }, HOST);
    let presses = 0;
    while (!(await focusedButton())) {
      expect(++presses, 'Tab presses to reach the button').toBeLessThanOrEqual(40);
      await page.keyboard.press('Tab');
    }
    console.log(`Tab reached the Planner button after ${presses} presses`);
    // Focus is visible (the :focus-visible outline), not only present.
    const outline = await page.evaluate((host) => {
      const b = document.querySelector(host)!.shadowRoot!.querySelector('button')!;
      const s = getComputedStyle(b);
      return { style: s.outlineStyle, width: parseFloat(s.outlineWidth) };
    }, HOST);
    expect(outline.style).not.toBe('none');
    expect(outline.width).toBeGreaterThanOrEqual(2);

    // Record everything the live region is given (and for how long), not only what is there when polled.
    await page.evaluate((host) => {
      const region = document.querySelector(host)!.shadowRoot!.querySelector('[role="status"]')!;
      const log: { text: string; at: number }[] = [];
      (window as unknown as { __liveLog: typeof log }).__liveLog = log;
      new MutationObserver(() => log.push({ text: region.textContent ?? '', at: performance.now() })).observe(region, {
        childList: true,
        characterData: true,
        subtree: true,
      });
    }, HOST);
    const region = () =>
      page.evaluate((host) => {
        const r = document.querySelector(host)!.shadowRoot!.querySelector('[role="status"]')!;
        return {
          live: r.getAttribute('aria-live'),
          role: r.getAttribute('role'),
          visuallyHidden: r.getBoundingClientRect().width <= 1,
        };
      }, HOST);
    const heard = () =>
      page.evaluate(() =>
        (window as unknown as { __liveLog: { text: string; at: number }[] }).__liveLog.map((e) => e.text),
      );
    /** how long (ms) the region kept `text` before it changed again (Infinity: still there) */
    const heldFor = (text: string) =>
      page.evaluate((text) => {
        const log = (window as unknown as { __liveLog: { text: string; at: number }[] }).__liveLog;
        const i = log.findIndex((e) => e.text === text);
        return i < 0 ? -1 : i + 1 < log.length ? log[i + 1]!.at - log[i]!.at : Infinity;
      }, text);

    await page.keyboard.press('Enter');
    await waitRunning(h, '9501');
    await waitButton(page, { pressed: 'true', labelStarts: 'Stop tracking' });
    await expect.poll(heard, { timeout: 8000 }).toContain('Timer started');
    expect(await region()).toEqual({ live: 'polite', role: 'status', visuallyHidden: true });
    expect(await focusedButton(), 'focus stays on the button').toBe(true);
    await page.waitForTimeout(1200); // a re-render while it runs must not cut the words short

    await page.keyboard.press('Space');
    await waitIdle(h);
    await waitButton(page, { pressed: 'false', labelStarts: 'Start timer' });
    await expect.poll(heard, { timeout: 8000 }).toContain('Timer stopped');
    await page.waitForTimeout(1500);
    const log = await heard();
    console.log(
      `live region received: ${JSON.stringify(log)}; "Timer started" held ${await heldFor('Timer started')} ms, "Timer stopped" held ${await heldFor('Timer stopped')} ms`,
    );
    // Said once each (a re-render does not repeat the words) and not cut short by the next render.
    expect(
      log.filter((text, i) => text === log[i - 1]),
      'repeated announcements',
    ).toEqual([]);
    expect(await heldFor('Timer started')).toBeGreaterThanOrEqual(1000);
    expect(await heldFor('Timer stopped')).toBeGreaterThanOrEqual(1000);
    expect(runningTimer(h)).toBeNull();
    expect((await readButton(page)).hosts).toBe(1);
  });
});
