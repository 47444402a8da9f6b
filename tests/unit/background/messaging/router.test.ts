// Issue #6: the one message router. Forged senders, wrong origins, unknown types,
// malformed, oversized, cyclic and prototype-pollution shaped messages are each
// dropped and counted, never throw and never reach a handler; valid ones reach
// exactly the right handler.
import { describe, expect, it, vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import {
  MAX_MESSAGE_BYTES,
  classifySender,
  createRouter,
  type Handlers,
} from '../../../../src/background/messaging/router';
import {
  CONFIG,
  CONTENT_SENDER,
  EXT_ID,
  POPUP_SENDER,
  TASK,
  VALID_CONTENT,
  VALID_POPUP,
  setup,
} from './router-fixtures';

const tab = (id: number) => ({ id, index: 0, highlighted: true, active: true, pinned: false, incognito: false });

const FORGED_SENDERS: Array<[string, Runtime.MessageSender]> = [
  ['another extension id', { ...CONTENT_SENDER, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' }],
  ['no id', { url: CONTENT_SENDER.url, tab: tab(7), frameId: 0 }],
  ['missing url', { id: EXT_ID, tab: tab(7), frameId: 0 }],
  ['unparsable url', { ...CONTENT_SENDER, url: 'not a url' }],
  ['http planner (not https)', { ...CONTENT_SENDER, url: 'http://planner.timecamp.com/projects/101/board' }],
  ['other origin', { ...CONTENT_SENDER, url: 'https://evil.example/projects/101' }],
  ['look-alike host', { ...CONTENT_SENDER, url: 'https://planner.timecamp.com.evil.example/projects/1' }],
  ['planner on another port', { ...CONTENT_SENDER, url: 'https://planner.timecamp.com:8443/projects/1' }],
  ['app.timecamp.com (not Planner)', { ...CONTENT_SENDER, url: 'https://app.timecamp.com/dashboard' }],
  ['planner origin in an iframe', { ...CONTENT_SENDER, frameId: 3 }],
  ['planner origin, frameId as a string', { ...CONTENT_SENDER, frameId: '0' as unknown as number }],
  ['planner origin without a tab', { id: EXT_ID, url: CONTENT_SENDER.url, frameId: 0 }],
  ['planner origin, tabId -1', { ...CONTENT_SENDER, tab: tab(-1) }],
  ['planner origin, tabId NaN', { ...CONTENT_SENDER, tab: tab(Number.NaN) }],
  ['planner origin, tabId 1.5', { ...CONTENT_SENDER, tab: tab(1.5) }],
  [
    'extension page of another extension (its id)',
    { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/popup.html' },
  ],
  [
    'extension page url of another extension (our id)',
    { id: EXT_ID, url: 'chrome-extension://zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz/popup.html' },
  ],
  [
    'moz-extension url with our id as host but other scheme',
    { id: EXT_ID, url: `moz-extension://${EXT_ID}/popup.html` },
  ],
  ['opaque origin (data:)', { id: EXT_ID, url: 'data:text/html,<p>hi</p>', tab: tab(7), frameId: 0 }],
  ['about:blank', { id: EXT_ID, url: 'about:blank', tab: tab(7), frameId: 0 }],
  [
    'blob of the planner origin in a frame',
    { id: EXT_ID, url: 'blob:https://planner.timecamp.com/uuid', tab: tab(7), frameId: 2 },
  ],
  ['empty sender', {}],
  // The browser gives the url as a string; an object that only prints as our Planner url is not its sender.
  ['url not a string (a URL object)', { ...CONTENT_SENDER, url: new URL(CONTENT_SENDER.url!) as unknown as string }],
];

describe('sender classification', () => {
  it('our content script in the top frame of a Planner tab, and our own pages', () => {
    expect(classifySender(CONTENT_SENDER, CONFIG)).toEqual({ kind: 'content', tabId: 7 });
    expect(classifySender(POPUP_SENDER, CONFIG)).toEqual({ kind: 'extensionPage', tabId: null });
    expect(classifySender({ ...POPUP_SENDER, tab: tab(4) }, CONFIG)).toEqual({ kind: 'extensionPage', tabId: 4 });
    expect(classifySender({ ...POPUP_SENDER, tab: tab(-1) }, CONFIG)).toEqual({ kind: 'extensionPage', tabId: null });
  });

  it.each(FORGED_SENDERS)('%s → nobody', (_name, sender) => {
    expect(classifySender(sender, CONFIG)).toBeNull();
  });

  it('tab 0 is a tab: our content script there and our page in it keep their tab', () => {
    expect(classifySender({ ...CONTENT_SENDER, tab: tab(0) }, CONFIG)).toEqual({ kind: 'content', tabId: 0 });
    expect(classifySender({ ...POPUP_SENDER, tab: tab(0) }, CONFIG)).toEqual({ kind: 'extensionPage', tabId: 0 });
  });

  it('the origin decides, not the url text: a blob: document the Planner page opened in its tab is Planner', () => {
    const blob = { ...CONTENT_SENDER, url: 'blob:https://planner.timecamp.com/0f8e2a6c-1d2b-4c3d-9e8f-7a6b5c4d3e2f' };
    expect(classifySender(blob, CONFIG)).toEqual({ kind: 'content', tabId: 7 });
  });

  it('an opaque origin is nobody, even next to a trusted-origin list that names "null" (its text form)', () => {
    const careless = { ...CONFIG, plannerOrigins: [...CONFIG.plannerOrigins, 'null'] };
    for (const url of ['data:text/html,<p>hi</p>', 'about:blank', 'file:///home/user/planner.html'])
      expect(classifySender({ ...CONTENT_SENDER, url }, careless)).toBeNull();
    expect(
      classifySender({ ...CONTENT_SENDER, url: 'https://evil.example/' }, { ...CONFIG, plannerOrigins: [''] }),
    ).toBeNull();
  });

  it('a sender whose getters throw is nobody, and the router does not throw', () => {
    const { router, handlers } = setup();
    const hostile = Object.defineProperty({}, 'id', {
      get: () => {
        throw new Error('boom');
      },
    }) as Runtime.MessageSender;
    expect(() => router(VALID_CONTENT[0], hostile)).not.toThrow();
    expect(router.dropped).toEqual({ count: 1, lastReason: 'sender' });
    expect(handlers.content).not.toHaveBeenCalled();
  });

  it('…also in the worker, where an unknown tab makes the router read the custom Planner hosts first', () => {
    const refreshPlannerOrigins = vi.fn(async () => undefined);
    const content = vi.fn<Handlers['content']>(async () => 'content-answer' as never);
    const router = createRouter({ ...CONFIG, refreshPlannerOrigins }, { content, extensionPage: vi.fn() });
    const hostile = Object.defineProperty({ tab: tab(7) }, 'id', {
      get: () => {
        throw new Error('boom');
      },
    }) as Runtime.MessageSender;
    expect(() => router(VALID_CONTENT[0], hostile)).not.toThrow();
    expect(router.dropped).toEqual({ count: 1, lastReason: 'sender' });
    expect(refreshPlannerOrigins).not.toHaveBeenCalled();
    expect(content).not.toHaveBeenCalled();
  });

  it('a sender outside any tab is dropped at once: only a tab may be a Planner host not read yet', () => {
    const refreshPlannerOrigins = vi.fn(async () => undefined);
    const router = createRouter({ ...CONFIG, refreshPlannerOrigins }, { content: vi.fn(), extensionPage: vi.fn() });
    const tabless = { id: EXT_ID, url: 'https://planner.example.com/projects/1/board?taskId=5', frameId: 0 };
    expect(router(VALID_CONTENT[0], tabless)).toBeUndefined();
    expect(router.dropped).toEqual({ count: 1, lastReason: 'sender' });
    expect(refreshPlannerOrigins).not.toHaveBeenCalled();
  });

  it("another extension's script in a tab is dropped at once: it never makes the worker read the settings", () => {
    const refreshPlannerOrigins = vi.fn(async () => undefined);
    const router = createRouter({ ...CONFIG, refreshPlannerOrigins }, { content: vi.fn(), extensionPage: vi.fn() });
    const foreign = { ...CONTENT_SENDER, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' };
    expect(router(VALID_CONTENT[0], foreign)).toBeUndefined();
    expect(router.dropped).toEqual({ count: 1, lastReason: 'sender' });
    expect(refreshPlannerOrigins).not.toHaveBeenCalled();
  });
});

describe('the router', () => {
  it.each(VALID_CONTENT.map((m) => [m.type, m] as const))(
    'content %s reaches the content handler only',
    async (_t, message) => {
      const { router, handlers } = setup();
      await expect(router(message, CONTENT_SENDER)).resolves.toBe('content-answer');
      expect(handlers.content).toHaveBeenCalledTimes(1);
      expect(handlers.content.mock.calls[0]![0]).toEqual(message);
      expect(handlers.content.mock.calls[0]![1]).toEqual({ kind: 'content', tabId: 7 });
      expect(handlers.extensionPage).not.toHaveBeenCalled();
      expect(router.dropped.count).toBe(0);
    },
  );

  it.each(VALID_POPUP.map((m) => [m.type, m] as const))(
    'popup %s reaches the extension-page handler only',
    async (_t, message) => {
      const { router, handlers } = setup();
      await expect(router(message, POPUP_SENDER)).resolves.toBe('page-answer');
      expect(handlers.extensionPage).toHaveBeenCalledTimes(1);
      expect(handlers.extensionPage.mock.calls[0]![0]).toEqual(message);
      expect(handlers.content).not.toHaveBeenCalled();
      expect(router.dropped.count).toBe(0);
    },
  );

  it.each(FORGED_SENDERS)('forged sender (%s): every valid message is dropped and counted', (_name, sender) => {
    const { router, handlers } = setup();
    const all = [...VALID_CONTENT, ...VALID_POPUP];
    for (const m of all) expect(router(m, sender)).toBeUndefined();
    expect(router.dropped).toEqual({ count: all.length, lastReason: 'sender' });
    expect(handlers.content).not.toHaveBeenCalled();
    expect(handlers.extensionPage).not.toHaveBeenCalled();
  });

  it('popup-only types from a content script are dropped (the token, a disconnect, the account)', () => {
    const { router, handlers } = setup();
    for (const m of [...VALID_POPUP, { type: 'auth.token' }, { type: 'auth.get' }])
      expect(router(m, CONTENT_SENDER)).toBeUndefined();
    expect(router.dropped.count).toBe(VALID_POPUP.length + 2);
    expect(router.dropped.lastReason).toBe('content-schema');
    expect(handlers.content).not.toHaveBeenCalled();
    expect(handlers.extensionPage).not.toHaveBeenCalled();
  });

  it('content types from an extension page are dropped', () => {
    const { router, handlers } = setup();
    for (const m of VALID_CONTENT) expect(router(m, POPUP_SENDER)).toBeUndefined();
    expect(router.dropped).toEqual({ count: VALID_CONTENT.length, lastReason: 'popup-schema' });
    expect(handlers.content).not.toHaveBeenCalled();
    expect(handlers.extensionPage).not.toHaveBeenCalled();
  });

  const cyclic: Record<string, unknown> = { type: 'content.hello', plannerTaskId: '5001', visible: true };
  cyclic.self = cyclic;
  const throwingGetter = Object.defineProperty({ type: 'content.hello', visible: true }, 'plannerTaskId', {
    enumerable: true,
    get: () => {
      throw new Error('gotcha');
    },
  });
  const throwingProxy = new Proxy(
    {},
    {
      ownKeys: () => {
        throw new Error('proxy');
      },
    },
  );
  const big = 'x'.repeat(MAX_MESSAGE_BYTES);
  const BAD: Array<[string, unknown, string]> = [
    ['unknown type', { type: 'content.deleteEverything' }, 'content-schema'],
    ['type from another direction', { type: 'background.view', view: {} }, 'content-schema'],
    ['no type', { plannerTaskId: '5001', visible: true }, 'content-schema'],
    ['null', null, 'content-schema'],
    ['undefined', undefined, 'not-json'],
    ['a string', 'content.hello', 'content-schema'],
    ['a number', 42, 'content-schema'],
    ['an array', [VALID_CONTENT[0]], 'content-schema'],
    ['a function', () => 1, 'not-json'],
    ['wrong field type', { type: 'content.hello', plannerTaskId: 5001, visible: true }, 'content-schema'],
    ['id with markup', { type: 'content.dismissProblem', plannerTaskId: '<img src=x>' }, 'content-schema'],
    ['id too long', { type: 'content.dismissProblem', plannerTaskId: 'a'.repeat(65) }, 'content-schema'],
    ['negative click time', { type: 'content.toggle', task: TASK, clickedAtMs: -1 }, 'content-schema'],
    ['NaN click time', { type: 'content.toggle', task: TASK, clickedAtMs: Number.NaN }, 'content-schema'],
    [
      'title over 2000',
      { type: 'content.toggle', task: { ...TASK, title: 't'.repeat(2001) }, clickedAtMs: 1 },
      'content-schema',
    ],
    [
      'nine breadcrumbs',
      { type: 'content.toggle', task: { ...TASK, breadcrumb: Array(9).fill('a') }, clickedAtMs: 1 },
      'content-schema',
    ],
    ['oversized (> 32 KB)', { type: 'content.hello', plannerTaskId: '5001', visible: true, pad: big }, 'size'],
    [
      'oversized in UTF-8 bytes only',
      { type: 'content.hello', plannerTaskId: '5001', visible: true, pad: 'é'.repeat(MAX_MESSAGE_BYTES / 2 + 10) },
      'size',
    ],
    ['cyclic', cyclic, 'not-json'],
    ['BigInt', { type: 'content.toggle', task: TASK, clickedAtMs: 10n }, 'not-json'],
    ['throwing getter', throwingGetter, 'not-json'],
    ['throwing proxy', throwingProxy, 'not-json'],
    [
      '__proto__ key (JSON)',
      JSON.parse('{"type":"content.hello","plannerTaskId":null,"visible":true,"__proto__":{"isAdmin":true}}'),
      'pollution',
    ],
    [
      'nested __proto__',
      JSON.parse(
        '{"type":"content.toggle","task":{"plannerTaskId":"5001","title":"t","breadcrumb":[],"__proto__":{"x":1}},"clickedAtMs":1}',
      ),
      'pollution',
    ],
    [
      'constructor.prototype',
      { type: 'content.hello', plannerTaskId: null, visible: true, constructor: { prototype: { polluted: true } } },
      'pollution',
    ],
    [
      'deeply nested',
      {
        type: 'content.hello',
        plannerTaskId: null,
        visible: true,
        deep: JSON.parse('['.repeat(200) + ']'.repeat(200)),
      },
      'depth',
    ],
  ];

  it.each(BAD)('%s: dropped, counted, no throw, no handler', (_name, message, reason) => {
    const { router, handlers } = setup();
    let result: unknown;
    expect(() => {
      result = router(message, CONTENT_SENDER);
    }).not.toThrow();
    expect(result).toBeUndefined();
    expect(router.dropped).toEqual({ count: 1, lastReason: reason });
    expect(handlers.content).not.toHaveBeenCalled();
    expect(handlers.extensionPage).not.toHaveBeenCalled();
  });

  it('nesting is read 16 levels deep; deeper is dropped before the schema sees it', async () => {
    const { router, handlers } = setup();
    const nested = (levels: number): unknown => JSON.parse('['.repeat(levels) + ']'.repeat(levels));
    await router({ type: 'popup.state', extra: nested(16) }, POPUP_SENDER);
    expect(handlers.extensionPage).toHaveBeenCalledTimes(1);
    expect(router.dropped.count).toBe(0);
    expect(router({ type: 'popup.state', extra: nested(17) }, POPUP_SENDER)).toBeUndefined();
    expect(router.dropped).toEqual({ count: 1, lastReason: 'depth' });
    expect(handlers.extensionPage).toHaveBeenCalledTimes(1);
  });

  it('prototype-pollution shaped messages pollute nothing', () => {
    const { router } = setup();
    for (const m of BAD) router(m[1], CONTENT_SENDER);
    router(JSON.parse('{"type":"popup.state","__proto__":{"polluted":1}}'), POPUP_SENDER);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  describe('the 32 KB limit, counted in UTF-8 bytes as the browser does', () => {
    /** A valid note message padded (an extra field the schema strips) to `bytes` of JSON in UTF-8 */
    const padded = (bytes: number, char: 'x' | 'é') => {
      const base = { type: 'timer.note', note: 'Reviewed the launch checklist', pad: '' };
      const left = bytes - JSON.stringify(base).length;
      const width = char === 'x' ? 1 : 2; // 'é' is two bytes in UTF-8, one char in JSON
      const message = { ...base, pad: char.repeat(Math.floor(left / width)) + 'x'.repeat(left % width) };
      expect(new TextEncoder().encode(JSON.stringify(message)).byteLength).toBe(bytes);
      return message;
    };

    it.each(['x', 'é'] as const)('exactly 32 KB (%s) passes; one character more is dropped as too large', async (c) => {
      const { router, handlers } = setup();
      await router(padded(MAX_MESSAGE_BYTES, c), POPUP_SENDER);
      expect(router.dropped.count).toBe(0);
      expect(handlers.extensionPage).toHaveBeenCalledTimes(1);
      expect(vi.mocked(handlers.extensionPage).mock.calls[0]![0]).toEqual({
        type: 'timer.note',
        note: 'Reviewed the launch checklist',
      });
      await router(padded(MAX_MESSAGE_BYTES + (c === 'x' ? 1 : 2), c), POPUP_SENDER);
      expect(router.dropped).toEqual({ count: 1, lastReason: 'size' });
      expect(handlers.extensionPage).toHaveBeenCalledTimes(1);
    });
  });

  it('a handler that throws or rejects answers null, never an exception into the browser', async () => {
    const handlers: Handlers = {
      content: async () => {
        throw new Error('handler bug');
      },
      extensionPage: (() => {
        throw new Error('sync bug');
      }) as unknown as Handlers['extensionPage'],
    };
    const router = createRouter(CONFIG, handlers);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await expect(router(VALID_CONTENT[0], CONTENT_SENDER)).resolves.toBeNull();
    await expect(router(VALID_POPUP[0], POPUP_SENDER)).resolves.toBeNull();
    // …and leaves a trace of what went wrong in the worker's console
    expect(warn.mock.calls).toEqual([
      ['[timecamp-timer] request failed:', 'handler bug'],
      ['[timecamp-timer] request failed:', 'sync bug'],
    ]);
    warn.mockRestore();
  });

  it('the handler sees a copy: the sender mutating its object afterwards changes nothing', async () => {
    const { router, handlers } = setup();
    const message = { type: 'content.dismissProblem', plannerTaskId: '5001' };
    const pending = router(message, CONTENT_SENDER);
    message.plannerTaskId = '<script>';
    await pending;
    expect(handlers.content.mock.calls[0]![0]).toEqual({ type: 'content.dismissProblem', plannerTaskId: '5001' });
  });
});
