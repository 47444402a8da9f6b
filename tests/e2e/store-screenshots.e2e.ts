// Issue #8, store listing: screenshots of the Planner button (idle, running) taken from
// the Planner sandbox at 1280×800 into docs/screenshots/ (committed, shown in the
// README), and copied with the popup's light/dark shots (taken by popup.e2e.ts) into
// dist/store/ next to the store descriptions. Also checks every manifest icon exists at
// its declared size.
import { beforeAll, describe, expect, test } from 'vitest';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT, EXTENSION_DIR, useHarness } from './harness';
import { freshState, mainButton, openTask, waitButton } from './planner-button-helpers';
import { DEMO_USER } from '../fixtures/planner-seed';
import { localDate, wallClock } from '../../src/shared/wall-clock';

const SHOTS = join(ROOT, 'docs/screenshots');
const STORE = join(ROOT, 'dist/store');

const h = useHarness();
beforeAll(() => void mkdirSync(STORE, { recursive: true }));

/** Earlier today on the task, so "… on this task" shows next to the button */
async function earlierEntry() {
  const date = localDate(Date.now());
  await fetch(`${h.emulator.apiBase}/entries`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${DEMO_USER.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      date,
      start: `${date} 08:00:00`,
      end: `${date} 09:15:00`,
      task_id: '9501',
      note: 'Hero section first draft',
    }),
  });
}

/**
 * The sandbox board also holds the cards other tests need (an HTML-injection title, a
 * 2,000-character title); a store picture shows an ordinary board, so those two leave it.
 */
const tidyBoard = (page: Page) =>
  page.evaluate(() => {
    for (const card of document.querySelectorAll<HTMLElement>('[data-card-id]')) {
      const text = card.textContent ?? '';
      if (text.includes('<script>') || text.length > 200) card.remove();
    }
  });

/** PNG width × height from its IHDR chunk */
const pngSize = (path: string) => {
  const b = readFileSync(path);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
};

describe('store screenshots', () => {
  test('the Planner button idle and running, 1280×800', async () => {
    await freshState(h);
    await earlierEntry();
    const idle = await openTask(h, 'modal', '5001');
    await waitButton(idle, { pressed: 'false', labelStarts: 'Start timer' });
    await idle.locator('[data-timecamp-timer] .total').waitFor();
    await tidyBoard(idle);
    await idle.mouse.move(0, 0);
    await idle.screenshot({ path: join(SHOTS, 'button-idle.png') });
    await idle.close();

    // A timer started 47 minutes ago (in TimeCamp), seen on the task it runs on
    h.emulator.startElsewhere({
      userId: DEMO_USER.userId,
      taskId: '9501',
      startedAt: wallClock(Date.now() - (47 * 60 + 12) * 1000),
    });
    const running = await openTask(h, 'modal', '5001');
    await waitButton(running, { pressed: 'true', labelStarts: 'Stop tracking' }, 8000);
    await expect
      .poll(() => running.locator('[data-timecamp-timer] .clock').textContent(), { timeout: 5000 })
      .toMatch(/^0:47:\d\d$/);
    await tidyBoard(running);
    await running.mouse.move(0, 0);
    await running.screenshot({ path: join(SHOTS, 'button-running.png') });
    // Stop it, so the shot leaves nothing running
    await mainButton(running).click();
    await waitButton(running, { pressed: 'false' }, 8000);

    for (const name of ['button-idle.png', 'button-running.png'])
      expect(pngSize(join(SHOTS, name)), name).toEqual({ width: 1280, height: 800 });
  });

  test('copied to dist/store/ with the popup shots', () => {
    for (const name of ['button-idle.png', 'button-running.png', 'popup-light.png', 'popup-dark.png']) {
      expect(existsSync(join(SHOTS, name)), `${name} (popup shots come from popup.e2e.ts)`).toBe(true);
      copyFileSync(join(SHOTS, name), join(STORE, name));
    }
    for (const lang of ['en', 'pl', 'de'])
      copyFileSync(join(ROOT, 'store', `description-${lang}.md`), join(STORE, `description-${lang}.md`));
    console.log(`dist/store/: ${readdirSync(STORE).sort().join(', ')}`);
  });

  test('every icon the manifest names exists at its size, and 16/32/48/96/128 are there', () => {
    const manifest = JSON.parse(readFileSync(join(EXTENSION_DIR, 'manifest.json'), 'utf8')) as {
      icons: Record<string, string>;
      action: { default_icon: Record<string, string> };
    };
    for (const [size, file] of [...Object.entries(manifest.icons), ...Object.entries(manifest.action.default_icon)]) {
      expect(pngSize(join(EXTENSION_DIR, file)), file).toEqual({ width: Number(size), height: Number(size) });
    }
    for (const size of [16, 32, 48, 96, 128])
      expect(pngSize(join(EXTENSION_DIR, `icons/icon-${size}.png`)), `icon-${size}`).toEqual({
        width: size,
        height: size,
      });
  });

  test('store descriptions: a short one of at most 132 characters and the long one, per language', () => {
    for (const lang of ['en', 'pl', 'de']) {
      const text = readFileSync(join(ROOT, 'store', `description-${lang}.md`), 'utf8');
      const short = /## (?:Short description|Krótki opis|Kurzbeschreibung)\n\n(.+)\n/.exec(text)?.[1] ?? '';
      expect(short.length, `${lang} short description`).toBeGreaterThan(40);
      expect(short.length, `${lang} short description`).toBeLessThanOrEqual(132);
      const messages = JSON.parse(
        readFileSync(join(EXTENSION_DIR, '_locales', lang, 'messages.json'), 'utf8'),
      ) as Record<string, { message: string }>;
      expect(short, `${lang}: the same as extDescription in _locales`).toBe(messages.extDescription!.message);
      expect(text.length, `${lang} long description`).toBeGreaterThan(1000);
    }
  });
});
