// Benchmark (issue 17, item 4): a big account in the real service worker. The built
// extension (extension/) in Chromium against the emulator's generated tree; the
// worker's heap read over the DevTools protocol on the worker's own target
// (HeapProfiler.collectGarbage, Runtime.getHeapUsage), the search timed from an
// extension page the way the popup asks, the storage the tree takes from
// navigator.storage.estimate() in the worker.
//
//   npx tsx bench/big-account-browser.ts 50000     (needs `node build.mjs` first)
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import WebSocket from 'ws';
import { launch } from '../tests/e2e/harness';
import { startEmulator } from '../tests/emulator/emulator';
import { generatedCard } from '../tests/emulator/big-account';
import { DEMO_USER } from '../tests/fixtures/planner-seed';

const MB = 1024 * 1024;

export interface BrowserRow {
  tasks: number;
  /** the worker's heap after a GC, connected, before the tree */
  heapBaseMB: number;
  /** the worker's largest heap while the tree was fetched: from the trace's garbage collections (the heap before each) and the heap at the end */
  heapPeakMB: number;
  /** how many collections the trace saw on the worker's thread meanwhile (0: the peak is only the end's size) */
  gcsWhileLoading: number;
  /** the largest heap sample seen meanwhile (Runtime.getHeapUsage every 20 ms: a lower bound, a check on the above) */
  heapPeakSeenMB: number;
  /** the worker's heap after a GC with the tree cached and the search's index built */
  heapCachedMB: number;
  /** the first `tasks.recent` (fetches the tree, builds the search), from an extension page */
  treeLoadMs: number;
  /** the same answer fetched and read as text by an extension page: what the harness's routing alone takes */
  treeTransportMs: number;
  /** each keystroke's `tasks.search` typing a card's title, then deleting it, from an extension page (messaging included) */
  typedMs: number[];
  deletedMs: number[];
  /** the first search after the worker was stopped: it reads the tree from IndexedDB and builds the search */
  afterRestartMs: number;
  /** navigator.storage.estimate().usage before and after the tree was stored */
  storageBeforeMB: number;
  storageAfterMB: number;
  /** the extension's IndexedDB folders in the profile, before and after */
  idbDiskBeforeMB: number;
  idbDiskAfterMB: number;
}

/** Bytes on disk under a folder (the profile's IndexedDB: LevelDB files and the blob folder for large values) */
async function diskBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true }).catch(() => []))
    if (entry.isFile()) total += (await stat(join(entry.parentPath, entry.name))).size;
  return total;
}

/** A DevTools session on one target, over its own WebSocket */
async function devtools(url: string) {
  const socket = new WebSocket(url, { perMessageDeflate: false, maxPayload: 256 * MB });
  await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
  let next = 0;
  const waiting = new Map<number, { resolve: (result: unknown) => void; reject: (e: Error) => void }>();
  const listeners = new Map<string, (params: unknown) => void>();
  socket.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as {
      id?: number;
      result?: unknown;
      error?: unknown;
      method?: string;
      params?: unknown;
    };
    if (msg.id !== undefined) {
      const w = waiting.get(msg.id);
      waiting.delete(msg.id);
      if (msg.error) w?.reject(new Error(JSON.stringify(msg.error)));
      else w?.resolve(msg.result);
    } else if (msg.method) listeners.get(msg.method)?.(msg.params);
  });
  return {
    send<T>(method: string, params: object = {}): Promise<T> {
      const id = ++next;
      socket.send(JSON.stringify({ id, method, params }));
      return new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (r: unknown) => void, reject }));
    },
    on(method: string, listener: (params: unknown) => void) {
      listeners.set(method, listener);
    },
    close: () => socket.close(),
  };
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  args?: {
    name?: string;
    usedHeapSizeBefore?: number;
    usedHeapSizeAfter?: number;
    data?: { usedHeapSizeBefore?: number };
  };
}

/**
 * The service worker's largest heap while `during` runs: Chromium's timeline trace has every
 * garbage collection with the heap's size before it, and the heap only shrinks at one, so the
 * largest of those (or the size at the end) is the peak.
 */
async function workerHeapPeak(
  browserUrl: string,
  during: () => Promise<void>,
): Promise<{ peakMB: number; gcs: number }> {
  const browser = await devtools(browserUrl);
  const events: TraceEvent[] = [];
  browser.on('Tracing.dataCollected', (p) => events.push(...(p as { value: TraceEvent[] }).value));
  const complete = new Promise((resolve) => browser.on('Tracing.tracingComplete', resolve));
  await browser.send('Tracing.start', {
    traceConfig: { includedCategories: ['devtools.timeline', 'v8', 'disabled-by-default-devtools.timeline'] },
    transferMode: 'ReportEvents',
  });
  try {
    await during();
  } finally {
    await browser.send('Tracing.end');
    await complete;
    browser.close();
  }
  const workerThreads = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && /ServiceWorker/i.test(e.args?.name ?? ''))
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const sizes = events
    .filter((e) => workerThreads.has(`${e.pid}:${e.tid}`) && /^(MinorGC|MajorGC)$/.test(e.name))
    .map((e) => e.args?.usedHeapSizeBefore ?? e.args?.data?.usedHeapSizeBefore ?? 0);
  return { peakMB: Math.max(0, ...sizes) / MB, gcs: sizes.length };
}

