// Issue #6: generated messages × senders through the router. It never throws;
// a handler runs only for one of our own senders with a message of that sender's
// direction that fits the protocol, and then exactly once, with a copy that still
// fits; everything else is dropped and counted.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as z from 'zod/mini';
import type { Runtime } from 'webextension-polyfill';
import { ContentRequest, PopupRequest } from '../../../../src/shared/protocol';
import { MAX_MESSAGE_BYTES } from '../../../../src/background/messaging/router';
import { CONTENT_SENDER, EXT_ID, POPUP_SENDER, VALID_CONTENT, VALID_POPUP, setup } from './router-fixtures';

type Who = 'content' | 'page' | 'nobody';

const tab = (id: number) => ({ id, index: 0, highlighted: true, active: true, pinned: false, incognito: false });
const OTHER = 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz';

const senderArb: fc.Arbitrary<{ who: Who; sender: Runtime.MessageSender }> = fc.oneof(
  fc.constant({ who: 'content' as Who, sender: CONTENT_SENDER }),
  fc.constant({ who: 'page' as Who, sender: POPUP_SENDER }),
  fc.constant({
    who: 'page' as Who,
    sender: { ...POPUP_SENDER, url: `chrome-extension://${EXT_ID}/popup.html?connect=1`, tab: tab(3) },
  }),
  // forged: every field of a good sender varied
  fc
    .record(
      {
        id: fc.constantFrom(EXT_ID, OTHER, '', undefined),
        url: fc.oneof(
          fc.constantFrom(
            CONTENT_SENDER.url,
            POPUP_SENDER.url,
            'http://planner.timecamp.com/projects/1',
            'https://planner.timecamp.com.evil.example/projects/1',
            'https://evil.example/',
            `chrome-extension://${OTHER}/popup.html`,
            'about:blank',
            'data:text/html,x',
            'null',
            '',
            undefined,
          ),
          fc.webUrl(),
        ),
        tab: fc.option(
          fc.oneof(fc.integer({ min: -5, max: 5 }), fc.constantFrom(Number.NaN, 1.5, Number.MAX_VALUE)).map(tab),
          { nil: undefined },
        ),
        frameId: fc.option(fc.constantFrom(0, 1, 7, -1), { nil: undefined }),
      },
      { requiredKeys: [] },
    )
    .map((sender) => {
      const s = sender as Runtime.MessageSender;
      const top = s.frameId === undefined || s.frameId === 0;
      const tabOk = s.tab !== undefined && Number.isSafeInteger(s.tab.id) && s.tab.id! >= 0;
      let who: Who = 'nobody';
      if (s.id === EXT_ID && typeof s.url === 'string') {
        if (s.url.startsWith(`chrome-extension://${EXT_ID}/`)) who = 'page';
        else if (s.url.startsWith('https://planner.timecamp.com/') && top && tabOk) who = 'content';
      }
      return { who, sender: s };
    }),
);

/** Valid messages with one field replaced, removed or added */
function mutated(base: Record<string, unknown>[]) {
  return fc
    .tuple(
      fc.constantFrom(...base),
      fc.option(fc.string({ maxLength: 12 }), { nil: undefined }),
      fc.jsonValue({ maxDepth: 2 }),
      fc.boolean(),
    )
    .map(([m, key, value, remove]) => {
      const copy: Record<string, unknown> = structuredClone(m);
      const keys = Object.keys(copy);
      const k = key ?? keys[Math.abs(String(value).length) % keys.length]!;
      if (remove) delete copy[k];
      else copy[k] = value;
      return copy as unknown;
    });
}

const hostile = fc.constantFrom<unknown>(
  JSON.parse('{"type":"content.hello","plannerTaskId":null,"visible":true,"__proto__":{"polluted":true}}'),
  JSON.parse('{"type":"popup.state","constructor":{"prototype":{"polluted":true}}}'),
  { type: 'auth.token' },
  { type: 'auth.connect', token: 'x'.repeat(MAX_MESSAGE_BYTES + 1) },
  { type: 'content.hello', plannerTaskId: '5001', visible: true, pad: 'é'.repeat(MAX_MESSAGE_BYTES) },
  { type: 'timer.note', note: 'n', big: 1n },
  (() => {
    const c: Record<string, unknown> = { type: 'popup.state' };
    c.c = c;
    return c;
  })(),
  Symbol('x'),
  () => 1,
  undefined,
);

const messageArb = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...VALID_CONTENT, ...VALID_POPUP) },
  { weight: 3, arbitrary: mutated([...VALID_CONTENT, ...VALID_POPUP]) },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }) },
  {
    weight: 1,
    arbitrary: fc.anything({
      maxDepth: 3,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withTypedArray: true,
      withNullPrototype: true,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constantFrom(...[...VALID_CONTENT, ...VALID_POPUP].map((m) => m.type), 'background.view', 'auth.token'),
      x: fc.jsonValue({ maxDepth: 2 }),
    }),
  },
  { weight: 1, arbitrary: hostile },
);

/** What the router should do, decided independently of its code: JSON data that fits the sender's schema */
function expected(who: Who, message: unknown): 'content' | 'page' | 'drop' {
  if (who === 'nobody') return 'drop';
  let json: string | undefined;
  try {
    json = JSON.stringify(message);
  } catch {
    return 'drop';
  }
  if (json === undefined || new TextEncoder().encode(json).byteLength > MAX_MESSAGE_BYTES) return 'drop';
  if (/"(__proto__|constructor|prototype)":/.test(json)) return 'drop';
  const data: unknown = JSON.parse(json);
  if (who === 'content') return z.safeParse(ContentRequest, data).success ? 'content' : 'drop';
  return z.safeParse(PopupRequest, data).success ? 'page' : 'drop';
}

describe('router under generated messages × senders', () => {
  it('2,000 runs: never throws; only valid messages from our senders reach (exactly) the right handler', async () => {
    const seen = { content: 0, page: 0, drop: 0 };
    await fc.assert(
      fc.asyncProperty(senderArb, messageArb, async ({ who, sender }, message) => {
        const { router, handlers } = setup();
        let result: unknown;
        try {
          result = router(message, sender);
        } catch (e) {
          throw new Error(`router threw: ${String(e)}`);
        }
        const want = expected(who, message);
        seen[want]++;
        if (want === 'drop') {
          expect(result).toBeUndefined();
          expect(router.dropped.count).toBe(1);
          expect(handlers.content).not.toHaveBeenCalled();
          expect(handlers.extensionPage).not.toHaveBeenCalled();
          return;
        }
        await result;
        expect(router.dropped.count).toBe(0);
        const [hit, miss] =
          want === 'content' ? [handlers.content, handlers.extensionPage] : [handlers.extensionPage, handlers.content];
        expect(hit).toHaveBeenCalledTimes(1);
        expect(miss).not.toHaveBeenCalled();
        const schema = want === 'content' ? ContentRequest : PopupRequest;
        expect(z.safeParse(schema, hit.mock.calls[0]![0]).success).toBe(true);
      }),
      // A fixed seed: CI reruns the same 2,000 cases (the coverage floors below cannot flake).
      { numRuns: 2000, seed: 2026 },
    );
    // The generator reaches every outcome often enough to mean something.
    expect(seen.content).toBeGreaterThan(50);
    expect(seen.page).toBeGreaterThan(50);
    expect(seen.drop).toBeGreaterThan(1000);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  }, 120_000);
});
