// Launches the built extension (extension/, the production build) in the
// system Chromium with playwright-core, against the TimeCamp emulator and the
// Planner sandbox. Both are served under their real URLs through Playwright's
// routing, so the production manifest's match patterns and host permissions are
// what the browser applies:
//   https://planner.timecamp.com/projects/…        → Planner sandbox
//   https://app.timecamp.com/third_party/api/…     → TimeCamp emulator
import { chromium, type BrowserContext, type Page, type Route, type Worker } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { cp, mkdtemp, rm, mkdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type Emulator, type EmulatorOptions } from '../emulator/emulator';
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
  /** the unpacked build the browser loaded */
  extensionDir: string;
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
  /** an emulator the caller owns (and closes); without it launch starts one, closed with the harness */
  emulator?: Emulator;
  /** how that emulator is started, e.g. `{ realistic: true }` for TimeCamp's recorded answers */
  emulatorOptions?: EmulatorOptions;
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
  /** load a throwaway copy of the build, so a test may edit its manifest and reload it; removed on close */
  copyExtension?: boolean;
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
  const builtDir = options.extensionDir ?? EXTENSION_DIR;
  if (withExtension && !existsSync(join(builtDir, 'manifest.json')))
    throw new Error(`${builtDir} is not built: run \`npm run build\``);
  const emulator = options.emulator ?? (await startEmulator({ port: 0, ...options.emulatorOptions }));
  await mkdir(join(ROOT, '.tmp'), { recursive: true });
  const extensionDir = options.copyExtension ? await mkdtemp(join(ROOT, '.tmp', 'extension-')) : builtDir;
  if (options.copyExtension) await cp(builtDir, extensionDir, { recursive: true });
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
    extensionDir,
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
      return launch({ ...options, emulator, profileDir, extensionDir, copyExtension: false });
    },
    async close() {
      await context.close().catch(() => undefined);
      if (!options.emulator) await emulator.close();
      if (!options.profileDir) await rm(profileDir, { recursive: true, force: true });
      if (options.copyExtension) await rm(extensionDir, { recursive: true, force: true });
    },
  };
  return harness;
}

export interface UseHarnessOptions extends LaunchOptions {
  /** a fresh browser (and emulator) for every test instead of one for the file (or the describe block) */
  perTest?: boolean;
  /** connect through the popup with the demo token after each launch */
  connect?: boolean;
  /** before every test, e.g. `(h) => h.emulator.reset()` or `freshState` */
  beforeEachTest?: (h: Harness) => Promise<unknown>;
}

/**
 * The launch / reset / close every e2e file needs, registered as vitest hooks where it is
 * called (the file, or a describe block: e.g. one per browser language). Returns the harness
 * of the running browser: a stand-in that forwards to the one launched for the current test,
 * so a file writes `const h = useHarness(…)` once at the top. `h.relaunch()` (the browser
 * reopened on the same profile and emulator) moves the stand-in to the new browser; every
 * browser it opened is closed at the end. Hooks a file registers after this call run after
 * the launch, and their after-hooks before the close.
 */
export function useHarness(options: UseHarnessOptions = {}): Harness {
  const { perTest = false, connect = false, beforeEachTest, ...launchOptions } = options;
  /** the first launch owns the emulator, the profile and any copy of the build; relaunches reuse them */
  let first: Harness | undefined;
  let current: Harness | undefined;
  const start = async () => {
    first = current = await launch(launchOptions);
    if (connect) await current.connect();
  };
  const stop = async () => {
    if (current !== first) await current?.close();
    await first?.close();
    first = current = undefined;
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
  const standIn: Harness = new Proxy({} as Harness, {
    get: (_target, key) =>
      key === 'relaunch'
        ? async () => {
            current = await harnessNow().relaunch();
            return standIn;
          }
        : Reflect.get(harnessNow(), key),
  });
  return standIn;
}

/** The single button host in a page (throws when there are several) */
export function timerButton(page: Page) {
  return page
    .locator('[data-timecamp-timer]')
    .getByRole('button', { name: /^(Start timer|Stop tracking|Switch timer here|Waiting for connection)/ });
}
