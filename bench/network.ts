// Issue #7 item 8: background network use. Each scenario gets its own browser and emulator,
// connected with the demo token, no extension page open during the window; requests are
// counted from the emulator's log over a fixed window and extrapolated to an hour (Chrome's
// alarms fire at most once a minute here: a window of a few minutes sees a few ticks).
import { launch, timerButton, type Harness } from '../tests/e2e/harness';

export const NETWORK_SCENARIOS = [
  'no Planner tab, no timer',
  'Planner tab open, no timer',
  'timer running, Planner tab open',
  'timer running, no Planner tab',
] as const;
export type NetworkScenario = (typeof NETWORK_SCENARIOS)[number];

export interface NetworkRun {
  scenario: NetworkScenario;
  windowMs: number;
  requests: number;
  perHour: number;
  byEndpoint: Record<string, number>;
  /** seconds into the window at which each request arrived */
  at: number[];
}

async function setUp(h: Harness, scenario: NetworkScenario): Promise<void> {
  await h.connect();
  if (scenario === 'no Planner tab, no timer') return;
  const page = await h.planner('/projects/101/board?fixture=modal&taskId=5001');
  await timerButton(page).waitFor();
  if (scenario.startsWith('timer running')) {
    await timerButton(page).click();
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-timecamp-timer]')?.shadowRoot?.querySelector('button');
      return b?.getAttribute('aria-pressed') === 'true' && b.getAttribute('aria-busy') === 'false' && b.title === '';
    });
  }
  if (scenario === 'timer running, no Planner tab') await page.close();
}

async function launchWithRetry(): Promise<Harness> {
  try {
    return await launch();
  } catch {
    return launch(); // a busy machine can miss the first service-worker event
  }
}

function count(h: Harness, scenario: NetworkScenario, from: number, to: number): NetworkRun {
  const inWindow = h.emulator.snapshot().requests.filter((q) => {
    const t = Date.parse(q.time);
    return t >= from && t < to;
  });
  const byEndpoint: Record<string, number> = {};
  for (const q of inWindow) {
    const key = `${q.method} ${q.path}${q.path === '/timer' ? ` ${(q.body as { action?: string }).action}` : ''}`;
    byEndpoint[key] = (byEndpoint[key] ?? 0) + 1;
  }
  return {
    scenario,
    windowMs: to - from,
    requests: inWindow.length,
    perHour: (inWindow.length * 3_600_000) / (to - from),
    byEndpoint,
    at: inWindow.map((q) => Math.round((Date.parse(q.time) - from) / 100) / 10),
  };
}

/**
 * All scenarios observed over one shared window (idle browsers: one window of wall time
 * instead of four); the browsers are launched and set up one after another.
 */
export async function measureNetwork(windowMs: number, settleMs = 5000): Promise<NetworkRun[]> {
  const open: { h: Harness; scenario: NetworkScenario }[] = [];
  try {
    for (const scenario of NETWORK_SCENARIOS) {
      const h = await launchWithRetry();
      open.push({ h, scenario });
      await setUp(h, scenario);
      // No popup or other extension page stays open (opening one legitimately refreshes).
      if (h.context.pages().some((p) => p.url().startsWith('chrome-extension://')))
        throw new Error('an extension page is open');
    }
    await new Promise((r) => setTimeout(r, settleMs));
    const from = Date.now();
    await new Promise((r) => setTimeout(r, windowMs));
    const to = Date.now();
    return open.map(({ h, scenario }) => count(h, scenario, from, to));
  } finally {
    for (const { h } of open) await h.close();
  }
}

if (process.argv[1]?.endsWith('network.ts')) {
  console.log(JSON.stringify(await measureNetwork(Number(process.argv[2] ?? 65_000)), null, 1));
}
