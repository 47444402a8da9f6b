// Firefox smoke test (issue #8): the Firefox build (dist/firefox) is installed
// into firefox-esr with web-ext, the popup page is opened over WebDriver BiDi
// (Firefox's own remote agent; Playwright cannot drive a stock Firefox), and the
// popup must get answers from the background event page: its state (the token
// form) and a Connect attempt that reaches the fetch path (here: no network).
//   npm run test:firefox      (needs: apt-get install -y firefox-esr)
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import WebSocket from 'ws';
import { ROOT } from '../e2e/harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const ADDON_ID = 'planner-timer@timecamp-timer.org';
const TIMEOUT_MS = 90_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

class Bidi {
  private id = 0;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  constructor(private socket: WebSocket) {
    socket.on('message', (data) => {
      const msg = JSON.parse(String(data)) as {
        id?: number;
        type: string;
        result?: unknown;
        error?: string;
        message?: string;
      };
      const waiter = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.type === 'error') waiter.reject(new Error(`${msg.error}: ${msg.message}`));
      else waiter.resolve(msg.result);
    });
  }
  static async connect(url: string): Promise<Bidi> {
    for (let i = 0; ; i++) {
      try {
        const socket = new WebSocket(url);
        await new Promise((resolve, reject) => {
          socket.once('open', resolve);
          socket.once('error', reject);
        });
        return new Bidi(socket);
      } catch (error) {
        if (i > 60) throw error;
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }
  send<T>(method: string, params: object): Promise<T> {
    const id = ++this.id;
    this.socket.send(JSON.stringify({ id, method, params }));
    return new Promise<T>((resolve, reject) =>
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject }),
    );
  }
  close() {
    this.socket.close();
  }
}

async function main(): Promise<void> {
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} not found: apt-get install -y firefox-esr`);
  if (!existsSync(join(ROOT, 'dist/firefox/manifest.json')))
    throw new Error('dist/firefox is not built: npm run build');
  const port = await freePort();
  const webExt = spawn(
    join(ROOT, 'node_modules/.bin/web-ext'),
    [
      'run',
      '--target',
      'firefox-desktop',
      '--firefox',
      FIREFOX,
      '--source-dir',
      join(ROOT, 'dist/firefox'),
      '--no-reload',
      '--no-input',
      '--args=--remote-allow-system-access',
      '--args=--remote-debugging-port',
      `--args=${port}`,
    ],
    { env: { ...process.env, MOZ_HEADLESS: '1' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let log = '';
  webExt.stdout.on('data', (d) => (log += String(d)));
  webExt.stderr.on('data', (d) => (log += String(d)));
  // web-ext never exits by itself: end the whole process group (web-ext and Firefox).
  const stop = () => {
    try {
      process.kill(-webExt.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const deadline = setTimeout(() => {
    console.error(`firefox smoke: timed out\n${log.slice(-3000)}`);
    stop();
    process.exit(1);
  }, TIMEOUT_MS);

  try {
    while (!/Installed .* as a temporary add-on/.test(log)) {
      if (webExt.exitCode !== null) throw new Error(`web-ext exited early:\n${log.slice(-3000)}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    const bidi = await Bidi.connect(`ws://127.0.0.1:${port}/session`);
    await bidi.send('session.new', { capabilities: {} });
    // Content contexts may not navigate to extension pages: the browser window (chrome scope,
    // allowed by --remote-allow-system-access) opens the popup page as a trusted tab.
    const chrome = await bidi.send<{ contexts: { context: string }[] }>('browsingContext.getTree', {
      'moz:scope': 'chrome',
    });
    const inChrome = (expression: string) =>
      bidi.send<{ result: { value?: unknown } }>('script.evaluate', {
        expression,
        target: { context: chrome.contexts[0]!.context },
        awaitPromise: true,
      });
    const host = String(
      (await inChrome(`WebExtensionPolicy.getByID('${ADDON_ID}')?.mozExtensionHostname`)).result.value,
    );
    await inChrome(`openTrustedLinkIn('moz-extension://${host}/popup.html', 'tab'), true`);
    let context = '';
    for (let i = 0; i < 100 && !context; i++) {
      const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
      context = tree.contexts.find((c) => c.url.startsWith(`moz-extension://${host}/`))?.context ?? '';
      if (!context) await new Promise((r) => setTimeout(r, 200));
    }
    if (!context) {
      const tree = await bidi.send<{ contexts: { context: string; url: string }[] }>('browsingContext.getTree', {});
      throw new Error(
        `firefox smoke: the popup page did not open; contexts: ${JSON.stringify(tree.contexts.map((c) => c.url))}`,
      );
    }

    const evaluate = async (expression: string) => {
      const out = await bidi.send<{ result: { value?: unknown } }>('script.evaluate', {
        expression,
        target: { context },
        awaitPromise: true,
      });
      return out.result.value;
    };
    const waitFor = async (expression: string, what: string) => {
      for (let i = 0; i < 100; i++) {
        if (await evaluate(expression)) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(
        `firefox smoke: ${what} never happened; page text: ${String(await evaluate('document.body.innerText'))}`,
      );
    };

    // 1. The event page answered popup.state: the token form is drawn.
    await waitFor(`!!document.querySelector('#token')`, 'the token form');
    // 2. A Connect goes through the background's API client (no network here: the offline message).
    await evaluate(`(() => {
      const input = document.querySelector('#token');
      const set = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      set.call(input, '5f3e9c1a7b2d4e6f8a0b1c2d3e');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    await new Promise((r) => setTimeout(r, 300)); // let Preact take the typed value
    // The token form (the popup also offers "Connect with your TimeCamp login" above it).
    await evaluate(`document.querySelector('#token').form.requestSubmit()`);
    // No network in the test: the background's fetch fails and the popup says so in words.
    await waitFor(
      `[...document.querySelectorAll('[role=alert]')].some((e) => e.textContent.includes("reach TimeCamp"))`,
      'an answer to Connect',
    );
    const alert = String(
      await evaluate(
        `[...document.querySelectorAll('[role=alert]')].map((e) => e.textContent).find((t) => t.includes("reach TimeCamp"))`,
      ),
    );
    bidi.close();
    console.log(
      `firefox smoke: ${await firefoxVersion()} loaded the add-on; popup ↔ event page ok; Connect offline says: "${alert}"`,
    );
    console.log('firefox smoke: passed');
  } finally {
    clearTimeout(deadline);
    stop();
  }
}

async function firefoxVersion(): Promise<string> {
  return new Promise((resolve) => {
    const p = spawn(FIREFOX, ['--version']);
    let out = '';
    p.stdout.on('data', (d) => (out += String(d)));
    p.on('close', () => resolve(out.trim()));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  console.log('firefox smoke: FAILED');
  process.exit(1);
});
