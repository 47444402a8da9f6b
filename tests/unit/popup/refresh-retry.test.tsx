// @vitest-environment jsdom
// A slow (29 s) or failing refresh of the popup's day (issue 13, item 4): the
// cached day stays on screen (never "Nothing tracked on this day"), a line says
// the refresh failed and is retried, and it is retried with backoff while the
// popup is open.
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { App } from '../../../src/popup/App';
import { refreshRetryDelayMs } from '../../../src/popup/refresh-retry';
import type { DaySheet } from '../../../src/shared/protocol';
import { DATE, entry, mockConnector, sheet } from './mock-connector';
import { en, installExtensionApi, mount } from './setup';

beforeAll(installExtensionApi);
let unmount = () => {};
afterEach(() => {
  unmount();
  vi.useRealTimers();
});

/** Let `ms` of (fake) time pass, with preact's renders and the connector's promises */
async function pass(ms: number): Promise<void> {
  await act(async () => {
    await vi.advanceTimersByTimeAsync(ms);
  });
}

const later = <T,>(ms: number, value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));
const CACHED = sheet([entry('1', 'Write homepage copy', '08:00', '09:15', 'Hero first draft')], { fetchedAtMs: 1 });
const FRESH = sheet(
  [entry('1', 'Write homepage copy', '08:00', '09:15', 'Hero first draft'), entry('2', 'Meetings', '09:30', '10:00')],
  { fetchedAtMs: 2 },
);
const FAILED = (reason: string): DaySheet => ({ ...CACHED, error: reason });

function open(mock: ReturnType<typeof mockConnector>) {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval'] });
  const m = mount(<App connector={mock.connector} today={DATE} />);
  unmount = m.unmount;
  return m.root;
}
const status = (root: HTMLElement) => root.querySelector('.day-status [role="status"]')?.textContent ?? '';
const rows = (root: HTMLElement) => [...root.querySelectorAll('.entries li .name')].map((n) => n.textContent);

describe('popup: a refresh that is slow or fails', () => {
  it('slow (answers after 29 s): the cached day stays, "couldn\'t refresh — retrying" shows, and the retry brings the fresh day', async () => {
    const mock = mockConnector({ cached: CACHED });
    mock.connector.refreshDay.mockImplementationOnce(async (date: string) => ({
      ...(await later(29_000, FRESH)),
      date,
    }));
    mock.connector.refreshDay.mockImplementationOnce(async (date: string) => ({ ...FRESH, date }));
    const root = open(mock);
    await pass(100);
    expect(rows(root)).toEqual(['Write homepage copy']);
    expect(status(root)).toBe(en('popupRefreshing'));

    await pass(20_000); // the popup stops waiting for an answer that is not coming
    expect(rows(root)).toEqual(['Write homepage copy']);
    expect(root.textContent).not.toContain(en('popupNoEntries'));
    expect(status(root)).toBe(en('popupRefreshRetryingNoReason'));
    expect(root.querySelector('.sync-error')).not.toBeNull();

    await pass(refreshRetryDelayMs(1));
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(2);
    expect(rows(root)).toEqual(['Write homepage copy', 'Meetings']);
    expect(status(root)).toBe('');
    await pass(30_000); // the late first answer changes nothing, and no more retries
    expect(rows(root)).toEqual(['Write homepage copy', 'Meetings']);
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(2);
  });

  it('failing: the reason in words, retries with growing gaps while open, none after closing', async () => {
    const mock = mockConnector({ cached: CACHED, refreshed: FAILED('TimeCamp did not answer in time') });
    const root = open(mock);
    await pass(100);
    expect(rows(root)).toEqual(['Write homepage copy']);
    expect(status(root)).toBe(en('popupRefreshRetrying').replace('$1', 'TimeCamp did not answer in time'));
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(1);

    await pass(refreshRetryDelayMs(1)); // 2 s
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(2);
    await pass(refreshRetryDelayMs(1)); // not yet: the second gap is longer
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(2);
    await pass(refreshRetryDelayMs(2) - refreshRetryDelayMs(1));
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(3);
    expect(rows(root)).toEqual(['Write homepage copy']);
    expect(root.textContent).not.toContain(en('popupNoEntries'));

    unmount();
    unmount = () => {};
    await pass(120_000);
    expect(mock.connector.refreshDay).toHaveBeenCalledTimes(3);
  });

  it('a failed answer that knows less than the shown day (nothing fetched) does not blank it', async () => {
    const mock = mockConnector({
      cached: CACHED,
      refreshed: sheet([], { fetchedAtMs: null, error: 'TimeCamp could not be reached (no network?)' }),
    });
    const root = open(mock);
    await pass(100);
    expect(rows(root)).toEqual(['Write homepage copy']);
    expect(root.textContent).not.toContain(en('popupNoEntries'));
    expect(status(root)).toContain('could not be reached');
  });

  it('backs off from 2 s, doubling, to at most a minute', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 20].map(refreshRetryDelayMs)).toEqual([
      2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });
});
