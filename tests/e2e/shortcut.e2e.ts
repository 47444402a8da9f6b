// Keyboard shortcut (issue #8): the command starts and stops the timer on the Planner
// task open in the active tab, and the popup lists the shortcuts. Headless Chromium
// does not route key presses through the browser's accelerators (a page-level
// Alt+Shift+Y never reaches commands.onCommand), so the test sends what the worker's
// onCommand handler sends (src/background/timer/shortcuts.ts, unit-tested on its own):
// the toggle push to the tab.
import { expect, test } from 'vitest';
import { timerButton, useHarness } from './harness';

const h = useHarness({ connect: true });

async function shortcut() {
  const worker = await h.worker();
  await worker.evaluate(async () => {
    const api = (
      globalThis as unknown as {
        chrome: {
          tabs: {
            query(q: object): Promise<{ id?: number; url?: string }[]>;
            sendMessage(id: number, m: object): Promise<unknown>;
          };
        };
      }
    ).chrome;
    const [tab] = await api.tabs.query({ active: true, lastFocusedWindow: true });
    if (tab?.id !== undefined) await api.tabs.sendMessage(tab.id, { type: 'background.toggle' });
  });
}

test('the shortcut toggles the timer on the open task', async () => {
  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5006');
  const button = timerButton(page);
  await button.waitFor();
  await page.bringToFront();
  await shortcut();
  await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 5000 }).toBe('true');
  await expect.poll(() => h.emulator.snapshot().timers['1001']?.taskId ?? null, { timeout: 10_000 }).toBe('9506');
  await shortcut();
  await expect.poll(() => button.getAttribute('aria-pressed'), { timeout: 5000 }).toBe('false');
  await expect.poll(() => h.emulator.snapshot().entries.length, { timeout: 10_000 }).toBe(1);
});

test('the popup shows the shortcuts', async () => {
  const popup = await h.popup();
  await expect.poll(() => popup.locator('footer.shortcuts').textContent()).toContain('Alt+Shift+Y');
  await popup.close();
});
