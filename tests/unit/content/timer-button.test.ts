// @vitest-environment jsdom
// The button's states, ARIA and strings. i18n answers «key|sub» (the browser fake's
// 'marked' language), so every string the button shows can be traced to a _locales key.
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { fakeBrowser } from '../fakes/browser';
import { createTimerButton, type ButtonState, type TimerButton } from '../../../src/content/timer-button';

let button: TimerButton;
let onToggle: ReturnType<typeof vi.fn<() => void>>;
let onNoTask: ReturnType<typeof vi.fn<() => void>>;

beforeEach(() => {
  fakeBrowser.language = 'marked';
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date(2026, 10, 27, 12, 0, 0, 300));
  onToggle = vi.fn<() => void>();
  onNoTask = vi.fn<() => void>();
  button = createTimerButton(onToggle, onNoTask);
  document.body.append(button.host);
});
afterEach(() => {
  button.host.remove();
  vi.useRealTimers();
});

const root = () => button.host.shadowRoot!;
const main = () => root().querySelectorAll('button')[0]!;
const alt = () => root().querySelectorAll('button')[1]!;
const link = () => root().querySelector('a')!;
const status = () => root().querySelector('[role="status"]')!;
const clock = () => root().querySelector('.clock')!;
/** the accessible name: the button's text without aria-hidden parts */
const name = () =>
  [...main().childNodes]
    .filter((n) => (n as Element).getAttribute('aria-hidden') !== 'true')
    .map((n) => n.textContent)
    .join('');

function show(state: ButtonState, busy = false) {
  button.render(state, busy);
}

describe('structure', () => {
  test('one host with an open shadow root, a real <button> and isolated styles', () => {
    expect(button.host.hasAttribute('data-timecamp-timer')).toBe(true);
    expect(button.host.shadowRoot?.mode).toBe('open');
    expect(main().localName).toBe('button');
    expect(main().type).toBe('button');
    expect(root().querySelector('style')!.textContent).toContain(':host{all:initial');
    expect(status().getAttribute('aria-live')).toBe('polite');
    expect(clock().getAttribute('aria-hidden')).toBe('true');
    expect(link().rel).toContain('noopener');
  });

  test('clicks reach the callbacks', () => {
    show({ kind: 'problem', message: 'm', offerNoTask: true });
    main().click();
    alt().click();
    expect(onToggle).toHaveBeenCalledTimes(1);
    expect(onNoTask).toHaveBeenCalledTimes(1);
  });
});

