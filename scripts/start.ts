// npm start: the TimeCamp emulator, the Planner sandbox and Chromium with the
// built extension, so the timer can be tried with no TimeCamp account.
// With a display: a real browser window stays open until Ctrl-C.
// Without one (CI, SSH): a headless tour that saves screenshots and exits.
// The sandbox shows Planner as the newest public evidence has it (issue 12): the
// card-details layout (a CardDetailsModal portal, bare UUID task ids) on a UUID project.
// The tour enters Planner at `/`, as users do, and reaches the task in-page.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { launch, timerButton, ROOT } from '../tests/e2e/harness';
import { startEmulator } from '../tests/emulator/emulator';
import { DEMO_USER, UUID_CARDS, UUID_PROJECT_ID, findCard } from '../tests/fixtures/planner-seed';

const PROJECT_PAGE = `/projects/${UUID_PROJECT_ID}/kanban`;
const TASK_ID = UUID_CARDS.digitFirst;
const TASK_PAGE = `${PROJECT_PAGE}?taskId=${TASK_ID}`;

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
  // Entry at `/` (the home page), then in-page navigation: the sidebar link to the
  // project, then the task's card (pushState, no reload).
  const page = await h.planner('/');
  await page.locator(`a[href="${PROJECT_PAGE}"]`).click();
  await page.locator(`[data-card-id="${TASK_ID}"]`).click();
  await page.waitForURL(`**${TASK_PAGE}`);
  const button = timerButton(page);
  await button.waitFor();
  console.log(`Task "${findCard(TASK_ID)?.title}" open at https://planner.timecamp.com${TASK_PAGE}, button shown`);
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
