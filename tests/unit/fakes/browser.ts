// The one fake of the WebExtension APIs that worker code reaches through
// `webextension-polyfill`. A test file mocks the polyfill with it:
//
//   vi.mock('webextension-polyfill', async () => (await import('../../fakes/browser')).polyfill());
//   const { fakeBrowser } = await import('../../fakes/browser');
//
// and sets the state it needs (settings, granted origins) on `fakeBrowser`; the
// spies (`fakeBrowser.api.action.setBadgeText`, …) are vitest mocks. `resetFakeBrowser()`
// in a beforeEach gives every test the same start.
import { vi } from 'vitest';

type Substitutions = string | string[] | undefined;

function createState() {
  return {
    /** what storage.local holds under "settings" (undefined: nothing stored) */
    settings: undefined as unknown,
    /** origin patterns the user granted (permissions.contains) */
    granted: new Set<string>(),
    /** content scripts registered through scripting.registerContentScripts */
    registered: [] as { id: string; matches: string[] }[],
  };
}

const state = createState();

function createApi() {
  return {
    i18n: {
      /** the key itself: tests read which message was chosen (set it to check substitutions) */
      getMessage: vi.fn((key: string, _substitutions?: Substitutions) => key),
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
    runtime: {
      getURL: vi.fn((path: string) => `chrome-extension://test/${path}`),
      /** no extension page listens */
      sendMessage: vi.fn(async (_message: unknown): Promise<unknown> => undefined),
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

export const fakeBrowser = Object.assign(state, { api: createApi() });

/** Every test starts from nothing stored, nothing granted, fresh spies */
export function resetFakeBrowser(): void {
  Object.assign(fakeBrowser, createState());
  // mockReset brings back each spy's own implementation; references a test holds stay valid.
  for (const group of Object.values(fakeBrowser.api))
    for (const member of Object.values(group))
      if (vi.isMockFunction(member)) member.mockReset();
      else for (const spy of Object.values(member as object)) if (vi.isMockFunction(spy)) spy.mockReset();
}

/** The module `webextension-polyfill` is replaced with */
export function polyfill(): { default: ReturnType<typeof createApi> } {
  return { default: fakeBrowser.api };
}