describe('states', () => {
  test('notConnected: Start timer, explains the first click', () => {
    show({ kind: 'notConnected' });
    expect(name()).toBe('«buttonStart»');
    expect(main().getAttribute('aria-pressed')).toBe('false');
    expect(main().title).toBe('«buttonConnectTooltip»');
    expect(status().textContent).toBe('');
    expect(alt().hidden).toBe(true);
  });

  test('idle: Start timer, no tooltip, not busy', () => {
    show({ kind: 'idle' });
    expect(name()).toBe('«buttonStart»');
    expect(main().getAttribute('aria-pressed')).toBe('false');
    expect(main().getAttribute('aria-busy')).toBe('false');
    expect(main().title).toBe('');
    expect(clock().textContent).toBe('');
  });

  test('busy is aria-busy', () => {
    show({ kind: 'idle' }, true);
    expect(main().getAttribute('aria-busy')).toBe('true');
  });

  test('runningHere: Stop tracking, pressed, and a live clock that is not in the name', () => {
    show({ kind: 'runningHere', startedAtMs: Date.now() - 65_000, synced: true });
    expect(name()).toBe('«buttonStop»');
    expect(main().getAttribute('aria-pressed')).toBe('true');
    expect(clock().textContent).toBe('0:01:05');
    expect(main().title).toBe('');
    vi.advanceTimersByTime(1000);
    expect(clock().textContent).toBe('0:01:06');
    vi.advanceTimersByTime(3_600_000);
    expect(clock().textContent).toBe('1:01:06');
    // A new render stops the old clock: no stray ticks afterwards.
    show({ kind: 'idle' });
    vi.advanceTimersByTime(5000);
    expect(clock().textContent).toBe('');
  });

  test('runningHere not yet confirmed: says it waits to sync', () => {
    show({ kind: 'runningHere', startedAtMs: Date.now(), synced: false });
    expect(main().title).toBe('«buttonWaitingToSync»');
    expect(status().textContent).toBe('«buttonWaitingToSync»');
  });

  // Issue 13 item 2: the stored reason and the next attempt were shown nowhere.
  test('runningHere while the write waits to be retried: says why and when it is tried next', () => {
    const retrying = { reason: 'TimeCamp answered with something unexpected', atMs: Date.now() + 110_000 };
    show({ kind: 'runningHere', startedAtMs: Date.now(), synced: false, retrying });
    expect(status().textContent).toBe(
      '«buttonWaitingToSync» · «syncRetrying|TimeCamp answered with something unexpected|«retryInMinutes|2»»',
    );
    show({
      kind: 'runningHere',
      startedAtMs: Date.now(),
      synced: false,
      retrying: { ...retrying, atMs: Date.now() + 30_000 },
    });
    expect(status().textContent).toContain('«retryInSeconds|30»');
    show({
      kind: 'runningHere',
      startedAtMs: Date.now(),
      synced: false,
      retrying: { ...retrying, atMs: Date.now() - 1 },
    });
    expect(status().textContent).toBe(
      '«buttonWaitingToSync» · «syncRetryingNow|TimeCamp answered with something unexpected»',
    );
  });

  // Issue 15 item 3: it looked exactly like idle, the only cue a tooltip.
  test('runningElsewhere: "Switch timer here", styled apart, with the running task and its live time (as text)', () => {
    show({
      kind: 'runningElsewhere',
      title: '<img src=x onerror=alert(1)>Write copy',
      startedAtMs: Date.now() - 754_000,
    });
    expect(name()).toBe('«buttonSwitchHere»');
    expect(main().className).toBe('switch');
    const other = root().querySelector<HTMLElement>('.other')!;
    expect(other.hidden).toBe(false);
    expect(other.textContent).toBe('«buttonRunningOther|<img src=x onerror=alert(1)>Write copy · 0:12:34»');
    vi.advanceTimersByTime(1000);
    expect(other.textContent).toContain('0:12:35');
    expect(main().getAttribute('aria-pressed')).toBe('false');
    expect(main().title).toBe('«buttonSwitchTooltip|<img src=x onerror=alert(1)>Write copy»');
    expect(root().querySelector('img')).toBeNull();
    show({ kind: 'runningElsewhere', title: '', startedAtMs: Date.now() });
    expect(main().title).toBe('«buttonSwitchTooltip|«noTaskName»»');
    show({ kind: 'idle' });
    expect(root().querySelector<HTMLElement>('.other')!.hidden).toBe(true);
    expect(main().className).toBe('');
  });

  test('a total of 0:00 is not shown unless this task runs', () => {
    button.render({ kind: 'runningElsewhere', title: 'T', startedAtMs: Date.now() }, false, 0);
    expect(root().querySelector<HTMLElement>('.total')!.hidden).toBe(true);
    button.render({ kind: 'idle' }, false, 3600);
    expect(root().querySelector<HTMLElement>('.total')!.hidden).toBe(false);
    button.render({ kind: 'runningHere', startedAtMs: Date.now(), synced: true }, false, 0);
    expect(root().querySelector<HTMLElement>('.total')!.hidden).toBe(false);
  });

  test('waitingConnection: "Waiting for connection…", busy, explains why', () => {
    show({ kind: 'waitingConnection' });
    expect(name()).toBe('«buttonWaitingConnection»');
    expect(main().getAttribute('aria-busy')).toBe('true');
    expect(main().title).toBe('«buttonConnectTooltip»');
  });

  // Issue 15 item 4: a message injected into Planner's status row made it wrap and reflow.
  test('problems open in a callout over the page (two lines at most, with its actions and a close); other messages stay inline', () => {
    show({ kind: 'problem', message: 'Not in TimeCamp yet. '.repeat(20), offerNoTask: true });
    const callout = root().querySelector('.callout')!;
    expect(callout.className).toBe('callout open');
    expect(callout.contains(status())).toBe(true);
    expect(callout.contains(alt())).toBe(true);
    const css = root().querySelector('style')!.textContent!;
    expect(css).toMatch(/\.callout\.open\{position:absolute;/);
    expect(css).toContain('-webkit-line-clamp:2');
    expect(status().getAttribute('title')).toBe('Not in TimeCamp yet. '.repeat(20)); // the whole text on hover
    root().querySelector<HTMLButtonElement>('.close')!.click();
    expect(callout.className).toBe('callout');
    expect(status().textContent).toBe('');
    show({ kind: 'runningHere', startedAtMs: Date.now(), synced: false });
    expect(callout.className).toBe('callout');
  });

  test('problem (not imported): message, Track without task and the Timesheet link', () => {
    show({ kind: 'problem', message: 'Not in <b>TimeCamp</b>', offerNoTask: true });
    expect(name()).toBe('«buttonStart»');
    expect(status().textContent).toBe('Not in <b>TimeCamp</b>');
    expect(status().className).toBe('msg err');
    expect(status().querySelector('b')).toBeNull();
    expect(alt().hidden).toBe(false);
    expect(alt().textContent).toBe('«buttonTrackWithoutTask»');
    expect(link().hidden).toBe(false);
    expect(link().textContent).toBe('«buttonOpenTimesheet»');
    expect(link().href).toMatch(/^https:\/\/app\.timecamp\.com\//);
  });

  test('problem (not assigned, archived): message only', () => {
    show({ kind: 'problem', message: 'Not assigned', offerNoTask: false });
    expect(status().textContent).toBe('Not assigned');
    expect(alt().hidden).toBe(true);
    expect(link().hidden).toBe(true);
  });

  test('error: the message, styled as an error', () => {
    show({ kind: 'error', message: '«buttonErrorReload»' });
    expect(status().textContent).toBe('«buttonErrorReload»');
    expect(status().className).toBe('msg err');
    expect(name()).toBe('«buttonStart»');
  });

  test('screen readers hear a start and a stop once', () => {
    show({ kind: 'idle' });
    expect(status().textContent).toBe('');
    show({ kind: 'runningHere', startedAtMs: Date.now(), synced: true });
    expect(status().textContent).toBe('«announceStarted»');
    show({ kind: 'idle' });
    expect(status().textContent).toBe('«announceStopped»');
    // A re-render of the same state keeps the words (not cut short) without rewriting them (not repeated).
    const words = status().firstChild;
    show({ kind: 'idle' });
    expect(status().firstChild).toBe(words);
    expect(status().textContent).toBe('«announceStopped»');
  });

  test('every visible string comes from i18n or the page', () => {
    const states: ButtonState[] = [
      { kind: 'notConnected' },
      { kind: 'idle' },
      { kind: 'runningElsewhere', title: 'T', startedAtMs: Date.now() },
      { kind: 'problem', message: '«m»', offerNoTask: true },
      { kind: 'error', message: '«e»' },
    ];
    for (const state of states) {
      show(state);
      const texts: string[] = [];
      const walker = document.createTreeWalker(root(), NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (n.parentElement?.localName === 'style') continue;
        if (n.textContent) texts.push(n.textContent);
      }
      for (const text of texts) expect(text).toMatch(/^«.*»$/);
    }
  });

  test('a hidden tab does not tick; the next render restarts the clock', () => {
    const hidden = vi.spyOn(document, 'hidden', 'get').mockReturnValue(true);
    show({ kind: 'runningHere', startedAtMs: Date.now() - 10_000, synced: true });
    expect(clock().textContent).toBe('0:00:10');
    vi.advanceTimersByTime(5000);
    expect(clock().textContent).toBe('0:00:10');
    hidden.mockReturnValue(false);
    show({ kind: 'runningHere', startedAtMs: Date.now() - 15_000, synced: true });
    expect(clock().textContent).toBe('0:00:15');
    hidden.mockRestore();
  });
});