export async function browserRun(tasks: number): Promise<BrowserRow> {
  const emulator = await startEmulator({ port: 0, extraTasks: tasks });
  const h = await launch({ emulator, args: ['--remote-debugging-port=0'] });
  try {
    const port = (await readFile(join(h.profileDir, 'DevToolsActivePort'), 'utf8')).split('\n')[0];
    const targets = (await (await fetch(`http://127.0.0.1:${port}/json/list`)).json()) as {
      type: string;
      url: string;
      webSocketDebuggerUrl: string;
    }[];
    const target = targets.find(
      (t) => t.type === 'service_worker' && t.url.startsWith(`chrome-extension://${h.extensionId}/`),
    );
    if (!target) throw new Error('no service worker target');
    const { webSocketDebuggerUrl: browserUrl } = (await (
      await fetch(`http://127.0.0.1:${port}/json/version`)
    ).json()) as {
      webSocketDebuggerUrl: string;
    };
    const worker = await devtools(target.webSocketDebuggerUrl);
    const heapAfterGc = async () => {
      await worker.send('HeapProfiler.collectGarbage');
      return (await worker.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / MB;
    };
    const sw = await h.worker();
    const idbDisk = async () => {
      const root = join(h.profileDir, 'Default', 'IndexedDB');
      const ours = (await readdir(root).catch(() => [])).filter((n) => n.includes(h.extensionId));
      let total = 0;
      for (const n of ours) total += await diskBytes(join(root, n));
      return total / MB;
    };
    const storage = async () => ((await sw.evaluate(() => navigator.storage.estimate())).usage ?? Number.NaN) / MB;

    // An extension page with no task search of its own (the popup asks for recent tasks on opening)
    const page = await h.context.newPage();
    await page.goto(`chrome-extension://${h.extensionId}/options.html`);
    const ask = (message: object) =>
      page.evaluate(async (m) => {
        const t0 = performance.now();
        const api = (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } })
          .chrome;
        const answer = await api.runtime.sendMessage(m);
        return { ms: performance.now() - t0, count: Array.isArray(answer) ? answer.length : -1 };
      }, message);

    const connected = await ask({ type: 'auth.connect', token: DEMO_USER.token });
    if (connected.ms < 0) throw new Error('connect failed');
    await new Promise((r) => setTimeout(r, 2000)); // the worker's first reads after Connect settle
    const heapBaseMB = await heapAfterGc();
    const storageBeforeMB = await storage();
    const idbDiskBeforeMB = await idbDisk();

    let heapPeakSeenMB = 0;
    let polling = true;
    const poll = (async () => {
      while (polling) {
        const { usedSize } = await worker.send<{ usedSize: number }>('Runtime.getHeapUsage');
        heapPeakSeenMB = Math.max(heapPeakSeenMB, usedSize / MB);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    // The transport alone: the same answer through the same routing, read by the page, not kept
    const treeTransportMs = await page.evaluate(async (token) => {
      const t0 = performance.now();
      const res = await fetch('https://app.timecamp.com/third_party/api/tasks?status=all&format=json', {
        headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
        cache: 'no-store',
      });
      const length = (await res.text()).length;
      if (length < 1000) throw new Error(`the tree's answer is ${length} characters`);
      return performance.now() - t0;
    }, DEMO_USER.token);
    await heapAfterGc();

    let load = { ms: Number.NaN, count: -1 };
    let heapAtEndMB = 0;
    const traced = await workerHeapPeak(browserUrl, async () => {
      load = await ask({ type: 'tasks.recent' });
      heapAtEndMB = (await worker.send<{ usedSize: number }>('Runtime.getHeapUsage')).usedSize / MB;
    });
    polling = false;
    await poll;
    if (load.count < 0) throw new Error('tasks.recent failed');

    // Typing a generated card's title, one character at a time (no debounce: every keystroke asked)
    const query = generatedCard(Math.floor(tasks / 2)).title;
    const search = async (q: string) => {
      const r = await ask({ type: 'tasks.search', query: q });
      if (r.count < 0) throw new Error('tasks.search failed');
      return r;
    };
    const typedMs: number[] = [];
    for (let i = 1; i <= query.length; i++) typedMs.push((await search(query.slice(0, i))).ms);
    if ((await search(query)).count === 0) throw new Error(`search for "${query}" found nothing`);
    const deletedMs: number[] = [];
    for (let i = query.length - 1; i >= 1; i--) deletedMs.push((await search(query.slice(0, i))).ms);

    const heapCachedMB = await heapAfterGc();
    const storageAfterMB = await storage();
    const idbDiskAfterMB = await idbDisk();
    worker.close();

    await h.killWorker();
    const afterRestart = await search(query);
    if (afterRestart.count === 0) throw new Error('the search after a restart found nothing');
    return {
      tasks,
      heapBaseMB,
      heapPeakMB: Math.max(traced.peakMB, heapAtEndMB),
      gcsWhileLoading: traced.gcs,
      heapPeakSeenMB,
      heapCachedMB,
      treeLoadMs: load.ms,
      treeTransportMs,
      typedMs,
      deletedMs,
      afterRestartMs: afterRestart.ms,
      storageBeforeMB,
      storageAfterMB,
      idbDiskBeforeMB,
      idbDiskAfterMB,
    };
  } finally {
    await h.close();
    await emulator.close();
  }
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split('/').pop()!)) {
  console.log(JSON.stringify(await browserRun(Number(process.argv[2] ?? 50_000))));
  process.exit(0);
}
