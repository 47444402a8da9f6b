// npm start: the TimeCamp emulator, the Planner sandbox and Chromium with the
// built extension, so the timer can be tried with no TimeCamp account.
// With a display: a real browser window stays open until Ctrl-C.
// Without one (CI, SSH): a headless tour that saves screenshots and exits.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, timerButton, ROOT } from '../tests/e2e/harness';
import { startEmulator } from '../tests/emulator/emulator';
import { DEMO_USER } from '../tests/fixtures/planner-seed';

const TASK_PAGE = '/projects/101/board?taskId=5001';

const emulator = await startEmulator({ port: Number(process.env.EMULATOR_PORT ?? 4100) });
console.log(`TimeCamp emulator: ${emulator.apiBase} (demo token ${DEMO_USER.token})`);
const headless = !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
const h = await launch({ emulator, headless });
console.log(`Extension loaded (id ${h.extensionId}); Planner sandbox at https://planner.timecamp.com${TASK_PAGE}`);

if (!headless) {
  await h.planner(TASK_PAGE);
  await h.popup();
  console.log(
    `Paste the demo token ${DEMO_USER.token} into the popup tab, then click "Start timer" on the task. Ctrl-C ends.`,
  );
  const stop = async () => {
    await h.close();
    await emulator.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
} else {
  const out = join(ROOT, '.tmp', 'demo');
  await mkdir(out, { recursive: true });
  await h.connect();
  const page = await h.planner(TASK_PAGE);
  const button = timerButton(page);
  await button.waitFor();
  await page.screenshot({ path: join(out, '1-task-idle.png') });
  await button.click();
  await page.waitForTimeout(3000);
  await page.screenshot({ path: join(out, '2-task-running.png') });
  const popup = await h.popup();
  await popup.setViewportSize({ width: 380, height: 560 });
  await popup.waitForTimeout(500);
  await popup.screenshot({ path: join(out, '3-popup.png') });
  await button.click();
  await page.waitForTimeout(1500);
  const entries = emulator.snapshot().entries;
  console.log(`No display: headless tour done. TimeCamp emulator now holds ${entries.length} entry:`, entries);
  console.log(`Screenshots: ${out}/1-task-idle.png, 2-task-running.png, 3-popup.png`);
  await h.close();
  await emulator.close();
}
