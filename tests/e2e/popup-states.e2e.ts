// Issue 15 acceptance: every popup state in English, Polish and German, light and dark —
// axe finds 0 serious/critical problems in each, and each is photographed into
// docs/screenshots/popup-<state>-<lang>-<scheme>.png (shown in the README).
import { describe, expect, test } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { EXTENSION_DIR, ROOT, useHarness, type Harness } from './harness';
import { DEMO_USER } from '../fixtures/planner-seed';
import { localDate } from '../../src/shared/wall-clock';
import { DB_NAME } from '../../src/background/storage/db';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
type Messages = Record<string, { message: string }>;

interface AxeRule {
  id: string;
  impact: string | null;
  nodes: { target: unknown[] }[];
}
async function seriousViolations(page: Page): Promise<string[]> {
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<{ violations: AxeRule[] }> } })
      .axe;
    return (await axe.run(document, { resultTypes: ['violations'] })).violations.map(({ id, impact, nodes }) => ({
      id,
      impact,
      nodes: nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')}`);
}

async function entryElsewhere(h: Harness, start: string, end: string, taskId: string, note: string) {
  const date = localDate(Date.now());
  await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ date, start: `${date} ${start}`, end: `${date} ${end}`, task_id: taskId, note }),
  });
}

for (const lang of ['en', 'pl', 'de'] as const) {
  describe(`popup states in ${lang}`, () => {
    const h = useHarness(lang === 'en' ? {} : { locale: lang });
    const m = JSON.parse(readFileSync(join(EXTENSION_DIR, '_locales', lang, 'messages.json'), 'utf8')) as Messages;
    const say = (key: string, ...subs: string[]) =>
      subs.reduce((s, sub, i) => s.replaceAll(`$${i + 1}`, sub), m[key]!.message);

    test(`connect, day, offline, needs attention, idle: axe and screenshots, light and dark`, async () => {
      if (lang !== 'en' && !existsSync(`/usr/lib/chromium/locales/${lang}.pak`))
        throw new Error('apt-get install chromium-l10n');
      const p = await h.popup();
      await p.setViewportSize({ width: 380, height: 600 });
      const state = async (name: string) => {
        await p.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
        for (const scheme of ['light', 'dark'] as const) {
          await p.emulateMedia({ colorScheme: scheme });
          expect(await seriousViolations(p), `${name} ${lang} ${scheme}`).toEqual([]);
          await p.screenshot({ path: `${ROOT}docs/screenshots/popup-${name}-${lang}-${scheme}.png` });
        }
        await p.emulateMedia({ colorScheme: 'light' });
      };

      // Not connected, no TimeCamp session in this browser: what to do next
      await p.getByRole('button', { name: say('connectWithLogin') }).click();
      await p.locator('#session-error a').waitFor();
      await state('connect');

      await p.getByLabel(say('connectTokenLabel')).fill(DEMO_USER.token);
      await p.getByRole('button', { name: say('connectButton'), exact: true }).click();
      await entryElsewhere(h, '08:00:00', '09:15:00', '9501', 'Hero section first draft');
      await entryElsewhere(h, '09:30:00', '10:00:00', '8001', 'Stand-up');
      await entryElsewhere(h, '10:05:00', '11:47:00', '9510', 'Hamburger menu on iOS Safari');
      await p.reload();
      const edit = async (note: string, beforeSave = async () => {}) => {
        await p.getByRole('button', { name: say('popupEditEntry', 'Write homepage copy') }).click();
        await p.getByLabel(say('popupEntryNote'), { exact: true }).fill(note);
        await beforeSave();
        await p.getByRole('button', { name: say('popupSave') }).click();
      };
      await p.locator('.entries li').first().waitFor({ timeout: 10_000 });
      // A change TimeCamp refused: named by entry and field
      await edit('refused', () =>
        h.emulator.setFaults({
          failNext: { count: 1, status: 403, body: { message: 'You do not have permissions to edit this entry' } },
          match: { method: 'PUT', path: '/entries' }, // not a refresh that happens to go first
        }),
      );
      await p.locator('.attention').waitFor({ timeout: 10_000 });
      await state('attention');
      await p.locator('.attention button').nth(1).click();
      await expect.poll(() => p.locator('.attention').count(), { timeout: 10_000 }).toBe(0);

      await p.getByLabel(say('popupStartLabel')).fill('pricing');
      await p.locator('.choice', { hasText: 'Design pricing table' }).click();
      await p.getByLabel(say('popupTimerNoteLabel')).fill('Three-tier layout');
      await p.getByLabel(say('popupTimerNoteLabel')).press('Enter');
      await expect.poll(() => p.locator('.entries li').count(), { timeout: 10_000 }).toBe(4);
      await p.locator('.week-total').waitFor({ timeout: 10_000 });
      await p.locator('.sync-line:not(.waiting)').waitFor({ timeout: 10_000 });
      await state('day');

      // Offline: one change waits, one sync line says so
      await h.emulator.setFaults({ refuseConnections: true });
      await edit('written offline');
      await p.locator('.sync-line.waiting').waitFor({ timeout: 10_000 });
      await state('offline');
      await h.emulator.clearFaults();
      await p.getByRole('button', { name: say('syncRetryNow') }).click();
      await p.locator('.sync-line:not(.waiting)').waitFor({ timeout: 10_000 });

      // The idle question (chrome.idle cannot be driven headless: the worker's record of it is written)
      const worker = await h.worker();
      await worker.evaluate(async (name) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open(name);
          open.onsuccess = () => resolve(open.result);
          open.onerror = () => reject(open.error);
        });
        const tx = db.transaction('kv', 'readwrite');
        const kv = tx.objectStore('kv');
        const timer = await new Promise<{ runId: string }>((resolve) => {
          const get = kv.get('timer');
          get.onsuccess = () => resolve(get.result as { runId: string });
        });
        kv.put(
          { runId: timer.runId, idleStartMs: Date.now() - 25 * 60_000, idleEndMs: Date.now() - 60_000 },
          'idlePrompt',
        );
        await new Promise((resolve) => (tx.oncomplete = resolve));
      }, DB_NAME);
      await p.reload();
      await p.locator('.idle-question').waitFor({ timeout: 10_000 });
      await state('idle');
    });
  });
}
