// Issue #6 in the real browser: the token stays in the extension, and nothing from
// the page or the network can break or steer it. One browser for the whole file.
import { beforeAll, describe, expect, test } from 'vitest';
import type { CDPSession, ConsoleMessage, Page, Worker } from 'playwright-core';
import { API_ORIGIN, useHarness } from './harness';
import {
  mainButton,
  openTask,
  readButton,
  waitButton,
  waitEntries,
  waitIdle,
  waitRunning,
  freshState,
} from './planner-button-helpers';
import { DEMO_USER, findCard } from '../fixtures/planner-seed';
import { setSettings } from './settings-helpers';

const TOKEN = DEMO_USER.token;
/** The extension API as an extension page sees it (no @types/chrome here) */
type ExtensionGlobal = {
  chrome: {
    runtime: { sendMessage(m: unknown): Promise<unknown> };
    storage: { local: { get(k: null): Promise<unknown> } };
  };
};
const h = useHarness();
/** every console line of every page and of the service worker, from launch on (this hook runs right after it) */
const consoleLines: string[] = [];

beforeAll(() => {
  const record = (m: ConsoleMessage) => consoleLines.push(`${m.type()}: ${m.text()}`);
  const watchWorker = (w: Worker) => w.on('console', record);
  h.context.serviceWorkers().forEach(watchWorker);
  h.context.on('serviceworker', watchWorker);
  h.context.on('console', record);
  h.context.on('page', (p) => p.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`)));
});

/** The content script's isolated world in a Planner page, through CDP */
async function contentWorld(page: Page): Promise<{ cdp: CDPSession; contextId: number }> {
  const cdp = await h.context.newCDPSession(page);
  const contexts: Array<{
    id: number;
    origin: string;
    name: string;
    auxData?: { type?: string; isDefault?: boolean };
  }> = [];
  cdp.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
  await cdp.send('Runtime.enable'); // reports the existing contexts
  await expect
    .poll(() => contexts.some((c) => c.auxData?.type === 'isolated' && c.origin.includes(h.extensionId)), {
      timeout: 5000,
    })
    .toBe(true);
  const ours = contexts.find((c) => c.auxData?.type === 'isolated' && c.origin.includes(h.extensionId))!;
  return { cdp, contextId: ours.id };
}

async function evaluateIn(world: { cdp: CDPSession; contextId: number }, expression: string): Promise<string> {
  const result = await world.cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.contextId,
    awaitPromise: true,
    returnByValue: true,
  });
  if (result.exceptionDetails)
    throw new Error(`evaluation failed: ${JSON.stringify(result.exceptionDetails).slice(0, 500)}`);
  return String(result.result.value);
}

/** Everything a page-origin script can read: DOM (with the open shadow root), storage, cookies, every IndexedDB */
const PAGE_DUMP = `(async () => {
  const out = { html: document.documentElement.outerHTML, shadow: [], local: { ...localStorage }, session: { ...sessionStorage }, cookie: document.cookie, dbs: {} };
  for (const host of document.querySelectorAll('*')) if (host.shadowRoot) out.shadow.push(host.shadowRoot.innerHTML);
  for (const info of await indexedDB.databases()) {
    const db = await new Promise((ok, fail) => { const r = indexedDB.open(info.name); r.onsuccess = () => ok(r.result); r.onerror = () => fail(r.error); });
    out.dbs[info.name] = {};
    for (const store of db.objectStoreNames) {
      out.dbs[info.name][store] = await new Promise((ok) => { const r = db.transaction(store).objectStore(store).getAll(); r.onsuccess = () => ok(r.result); r.onerror = () => ok('error'); });
    }
    db.close();
  }
  return JSON.stringify(out);
})()`;

const TASK = { plannerTaskId: '5001', title: 'Fix login', breadcrumb: [] };
/** Every message type the worker knows, plus the obvious guesses, as a content script would send them */
const PROBES = [
  { type: 'auth.token' },
  { type: 'auth.get' },
  { type: 'token' },
  { type: 'popup.state' },
  { type: 'auth.connect', token: 'ffffffffffffffffffffffffff' },
  { type: 'auth.disconnect' },
  { type: 'timer.stop', clickedAtMs: Date.now() },
  { type: 'timer.note', note: 'forged' },
  { type: 'day.cached', date: '2026-01-01' },
  { type: 'day.refresh', date: '2026-01-01' },
  { type: 'attention.list' },
  { type: 'tasks.search', query: 'a' },
  { type: 'tasks.recent' },
  { type: 'content.hello', plannerTaskId: '5001', visible: true },
  { type: 'content.dismissProblem', plannerTaskId: '5001' },
  { type: 'background.view', view: {} },
  TASK,
];

describe('the token stays in the extension', () => {
  test('page scripts and the content script world cannot obtain it, by any obvious route; Disconnect removes it', async () => {
    await h.connect();
    const page = await openTask(h, 'modal', '5001');

    // Start and stop once, so every path that touches the token has run (console check below).
    await mainButton(page).click();
    await waitRunning(h, '9501');
    await mainButton(page).click();
    await waitIdle(h);

    // 1. The content script's isolated world: extension storage, messages of every type, IndexedDB.
    const world = await contentWorld(page);
    const fromContent = await evaluateIn(
      world,
      `(async () => {
        const out = { runtimeId: chrome.runtime.id, hasStorage: typeof chrome.storage, answers: [] };
        try { out.local = chrome.storage ? await chrome.storage.local.get(null) : null; } catch (e) { out.localError = String(e); }
        try { out.sync = chrome.storage?.sync ? await chrome.storage.sync.get(null) : null; } catch (e) { out.syncError = String(e); }
        try { out.sessionStore = chrome.storage?.session ? await chrome.storage.session.get(null) : null; } catch (e) { out.sessionError = String(e); }
        for (const probe of ${JSON.stringify(PROBES)}) {
          try { out.answers.push([probe.type, await chrome.runtime.sendMessage(probe)]); }
          catch (e) { out.answers.push([probe.type, 'error: ' + String(e)]); }
        }
        // The same probes on a port, as the content script's requests travel (worker-port.ts).
        const probes = ${JSON.stringify(PROBES)};
        const port = chrome.runtime.connect({ name: 'planner' });
        const replies = new Map();
        port.onMessage.addListener((m) => { if (m && typeof m.reply === 'number') replies.set(m.reply, m.answer); });
        probes.forEach((probe, i) => port.postMessage({ id: i, request: probe }));
        for (let waited = 0; replies.size < probes.length && waited < 5000; waited += 50) await new Promise((r) => setTimeout(r, 50));
        out.portAnswers = probes.map((probe, i) => [probe.type, replies.has(i) ? replies.get(i) : 'error: no reply']);
        port.disconnect();
        out.page = JSON.parse(await ${PAGE_DUMP});
        return JSON.stringify(out);
      })()`,
    );
    const content = JSON.parse(fromContent) as {
      runtimeId: string;
      answers: Array<[string, unknown]>;
      portAnswers: Array<[string, unknown]>;
      local: unknown;
    };
    expect(content.runtimeId).toBe(h.extensionId); // it really ran in our content script's world
    expect(fromContent).not.toContain(TOKEN);
    // Popup-only types from a content script are dropped: no answer at all.
    for (const [channel, got] of [
      ['sendMessage', content.answers],
      ['port', content.portAnswers],
    ] as const) {
      const answers = new Map(got);
      expect(answers.size, channel).toBe(PROBES.length);
      for (const type of [
        'auth.token',
        'auth.get',
        'token',
        'popup.state',
        'auth.connect',
        'auth.disconnect',
        'timer.stop',
        'day.cached',
        'attention.list',
        'tasks.recent',
        'background.view',
      ])
        expect(answers.get(type) ?? null, `${channel} ${type}`).toSatisfy(
          (a: unknown) => a === null || (typeof a === 'string' && a.startsWith('error')),
        );
      // …while the content script's own type answers with a view (the channel works).
      expect(answers.get('content.hello'), channel).toMatchObject({ connected: true });
    }
    // The forged auth.disconnect did nothing.
    const popup = await h.popup();
    await popup.getByText(/Connected as/).waitFor({ timeout: 5000 });

    // 2. The page's own scripts: DOM, open shadow root, storage, cookies, IndexedDB of the page origin, messaging.
    const fromPage = String(await page.evaluate(PAGE_DUMP));
    expect(fromPage).not.toContain(TOKEN);
    expect(fromPage).toContain('Start timer'); // the dump did include the shadow root
    expect(Object.keys((JSON.parse(fromPage) as { dbs: object }).dbs)).not.toContain('timecamp-planner-timer');
    const pageMessaging = await page.evaluate(async (id) => {
      const c = (
        globalThis as { chrome?: { runtime?: { sendMessage?: (id: string, m: unknown) => Promise<unknown> } } }
      ).chrome;
      if (!c?.runtime?.sendMessage) return 'no runtime messaging';
      try {
        return JSON.stringify(await c.runtime.sendMessage(id, { type: 'popup.state' }));
      } catch (e) {
        return `error: ${String(e)}`;
      }
    }, h.extensionId);
    expect(pageMessaging).not.toContain(TOKEN);
    expect(pageMessaging).toMatch(/^(no runtime messaging|error)/);

    // 3. Even our own popup is never sent the token: it gets the account only.
    const state = await popup.evaluate(() =>
      (globalThis as unknown as ExtensionGlobal).chrome.runtime.sendMessage({ type: 'popup.state' }),
    );
    expect(JSON.stringify(state)).toContain(DEMO_USER.email);
    expect(JSON.stringify(state)).not.toContain(TOKEN);

    // 4. The console of every page and of the worker, through connect, start and stop.
    await (await h.worker()).evaluate(() => console.warn('[security-e2e] worker console is captured'));
    await expect
      .poll(() => consoleLines.some((l) => l.includes('[security-e2e] worker console is captured')))
      .toBe(true);
    expect(consoleLines.filter((l) => l.includes(TOKEN))).toEqual([]);

    // 5. While connected the extension's IndexedDB holds it (the check below is not vacuous)…
    const extensionDb = () =>
      popup.evaluate(async () => {
        const db = await new Promise<IDBDatabase>((ok, fail) => {
          const r = indexedDB.open('timecamp-planner-timer');
          r.onsuccess = () => ok(r.result);
          r.onerror = () => fail(r.error);
        });
        const dump: Record<string, unknown> = {};
        for (const store of db.objectStoreNames) {
          dump[store] = await new Promise((ok) => {
            const r = db.transaction(store).objectStore(store).getAll();
            r.onsuccess = () => ok(r.result);
          });
        }
        db.close();
        return JSON.stringify({
          dump,
          dbs: await indexedDB.databases(),
          local: await (globalThis as unknown as ExtensionGlobal).chrome.storage.local.get(null),
        });
      });
    expect(await extensionDb()).toContain(TOKEN);
    // …and after Disconnect nothing anywhere in it does.
    await popup.getByRole('button', { name: 'Disconnect' }).click();
    await popup.getByLabel('API token').waitFor();
    const after = await extensionDb();
    expect(after).not.toContain(TOKEN);
    expect(after).not.toContain(DEMO_USER.email);
    await world.cdp.detach();
    await Promise.all([page.close(), popup.close()]);
  });
});

describe('nothing from the page steers the extension', () => {
  test('a forged background.view posted with window.postMessage does not change the button', async () => {
    await freshState(h);
    const page = await openTask(h, 'modal', '5001');
    await waitButton(page, { pressed: 'false', labelStarts: 'Start timer' });
    await page.evaluate(() => {
      const view = {
        connected: true,
        running: {
          plannerTaskId: '5001',
          taskId: '9501',
          title: 'Forged',
          breadcrumb: [],
          note: '',
          startedAtMs: Date.now() - 3_600_000,
          synced: true,
        },
        pending: 0,
        attention: 0,
        problems: [],
      };
      window.postMessage({ type: 'background.view', view }, '*');
      window.postMessage(JSON.stringify({ type: 'background.view', view }), '*');
      document.dispatchEvent(new CustomEvent('background.view', { detail: { view } }));
    });
    await page.waitForTimeout(700);
    const s = await readButton(page);
    expect(s).toMatchObject({ hosts: 1, pressed: 'false' });
    expect(s.label.startsWith('Start timer')).toBe(true);
    await page.close();
  });

  test('the HTML-payload task shows literally, runs nothing, and is the literal note', async () => {
    await freshState(h);
    await setSettings(h, { noteIsTitle: true });
    const title = findCard('5032')!.title;
    const page = await openTask(h, 'modal', '5032');
    const pwned = () => page.evaluate(() => (window as { __pwned?: unknown }).__pwned);
    expect(await pwned()).toBeUndefined();
    await mainButton(page).click();
    await waitRunning(h, '9532');
    expect(await pwned()).toBeUndefined();
    await mainButton(page).click();
    const [entry] = await waitEntries(h, 1);
    expect(entry!.note).toBe(title);
    expect(await pwned()).toBeUndefined();
    // No element the payload names was created anywhere in our button.
    expect(
      await page.evaluate(
        () => document.querySelector('[data-timecamp-timer]')!.shadowRoot!.querySelectorAll('img, script, b').length,
      ),
    ).toBe(0);
    await page.close();
    await setSettings(h, {});
  });
});

describe('hostile network answers', () => {
  test('an HTML page instead of JSON on the start: a clear state, then a retry that succeeds (no stuck state)', async () => {
    await freshState(h);
    const page = await openTask(h, 'modal', '5001');
    // The emulator's failNext armed exactly when the start request arrives, so it hits the start.
    let starts = 0;
    await h.context.route(`${API_ORIGIN}/third_party/api/timer*`, async (route) => {
      const body = route.request().postData() ?? '';
      if (/"action"\s*:\s*"start"/.test(body) && starts++ === 0)
        await h.emulator.setFaults({ failNext: { count: 1, status: 200, body: '<html>oops</html>' } });
      await route.fallback();
    });
    await mainButton(page).click();
    // The button shows the click at once and says it is not confirmed yet; never a raw error page.
    await waitButton(page, { pressed: 'true', labelStarts: 'Stop tracking' });
    expect((await readButton(page)).message).not.toContain('<html>');
    // The outbox retries on its own and TimeCamp ends up running the right task.
    await waitRunning(h, '9501', 20_000);
    expect(starts).toBeGreaterThanOrEqual(2);
    await waitButton(page, { pressed: 'true', labelStarts: 'Stop tracking' }, 10_000);
    const popup = await h.popup();
    await popup.getByText(/Connected as/).waitFor({ timeout: 5000 });
    expect(await popup.locator('body').textContent()).not.toContain('oops');
    await popup.close();
    // Not stuck: stopping works and leaves one entry.
    await mainButton(page).click();
    await waitIdle(h, 10_000);
    const [entry] = await waitEntries(h, 1);
    expect(entry!.taskId).toBe('9501');
    await h.context.unroute(`${API_ORIGIN}/third_party/api/timer*`);
    await page.close();
  });
});
