// The one fake of the WebExtension APIs for the unit tier. Every unit test already has it
// (tests/unit/fakes/setup.ts, the tier's setup file):
//   - worker code gets it as `webextension-polyfill`;
//   - content-script and popup code find it as the `chrome` global.
// A test configures it and reads its spies:
//
//   import { fakeBrowser, resetFakeBrowser } from '../../fakes/browser';
//   beforeEach(resetFakeBrowser);                         // nothing stored, nothing granted, fresh spies
//   fakeBrowser.settings = { badge: false };              // what storage.local holds under "settings"
//   fakeBrowser.granted.add('https://planner.example.com/*');
//   fakeBrowser.language = 'en';                          // i18n: 'keys' (default), 'marked' or 'en'
//   fakeBrowser.alive = false;                            // the extension was updated: this copy is orphaned
//   fakeBrowser.ports[0]!.otherEndSends({ reply: 1, answer: 'ok' });  // ports opened with runtime.connect
//   fakeBrowser.peer = (message, port) => …;              // or let a function play the worker's end
//   acceptPort(fakePort('planner', sender) as never, router); // the worker's end of a tab's port
//   expect(fakeBrowser.api.action.setBadgeText).toHaveBeenCalledWith({ text: '5m' });
//
// The spies (`fakeBrowser.api.…`) are vitest mocks; a test that needs one to answer
// differently sets `mockImplementation` on it (resetFakeBrowser restores the default).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { vi } from 'vitest';

type Substitutions = string | string[] | undefined;

const EN: Record<string, { message: string }> = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../extension/_locales/en/messages.json'), 'utf8'),
);

/** An English message from _locales as written there ($1, $2 unfilled) */
export const en = (key: string): string => {
  const found = EN[key];
  if (!found) throw new Error(`no message "${key}" in _locales/en`);
  return found.message;
};

/**
 * What i18n.getMessage answers:
 * - 'keys': the key itself (a test reads which message was chosen);
 * - 'marked': «key|substitution|…», so every string on screen can be traced to its key;
 * - 'en': the English strings users see ('' for an unknown key, as the browser does).
 */
export type FakeLanguage = 'keys' | 'marked' | 'en';

function translate(language: FakeLanguage, key: string, substitutions: Substitutions): string {
  const subs = substitutions === undefined ? [] : Array.isArray(substitutions) ? substitutions : [substitutions];
  switch (language) {
    case 'keys':
      return key;
    case 'marked':
      return `«${[key, ...subs].join('|')}»`;
    case 'en':
      return EN[key]?.message.replace(/\$(\d)/g, (_, n: string) => subs[Number(n) - 1] ?? '') ?? '';
  }
}

/** One end of a runtime port: the end the code under test holds */
export interface FakePort {
  name: string;
  sender: unknown;
  /** what the code under test posted on it, oldest first */
  posted: unknown[];
  /** closed, by either end: posting on it throws, as in the browser */
  disconnected: boolean;
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: { addListener(cb: (message: unknown) => void): void };
  onDisconnect: { addListener(cb: () => void): void };
  /** the other end (the worker, or the tab) sends `message` */
  otherEndSends(message: unknown): void;
  /** the other end goes away (the worker stopped, the tab closed): onDisconnect fires */
  otherEndCloses(): void;
}

export function fakePort(name: string, sender?: unknown): FakePort {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const port: FakePort = {
    name,
    sender,
    posted: [],
    disconnected: false,
    postMessage(message) {
      if (port.disconnected) throw new Error('Attempting to use a disconnected port object');
      port.posted.push(message);
      fakeBrowser.peer?.(message, port);
    },
    disconnect() {
      port.disconnected = true;
    },
    onMessage: { addListener: (cb) => void onMessage.push(cb) },
    onDisconnect: { addListener: (cb) => void onDisconnect.push(cb) },
    otherEndSends: (message) => onMessage.forEach((cb) => cb(message)),
    otherEndCloses() {
      port.disconnected = true;
      onDisconnect.forEach((cb) => cb());
    },
  };
  return port;
}

const gone = (): never => {
  throw new Error('Extension context invalidated.');
};

