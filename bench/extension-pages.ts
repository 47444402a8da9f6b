// Issue #7 items 5 and 6: the popup's first render (cached data, empty cache) and the
// service worker's cold start → first message answered. Chromium, production build.
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { EXTENSION_DIR, ROOT, type Harness } from '../tests/e2e/harness';
import { summarise, type Summary } from './lib/stats';

/** The baseline page: popup.html's document with a script that only marks (no popup code) */
const BLANK_PAGE = 'bench-blank.html';

/**
 * A copy of the production build with one page added beside the popup: the same HTML,
 * stylesheet and head, whose script only sets the two marks. It measures what Chromium
 * takes to open any extension page, the popup's "without the extension" figure. A copy,
 * so nothing the benchmark adds can end up in extension/ or a store package.
 */
export async function buildWithBlankPage(): Promise<string> {
  const dir = join(ROOT, '.tmp', 'bench-extension');
  await rm(dir, { recursive: true, force: true });
  await cp(EXTENSION_DIR, dir, { recursive: true });
  const popup = await readFile(join(dir, 'popup.html'), 'utf8');
  if (!popup.includes('src="popup.js"'))
    throw new Error('popup.html no longer loads popup.js: update the baseline page');
  await writeFile(
    join(dir, 'bench-blank.js'),
    "performance.mark('popup-script-start');performance.mark('popup-first-render');\n",
  );
  await writeFile(join(dir, BLANK_PAGE), popup.replace('src="popup.js"', 'src="bench-blank.js"'));
  return dir;
}

export interface PopupRun {
  /** navigation start → performance.mark('popup-first-render') */
  firstRender: number;
  /** navigation start → performance.mark('popup-script-start'), popup.js's first line */
  scriptStart: number;
  /** what popup.js itself took to the first render */
  popupShare: number;
  /** timesheet rows in the first render */
  rows: number;
  /** navigation start → today's entries are on screen (polled every 2 ms; NaN = never within 5 s) */
  rowsAt: number;
}

export interface PopupResult {
  cached: PopupCase;
  empty: PopupCase;
  /** navigation start → the blank page's script (BLANK_PAGE), opened between the cached openings */
  blank: Summary;
  /** cached first render − blank (medians): what the popup adds to opening an extension page */
  popupOwn: number;
}

export interface PopupCase {
  firstRender: Summary;
  scriptStart: Summary;
  popupShare: Summary;
  rowsMin: number;
  /** navigation start → the day's entries on screen */
  rowsAt: Summary;
}

async function openPopupOnce(h: Harness, pageName = 'popup.html'): Promise<PopupRun> {
  const page = await h.context.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/${pageName}`);
  const run = await page.evaluate(async (waitForRows) => {
    const mark = (name: string) => performance.getEntriesByName(name)[0]?.startTime;
    const began = performance.now();
    while (mark('popup-first-render') === undefined && performance.now() - began < 10_000)
      await new Promise((r) => setTimeout(r, 2));
    const firstRender = mark('popup-first-render') ?? Number.NaN;
    const scriptStart = mark('popup-script-start') ?? Number.NaN;
    const rows = document.querySelectorAll('.entries li').length;
    let rowsAt = rows > 0 ? firstRender : Number.NaN;
    while (waitForRows && Number.isNaN(rowsAt) && performance.now() - began < 5000) {
      await new Promise((r) => setTimeout(r, 2));
      if (document.querySelectorAll('.entries li').length > 0) rowsAt = performance.now();
    }
    return { firstRender, scriptStart, popupShare: firstRender - scriptStart, rows, rowsAt };
  }, pageName === 'popup.html');
  // The popup refreshes from TimeCamp once open: let that finish before the next opening.
  await page.waitForTimeout(400);
  await page.close();
  return run;
}

/** Empty the day cache (IndexedDB store 'entries') from the worker, as on a fresh install/new day */
async function clearDayCache(h: Harness): Promise<void> {
  const worker = await h.worker();
  await worker.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('timecamp-planner-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('entries', 'readwrite');
          tx.objectStore('entries').clear();
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

const sum = (runs: PopupRun[]): PopupCase => ({
  firstRender: summarise(runs.map((r) => r.firstRender)),
  scriptStart: summarise(runs.map((r) => r.scriptStart)),
  popupShare: summarise(runs.map((r) => r.popupShare)),
  rowsMin: Math.min(...runs.map((r) => r.rows)),
  rowsAt: summarise(runs.map((r) => r.rowsAt).filter((v) => !Number.isNaN(v))),
});

/** Needs a connected harness with at least one entry today (so "cached" has rows to show). */
export async function measurePopup(h: Harness, n: number): Promise<PopupResult> {
  await openPopupOnce(h); // fills the day cache
  await openPopupOnce(h); // warm-up (first page load of the profile)
  const cached: PopupRun[] = [];
  const blank: PopupRun[] = [];
  await openPopupOnce(h, BLANK_PAGE); // warm-up
  for (let i = 0; i < n; i++) {
    cached.push(await openPopupOnce(h));
    blank.push(await openPopupOnce(h, BLANK_PAGE));
  }
  const empty: PopupRun[] = [];
  for (let i = 0; i < n; i++) {
    await clearDayCache(h);
    empty.push(await openPopupOnce(h));
  }
  const blankStart = summarise(blank.map((r) => r.scriptStart));
  return {
    cached: sum(cached),
    empty: sum(empty),
    blank: blankStart,
    popupOwn: sum(cached).firstRender.p50 - blankStart.p50,
  };
}

export interface ColdStartResult {
  /** worker stopped → sendMessage popup.state answered */
  cold: Summary;
  /** same message to a running worker */
  warm: Summary;
}

export async function measureWorkerColdStart(h: Harness, n: number): Promise<ColdStartResult> {
  const page = await h.popup();
  await page.waitForTimeout(1000);
  const roundTrip = () =>
    page.evaluate(async () => {
      const t0 = performance.now();
      const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
        .chrome;
      const answer = await api.runtime.sendMessage({ type: 'popup.state' });
      if (!answer) throw new Error('no answer to popup.state');
      return performance.now() - t0;
    });
  const cold: number[] = [];
  const warm: number[] = [];
  for (let i = 0; i < n; i++) {
    await h.killWorker();
    // Let the stop settle: nothing of the old worker may answer.
    await page.waitForTimeout(300);
    cold.push(await roundTrip());
    await page.waitForTimeout(300);
    warm.push(await roundTrip());
  }
  await page.close();
  return { cold: summarise(cold), warm: summarise(warm) };
}

if (process.argv[1]?.endsWith('extension-pages.ts')) {
  const { launch } = await import('../tests/e2e/harness');
  const { shimNames } = await import('./lib/page-probes');
  const h = await launch({ extensionDir: await buildWithBlankPage() });
  try {
    await shimNames(h.context);
    await h.connect();
    console.log(JSON.stringify(await measurePopup(h, Number(process.argv[2] ?? 3)), null, 1));
    console.log(JSON.stringify(await measureWorkerColdStart(h, Number(process.argv[2] ?? 3)), null, 1));
  } finally {
    await h.close();
  }
}
