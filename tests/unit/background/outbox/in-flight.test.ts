// Whether the drain has a request on the wire (src/background/outbox/in-flight.ts): the UI
// update after a click waits for that moment, and no longer than it has to (issue 18: the
// drain tests replace the worker's fetch, so this had no unit test).
import { afterEach, describe, expect, test, vi } from 'vitest';

const { countedFetch, nextRequestOnWire, requestOnWire, wireReached } =
  await import('../../../../src/background/outbox/in-flight');

afterEach(() => {
  vi.unstubAllGlobals();
  wireReached();
});

/** A fetch whose answer the test sends (or fails) when it likes */
function heldFetch() {
  const answers: Array<{ ok: () => void; fail: () => void }> = [];
  vi.stubGlobal(
    'fetch',
    () =>
      new Promise<Response>((resolve, reject) =>
        answers.push({ ok: () => resolve(new Response('{}')), fail: () => reject(new TypeError('network')) }),
      ),
  );
  return answers;
}

describe('a request on the wire', () => {
  test('counts from when it is sent until it is answered or fails', async () => {
    const answers = heldFetch();
    expect(requestOnWire()).toBe(false);
    const first = countedFetch('https://example.test/a');
    const second = countedFetch('https://example.test/b');
    expect(requestOnWire()).toBe(true);
    answers[0]!.ok();
    await first;
    expect(requestOnWire()).toBe(true); // the second is still out
    answers[1]!.fail();
    await expect(second).rejects.toThrow('network');
    await Promise.resolve();
    expect(requestOnWire()).toBe(false);
  });

  test('whoever waits for the wire goes on when the next request is sent', async () => {
    heldFetch();
    let went = false;
    const waiting = nextRequestOnWire(10_000).then(() => (went = true));
    await Promise.resolve();
    expect(went).toBe(false);
    void countedFetch('https://example.test/a');
    await waiting;
    expect(went).toBe(true);
  });

  test('or when the drain ends with nothing to send, or at the latest after the wait given', async () => {
    let ended = false;
    const atEnd = nextRequestOnWire(10_000).then(() => (ended = true));
    await Promise.resolve();
    expect(ended).toBe(false);
    wireReached();
    await atEnd;
    const started = Date.now();
    await nextRequestOnWire(50);
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
  });
});
