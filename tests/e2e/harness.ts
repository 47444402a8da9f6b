// Launches the built extension (extension/, the production build) in the
// system Chromium with playwright-core, against the TimeCamp emulator and the
// Planner sandbox. Both are served under their real URLs through Playwright's
// routing, so the production manifest's match patterns and host permissions are
// what the browser applies:
//   https://planner.timecamp.com/projects/…        → Planner sandbox
//   https://app.timecamp.com/third_party/api/…     → TimeCamp emulator
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator } from '../emulator/emulator';
import { handleSandboxRequest } from '../sandbox/server';
import { DEMO_USER } from '../fixtures/planner-seed';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const EXTENSION_DIR = join(ROOT, 'extension');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const PLANNER = 'https://planner.timecamp.com';
export const API_ORIGIN = 'https://app.timecamp.com';

export interface Harness {
  context: BrowserContext;
  emulator: Emulator;
  extensionId: string;
  profileDir: string;
  worker(): Promise<Worker>;
  /** open a Planner sandbox page, e.g. '/projects/101/board?fixture=modal&taskId=5001' */
  planner(path: string, page?: Page): Promise<Page>;
  popup(query?: string): Promise<Page>;
  /** connect through the popup with a token (the demo token by default) */
  connect(token?: string): Promise<void>;
  /** stop the service worker the hard way (as Chrome does when it idles or crashes) */
  killWorker(): Promise<void>;
  /** close the browser but keep the profile; `relaunch` opens it again */
  closeBrowser(): Promise<void>;
  relaunch(): Promise<Harness>;
  close(): Promise<void>;
}

export interface LaunchOptions {
  emulator?: Emulator;
  profileDir?: string;
  headless?: boolean;
  /** IANA zone for the browser (Node's own TZ is set by the runner) */
  timeZone?: string;
  /**
   * false: the same Chromium, flags and routes, but no extension loaded (benchmark
   * baselines). extensionId is then '' and worker/popup/connect/killWorker do not apply.
   */
  withExtension?: boolean;
  /** another unpacked build to load (benchmarks: a copy with a blank page beside the popup) */
  extensionDir?: string;
  /**
   * Browser UI language, e.g. 'pl' (default: the machine's, en-US here); chrome.i18n,
   * navigator.language and Intl follow it. Linux Chromium takes it from LANGUAGE (it
   * ignores --lang there) and only for a locale whose .pak is installed (Debian: chromium-l10n).
   */
  locale?: string;
  /** more Chromium flags (benchmarks: e.g. --host-resolver-rules so a peer extension's requests never leave the machine) */
  args?: string[];
}

async function routeApi(route: Route, emulator: Emulator): Promise<void> {
  const url = new URL(route.request().url());
  const target = `${emulator.url}${url.pathname}${url.search}`;
  try {
    const response = await route.fetch({ url: target, maxRedirects: 0, timeout: 0 });
    await route.fulfill({ response });
  } catch (error) {
    // The emulator refused or dropped the connection: show the browser the same.
    const message = String(error);
    await route.abort(/ECONNREFUSED/.test(message) ? 'connectionrefused' : 'connectionreset').catch(() => undefined); // the page gave up first (its own timeout)
  }
}

async function routePlanner(route: Route): Promise<void> {
  const res = await handleSandboxRequest(route.request().url());
  await route.fulfill({ status: res.status, contentType: res.contentType, body: res.body, headers: res.headers });
}

export async function launch(options: LaunchOptions = {}): Promise<Harness> {
  const withExtension = options.withExtension ?? true;
  const extensionDir = options.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(extensionDir, 'manifest.json')))
    throw new Error(`${extensionDir} is not built: run \`npm run build\``);
  const emulator = options.emulator ?? (await startEmulator({ port: 0 }));
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const profileDir = options.profileDir ?? (await mkdtemp(join(ROOT, '.tmp', 'profile-')));

  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: options.headless ?? true,
    timezoneId: options.timeZone,
    viewport: { width: 1280, height: 800 },
    ...(options.locale ? { locale: options.locale, env: { ...process.env, LANGUAGE: options.locale } } : {}),
    args: [
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      ...(withExtension ? [`--disable-extensions-except=${extensionDir}`, `--load-extension=${extensionDir}`] : []),
      ...(options.args ?? []),
    ],
  });
  await context.route(`${PLANNER}/**`, routePlanner);
  await context.route(`${API_ORIGIN}/**`, (route) => routeApi(route, emulator));

  const firstWorker = withExtension
    ? (context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker')))
    : null;
  const extensionId = firstWorker ? new URL(firstWorker.url()).host : '';

  const harness: Harness = {
    context,
    emulator,
    extensionId,
    profileDir,
    async worker() {
      const live = context.serviceWorkers().find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
      if (live) return live;
      // Wake it: any message from an extension page starts it again.
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html`);
      const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
      await page.close();
      return worker;
    },
    async planner(path, page) {
      const p = page ?? (await context.newPage());
      await p.goto(`${PLANNER}${path}`);
      return p;
    },
    async popup(query = '') {
      const page = await context.newPage();
      await page.goto(`chrome-extension://${extensionId}/popup.html${query}`);
      return page;
    },
    async connect(token = DEMO_USER.token) {
      const page = await harness.popup();
      await page.getByLabel('API token').fill(token);
      await page.getByRole('button', { name: 'Connect', exact: true }).click();
      await page.getByText(/Connected as/).waitFor();
      await page.close();
    },
    async killWorker() {
      const page = context.pages()[0] ?? (await context.newPage());
      const cdp = await context.newCDPSession(page);
      await cdp.send('ServiceWorker.enable');
      await cdp.send('ServiceWorker.stopAllWorkers');
      await cdp.detach();
    },
    async closeBrowser() {
      await context.close();
    },
    async relaunch() {
      return launch({ ...options, emulator, profileDir });
    },
    async close() {
      await context.close().catch(() => undefined);
      if (!options.emulator) await emulator.close();
      if (!options.profileDir) await rm(profileDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface UseHarnessOptions extends LaunchOptions {
  /** a fresh browser (and emulator) for every test instead of one for the file */
  perTest?: boolean;
  /** connect through the popup with the demo token after each launch */
  connect?: boolean;
  /** before every test, e.g. `(h) => h.emulator.reset()` */
  beforeEachTest?: (h: Harness) => Promise<unknown>;
}

/**
 * The launch / reset / close every e2e file needs, registered as vitest hooks. Returns the
 * harness of the running browser: a stand-in that forwards to the one launched for the
 * current test, so a file writes `const h = useHarness(…)` once at the top.
 */
export function useHarness(options: UseHarnessOptions = {}): Harness {
  const { perTest = false, connect = false, beforeEachTest, ...launchOptions } = options;
  let current: Harness | undefined;
  const start = async () => {
    current = await launch(launchOptions);
    if (connect) await current.connect();
  };
  const stop = async () => {
    await current?.close();
    current = undefined;
  };
  if (perTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  if (beforeEachTest) beforeEach(async () => void (await beforeEachTest(harnessNow())));
  const harnessNow = (): Harness => {
    if (!current) throw new Error('useHarness: no browser is running (outside a test?)');
    return current;
  };
  return new Proxy({} as Harness, { get: (_target, key) => Reflect.get(harnessNow(), key) });
}

/** The single button host in a page (throws when there are several) */
export function timerButton(page: Page) {
  return page
    .locator('[data-timecamp-timer]')
    .getByRole('button', { name: /^(Start timer|Stop tracking|Switch timer here|Waiting for connection)/ });
}
