// Issue 14 item 1: an extension update (or reload) with a Planner tab open. Chrome keeps the
// old tab's content script, orphaned, and injects manifest content scripts only on a page
// load: the new version must put its own content script into the open tab, which takes
// over the button; the running timer shows, and Stop tracking there stops it in TimeCamp,
// without a page reload. (The orphan's own message is in tests/unit/content/orphaned-script.test.ts.)
import { describe, expect, test } from 'vitest';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { timerButton, useHarness } from './harness';
import { freshState, readButton, waitButton, waitEntries, waitIdle, waitRunning } from './planner-button-helpers';

/** The extension APIs these steps call inside the browser (no @types/chrome here) */
interface ChromeApi {
  runtime: { reload(): void; getManifest(): { version: string } };
  developerPrivate: { updateProfileConfiguration(config: object, done: () => void): void };
}
// A copy of the build: the test writes a new version into its manifest.
const h = useHarness({ copyExtension: true });

/** Developer mode (needed for chrome.runtime.reload of an unpacked extension), as TESTING.md says */
async function developerMode(): Promise<void> {
  const page = await h.context.newPage();
  await page.goto('chrome://extensions/');
  await page.evaluate(
    () =>
      new Promise<void>((resolve) =>
        (globalThis as unknown as { chrome: ChromeApi }).chrome.developerPrivate.updateProfileConfiguration(
          { inDeveloperMode: true },
          resolve,
        ),
      ),
  );
  await page.close();
}

describe('an update with a Planner tab open', () => {
  test("the open tab gets the new version's button, which shows the running timer and stops it, no reload", async () => {
    await freshState(h);
    const page = await h.planner('/projects/101/board?fixture=modal&taskId=5001');
    await waitButton(page, { hosts: 1, labelStarts: 'Start timer' }, 6000);
    await timerButton(page).click();
    await waitButton(page, { pressed: 'true' });
    await waitRunning(h, '9501');
    // Mark the page: a reload would lose it.
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true));

    await developerMode();
    const manifestPath = join(h.extensionDir, 'manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as { version: string };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '0.1.999' }, null, 2));
    const worker = await h.worker();
    const next = h.context.waitForEvent('serviceworker', { timeout: 15_000 });
    await worker.evaluate(
      () => void setTimeout(() => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.reload(), 50),
    );
    const newWorker = await next;
    expect(
      await newWorker.evaluate(
        () => (globalThis as unknown as { chrome: ChromeApi }).chrome.runtime.getManifest().version,
      ),
    ).toBe('0.1.999');

    // The new content script took over the open tab: one button, the running timer, working.
    await waitButton(page, { hosts: 1, pressed: 'true', labelStarts: 'Stop tracking' }, 10_000);
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true);
    await timerButton(page).click();
    await waitButton(page, { pressed: 'false', labelStarts: 'Start timer' });
    await waitIdle(h);
    const [entry] = await waitEntries(h, 1);
    expect(entry!.taskId).toBe('9501');
    const after = await readButton(page);
    expect(after.hosts).toBe(1);
    expect(after.message).not.toMatch(/reload/i);
    await page.close();
  });
});