function createState() {
  return {
    /** what storage.local holds under "settings" (undefined: nothing stored) */
    settings: undefined as unknown,
    /** origin patterns the user granted (permissions.contains) */
    granted: new Set<string>(),
    /** content scripts registered through scripting.registerContentScripts */
    registered: [] as { id: string; matches: string[] }[],
    /** how i18n.getMessage answers */
    language: 'keys' as FakeLanguage,
    /** false: the extension was updated or removed; runtime.id is gone, connect and i18n throw */
    alive: true,
    /** ports the code under test opened with runtime.connect, oldest first */
    ports: [] as FakePort[],
    /** plays the other end of those ports: called with each message posted on one */
    peer: null as ((message: unknown, port: FakePort) => void) | null,
  };
}

type State = ReturnType<typeof createState>;

function createApi(state: State) {
  return {
    runtime: {
      get id(): string | undefined {
        return state.alive ? 'fake-extension-id' : undefined;
      },
      connect: vi.fn(({ name }: { name: string }) => {
        if (!state.alive) gone();
        const port = fakePort(name);
        state.ports.push(port);
        return port;
      }),
      /** no extension page listens */
      sendMessage: vi.fn(async (_message: unknown): Promise<unknown> => undefined),
      onMessage: { addListener: vi.fn(), removeListener: vi.fn() },
      getURL: vi.fn((path: string) => `chrome-extension://fake-extension-id/${path}`),
      getManifest: vi.fn(() => ({ version: '0.0.0-test' })),
    },
    i18n: {
      getMessage: vi.fn((key: string, substitutions?: Substitutions) =>
        state.alive ? translate(state.language, key, substitutions) : gone(),
      ),
    },
    storage: {
      local: {
        get: vi.fn(async (keys?: string | string[] | null) => {
          const wanted = keys === undefined || keys === null ? ['settings'] : typeof keys === 'string' ? [keys] : keys;
          return wanted.includes('settings') && state.settings !== undefined ? { settings: state.settings } : {};
        }),
      },
    },
    permissions: {
      contains: vi.fn(async (p: { origins?: string[] }) => (p.origins ?? []).every((o) => state.granted.has(o))),
    },
    scripting: {
      getRegisteredContentScripts: vi.fn(async () => [...state.registered]),
      unregisterContentScripts: vi.fn(async () => void state.registered.splice(0)),
      registerContentScripts: vi.fn(
        async (scripts: { id: string; matches: string[] }[]) => void state.registered.push(...scripts),
      ),
    },
    idle: { setDetectionInterval: vi.fn() },
    tabs: {
      sendMessage: vi.fn(async (_tabId: number, _message: unknown): Promise<unknown> => true),
      /** every tab asked about is open */
      get: vi.fn(async (tabId: number) => ({ id: tabId })),
    },
    action: {
      setBadgeText: vi.fn(async (_details: { text: string }) => undefined),
      setBadgeBackgroundColor: vi.fn(async (_details: { color: string }) => undefined),
      setTitle: vi.fn(async (_details: { title: string }) => undefined),
    },
    /** no alarm is ever set: a test calls jobs.ts's onAlarm itself */
    alarms: {
      get: vi.fn(async (_name: string): Promise<unknown> => undefined),
      create: vi.fn(async (_name: string, _info: object) => undefined),
      clear: vi.fn(async (_name: string) => true),
    },
    notifications: {
      create: vi.fn(async (id: string, _options: object) => id),
      clear: vi.fn(async (_id: string) => true),
    },
  };
}

function createFake() {
  const state = createState();
  return Object.assign(state, { api: createApi(state) });
}

// On globalThis: after vi.resetModules() (a "new worker") the code must still find the same fake.
const holder = globalThis as { __fakeBrowser?: ReturnType<typeof createFake> };
export const fakeBrowser = (holder.__fakeBrowser ??= createFake());

function resetSpies(node: object): void {
  for (const value of Object.values(node))
    if (vi.isMockFunction(value)) value.mockReset();
    else if (value !== null && typeof value === 'object') resetSpies(value);
}

/** Every test starts from nothing stored, nothing granted, no ports, fresh spies */
export function resetFakeBrowser(): void {
  Object.assign(fakeBrowser, createState());
  // mockReset brings back each spy's own implementation; references a test holds stay valid.
  resetSpies(fakeBrowser.api);
}

/** The module `webextension-polyfill` is replaced with */
export function polyfill(): { default: typeof fakeBrowser.api } {
  return { default: fakeBrowser.api };
}

/** Content scripts and extension pages read `chrome` (or Firefox's `browser`) directly */
export function installChrome(): void {
  (globalThis as { chrome?: unknown }).chrome = fakeBrowser.api;
}
