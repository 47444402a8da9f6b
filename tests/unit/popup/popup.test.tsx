// @vitest-environment jsdom
// The popup's components against the Connector's mock twin (no worker, no browser):
// cached data first, edit flows, delete + undo, needs-attention, the running timer.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { act } from 'preact/test-utils';
import { App } from '../../../src/popup/App';
import { hoursMinutes, parseDuration } from '../../../src/popup/format';
import { ACCOUNT, DATE, entry, mockConnector, sheet, view } from './mock-connector';
import { button, byText, click, en, field, installExtensionApi, mount, settle, type } from './setup';

beforeAll(installExtensionApi);
let unmount = () => {};
afterEach(() => unmount());

function open(mock: ReturnType<typeof mockConnector>) {
  const m = mount(<App connector={mock.connector} today={DATE} />);
  unmount = m.unmount;
  return m.root;
}

const never = new Promise<never>(() => {});

describe('popup: cached data first', () => {
  it('renders the cached day while TimeCamp has not answered, with its total and no spinner', async () => {
    const mock = mockConnector({
      cached: sheet([
        entry('1', 'Write homepage copy', '08:00', '09:15', 'Hero first draft'),
        entry('2', 'Meetings', '09:30', '10:00'),
      ]),
      refreshed: never,
    });
    const root = open(mock);
    await settle();
    expect(byText(root, '.entries li', 'Write homepage copy').textContent).toContain('Hero first draft');
    expect(byText(root, '.entries li', 'Write homepage copy').querySelector('.dur')?.textContent).toBe('1:15');
    expect(root.querySelector('.total')?.textContent).toContain('1:45');
    expect(root.querySelector('.day-status a')?.getAttribute('href')).toBe(
      `https://app.timecamp.com/app#/timesheets/timer/${DATE}`,
    );
    expect(root.textContent).toContain(en('popupRefreshing'));
    expect(root.textContent).toContain(`Connected as Dana Demo (${ACCOUNT.email})`);
    expect(mock.connector.refreshDay).toHaveBeenCalledWith(DATE);
  });

  it("replaces the cached day with TimeCamp's answer, and says when the refresh failed", async () => {
    const mock = mockConnector({
      cached: sheet([entry('1', 'Old', '08:00', '09:00')]),
      refreshed: sheet([entry('1', 'Old', '08:00', '09:00'), entry('3', 'Made elsewhere', '11:00', '12:00')]),
    });
    const root = open(mock);
    await settle();
    expect(byText(root, '.entries li', 'Made elsewhere')).toBeTruthy();
    expect(root.textContent).not.toContain(en('popupRefreshing'));

    mock.world.refreshed = sheet([], { error: 'TimeCamp could not be reached (offline?); retrying.' });
    mock.push(view());
    await settle(320);
    expect(root.querySelector('.sync-error')?.textContent).toContain('could not be reached');
  });

  // Issue 13 item 2: a write that keeps failing said nothing about why or when it is tried again.
  it('says in one line why the oldest write waits and when it is tried next', async () => {
    const mock = mockConnector({ cached: sheet([]), refreshed: never });
    mock.world.state.view = view({
      pending: 2,
      retrying: { reason: en('retryReasonMalformed'), atMs: Date.now() + 115_000 },
    });
    const root = open(mock);
    await settle();
    expect(root.querySelector('.sync-line .retrying')?.textContent?.replace(/^ · /, '')).toBe(
      'TimeCamp answered with something unexpected — retrying in 2 min',
    );
  });

  it('marks unsynced entries and counts the running timer in the total', async () => {
    const startedAtMs = new Date(2026, 2, 10, 10, 0).getTime();
    const mock = mockConnector({
      cached: sheet([entry('1', 'Write homepage copy', '08:00', '09:00', '', { pending: true })]),
      refreshed: never,
    });
    mock.world.state.view = view({
      running: {
        plannerTaskId: '5002',
        taskId: '9502',
        title: 'Design pricing table',
        breadcrumb: ['Planner', 'Acme Studio'],
        note: '',
        startedAtMs,
        synced: true,
      },
      pending: 1,
    });
    const realNow = Date.now;
    Date.now = () => startedAtMs + 30 * 60_000;
    try {
      const root = open(mock);
      await settle();
      expect(byText(root, '.entries li', 'Write homepage copy').textContent).toContain(en('buttonWaitingToSync'));
      expect(root.querySelector('.total')?.textContent).toContain('1:30');
      expect(byText(root, '.entries li', 'Design pricing table').textContent).toContain(en('popupNow'));
      expect(root.querySelector('.sync-line')?.textContent).toContain(en('syncWaitingOne'));
    } finally {
      Date.now = realNow;
    }
  });

  it('keeps the newest view when an older one arrives late (answers and pushes can cross)', async () => {
    const older = view(); // read first: nothing ran yet
    const mock = mockConnector({ cached: sheet([]), refreshed: never });
    const running = {
      plannerTaskId: '5002',
      taskId: '9502',
      title: 'Design pricing table',
      breadcrumb: [],
      note: '',
      startedAtMs: Date.now(),
      synced: true,
    };
    mock.world.state.view = view({ running });
    const root = open(mock);
    await settle();
    expect(root.textContent).toContain('Design pricing table');
    mock.push(older);
    await settle();
    expect(root.textContent).toContain('Design pricing table');
    mock.push(view()); // read later: the timer was stopped
    await settle();
    expect(root.textContent).not.toContain('Design pricing table');
  });

  it('shows the token form when not connected', async () => {
    const mock = mockConnector();
    mock.world.state = { account: null, view: view({ connected: false }), waitingStart: null, idle: null };
    const root = open(mock);
    await settle();
    expect(root.querySelector('form.connect')).toBeTruthy();
    expect(mock.connector.refreshDay).not.toHaveBeenCalled();
  });
});

describe('popup: edits', () => {
  it('edits note and end inline and sends both times with the note', async () => {
    const mock = mockConnector({
      cached: sheet([entry('1', 'Write homepage copy', '08:00', '09:00', 'draft')]),
      refreshed: never,
    });
    const root = open(mock);
    await settle();
    await click(button(root, 'Edit entry “Write homepage copy”'));
    await type(field(root, 'Note'), 'final');
    await type(field(root, 'End'), '09:30');
    expect(field(root, 'Duration').value).toBe('1:30');
    await act(
      () => void root.querySelector('form.entry-form')!.dispatchEvent(new Event('submit', { cancelable: true })),
    );
    await settle();
    expect(mock.connector.updateEntry).toHaveBeenCalledWith({ entryId: '1' }, DATE, {
      note: 'final',
      start: '08:00',
      end: '09:30',
    });
    expect(root.querySelector('form.entry-form')).toBeNull();
    expect(mock.connector.cachedDay).toHaveBeenCalledTimes(2); // the overlay shows the edit at once
  });

  it('a duration moves the end; a bad duration is refused in words', async () => {
    const mock = mockConnector({ cached: sheet([entry('1', 'Meetings', '09:30', '10:00')]), refreshed: never });
    const root = open(mock);
    await settle();
    await click(button(root, 'Edit entry “Meetings”'));
    await type(field(root, 'Duration'), '1:15');
    expect(field(root, 'End').value).toBe('10:45');
    await type(field(root, 'Duration'), 'lots');
    await act(
      () => void root.querySelector('form.entry-form')!.dispatchEvent(new Event('submit', { cancelable: true })),
    );
    await settle();
    expect(root.querySelector('.entry-form [role="alert"]')?.textContent).toBe(en('popupBadDuration'));
    expect(mock.connector.updateEntry).not.toHaveBeenCalled();
  });

  it("shows the worker's refusal and keeps the form open", async () => {
    const mock = mockConnector({ cached: sheet([entry('1', 'Meetings', '09:30', '10:00')]), refreshed: never });
    mock.connector.updateEntry.mockResolvedValueOnce({ ok: false, message: en('editEndBeforeStart') } as never);
    const root = open(mock);
    await settle();
    await click(button(root, 'Edit entry “Meetings”'));
    await type(field(root, 'End'), '09:00');
    await act(
      () => void root.querySelector('form.entry-form')!.dispatchEvent(new Event('submit', { cancelable: true })),
    );
    await settle();
    expect(root.querySelector('.entry-form [role="alert"]')?.textContent).toBe(en('editEndBeforeStart'));
  });

  it('a slow save keeps Save focusable (aria-disabled, one request), so Escape still closes the form after a refusal', async () => {
    const mock = mockConnector({ cached: sheet([entry('1', 'Meetings', '09:30', '10:00')]), refreshed: never });
    let answer: (o: { ok: false; message: string }) => void = () => undefined;
    mock.connector.updateEntry.mockImplementationOnce(() => new Promise((resolve) => (answer = resolve)) as never);
    const root = open(mock);
    await settle();
    await click(button(root, 'Edit entry “Meetings”'));
    await type(field(root, 'End'), '09:00');
    const save = button(root, en('popupSave'));
    save.focus();
    const form = root.querySelector('form.entry-form')!;
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    await settle();
    // The worker has not answered: Save says it is busy but is not disabled (a disabled button drops focus).
    expect(save.getAttribute('aria-disabled')).toBe('true');
    expect(save.disabled).toBe(false);
    await act(() => void form.dispatchEvent(new Event('submit', { cancelable: true })));
    expect(mock.connector.updateEntry).toHaveBeenCalledTimes(1);
    await act(() => answer({ ok: false, message: en('editEndBeforeStart') }));
    await settle();
    expect(root.querySelector('.entry-form [role="alert"]')?.textContent).toBe(en('editEndBeforeStart'));
    expect(document.activeElement).toBe(save);
    await act(() => void save.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(root.querySelector('form.entry-form')).toBeNull();
  });

  it('adds a manual entry on a searched task', async () => {
    const mock = mockConnector({
      cached: sheet([]),
      refreshed: never,
      found: [{ taskId: '8001', name: 'Meetings', path: ['Internal'], fromPlanner: false }],
    });
    const root = open(mock);
    await settle();
    await click(button(root, en('popupAddEntryButton')));
    await type(field(root, 'Task'), 'meet');
    await settle(220);
    expect(mock.connector.searchTasks).toHaveBeenCalledWith('meet');
    await click(button(root, 'Choose: Meetings — Internal'));
    await type(field(root, 'Start'), '13:00');
    await type(field(root, 'End'), '14:30');
    await type(field(root, 'Note'), 'Planning');
    await click(button(root, en('popupAddEntry')));
    expect(mock.connector.createEntry).toHaveBeenCalledWith({
      date: DATE,
      start: '13:00',
      end: '14:30',
      taskId: '8001',
      taskName: 'Meetings',
      note: 'Planning',
    });
  });
});

describe('popup: delete with undo', () => {
  it('Delete offers Undo (focused), Undo takes it back', async () => {
    const mock = mockConnector({ cached: sheet([entry('1', 'Meetings', '09:30', '10:00')]), refreshed: never });
    const root = open(mock);
    await settle();
    await click(button(root, 'Delete entry “Meetings”'));
    expect(mock.connector.deleteEntry).toHaveBeenCalledWith({ entryId: '1' });
    expect(byText(root, '.entries li', 'Deleted “Meetings”')).toBeTruthy();
    expect(document.activeElement?.textContent).toBe(en('popupUndo'));
    expect(root.querySelector('.total')?.textContent).toContain('0:00');
    await click(button(root, en('popupUndo')));
    expect(mock.connector.undoDelete).toHaveBeenCalledWith({ entryId: '1' });
    expect(button(root, 'Delete entry “Meetings”')).toBeTruthy();
    expect(root.textContent).toContain(en('popupRestoredAnnounce'));
  });

  it('says so when Undo came too late', async () => {
    const mock = mockConnector({
      cached: sheet([entry('1', 'Meetings', '09:30', '10:00')]),
      refreshed: never,
      undoOk: false,
    });
    const root = open(mock);
    await settle();
    await click(button(root, 'Delete entry “Meetings”'));
    await click(button(root, en('popupUndo')));
    expect(root.textContent).toContain(en('undoTooLate'));
  });
});

describe('popup: needs attention', () => {
  const item = (seq: number, summary: string) => ({
    seq,
    summary,
    reason: 'TimeCamp refused this change: archived',
    atMs: 1,
  });

  it('Retry and Discard send the item clicked, then show the list as the worker answers it', async () => {
    const mock = mockConnector({
      cached: sheet([]),
      refreshed: never,
      attention: [item(4, 'Change to an entry'), item(7, 'Deletion of an entry')],
    });
    mock.world.state.view = view({ attention: 2 });
    // The worker's list after each click, as it answers it: another refusal came in meanwhile.
    mock.connector.retryAttention.mockImplementationOnce(async () => {
      mock.world.attention = [item(7, 'Deletion of an entry'), item(9, 'Start of a timer')];
      return { ok: true };
    });
    mock.connector.discardAttention.mockImplementationOnce(async () => {
      mock.world.attention = [item(9, 'Start of a timer')];
      return { ok: true };
    });
    const root = open(mock);
    await settle();
    const shown = () => [...root.querySelectorAll('.attention li .name')].map((n) => n.textContent);
    expect(shown()).toEqual(['Change to an entry', 'Deletion of an entry']);
    expect(root.querySelector('.attention')!.textContent).toContain('TimeCamp refused this change: archived');
    await click(button(root, 'Retry: Change to an entry'));
    expect(mock.connector.retryAttention).toHaveBeenCalledWith(4);
    await settle();
    expect(shown()).toEqual(['Deletion of an entry', 'Start of a timer']);
    await click(button(root, 'Discard: Deletion of an entry'));
    expect(mock.connector.discardAttention).toHaveBeenCalledWith(7);
    await settle();
    expect(shown()).toEqual(['Start of a timer']);
    mock.world.attention = [];
    await click(button(root, 'Discard: Start of a timer'));
    await settle();
    expect(mock.connector.discardAttention).toHaveBeenLastCalledWith(9);
    expect(mock.connector.retryAttention).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.attention')).toBeNull();
  });
});

describe('popup: running timer', () => {
  const RUNNING = {
    plannerTaskId: '5002',
    taskId: '9502',
    title: 'Design pricing table',
    breadcrumb: ['Planner', 'Acme Studio'],
    note: 'old',
    startedAtMs: Date.now() - 65_000,
    synced: false,
  };

  it('shows task, breadcrumb, note; Enter sends the note typed and shows the note the worker recorded', async () => {
    const mock = mockConnector({ cached: sheet([]), refreshed: never });
    mock.world.state.view = view({ running: { ...RUNNING, startedAtMs: Date.now() - 65_000 } });
    // The worker records notes with their spaces collapsed (timer-service.ts shortenNote).
    mock.connector.setNote.mockImplementationOnce(async (note: string) =>
      view({ running: { ...RUNNING, note: note.replace(/\s+/g, ' ').trim() } }),
    );
    const root = open(mock);
    await settle();
    const timer = root.querySelector('.timer.running')!;
    expect(timer.textContent).toContain('Design pricing table');
    expect(timer.textContent).toContain('Planner › Acme Studio');
    expect(timer.textContent).toContain(en('buttonWaitingToSync'));
    expect(root.querySelector('[role="timer"]')?.textContent).toMatch(/^0:01:0\d$/);
    const note = field(root, en('popupTimerNoteLabel'));
    expect(note.value).toBe('old');
    await act(() => void note.dispatchEvent(new FocusEvent('focus')));
    await type(note, '  new   note ');
    await act(() => void note.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true })));
    await act(() => void note.dispatchEvent(new FocusEvent('blur')));
    await settle();
    expect(mock.connector.setNote).toHaveBeenCalledTimes(1);
    expect(mock.connector.setNote).toHaveBeenCalledWith('  new   note ');
    expect(field(root, en('popupTimerNoteLabel')).value).toBe('new note');
  });

  it('Stop shows what the worker answered: a stop it never received keeps the timer shown, and says why', async () => {
    const failure = 'The extension’s background did not answer; nothing was changed.';
    const mock = mockConnector({ cached: sheet([]), refreshed: never, failure });
    mock.world.state.view = view({ running: RUNNING });
    mock.connector.stopTimer.mockResolvedValueOnce(null as never);
    const root = open(mock);
    await settle();
    await click(button(root, en('popupStop')));
    await settle();
    expect(mock.connector.stopTimer).toHaveBeenCalledTimes(1);
    expect(root.querySelector('.timer.running')?.textContent).toContain('Design pricing table');
    expect(root.querySelector('p.error[role="alert"]')?.textContent).toBe(failure);
    // Clicked again, the worker records it: the popup shows no timer and the stop waiting to sync.
    mock.connector.stopTimer.mockResolvedValueOnce(view({ running: null, pending: 1 }));
    await click(button(root, en('popupStop')));
    await settle();
    expect(root.querySelector('.timer.running')).toBeNull();
    expect(root.querySelector('.timer.idle')).toBeTruthy();
    expect(root.querySelector('p.error[role="alert"]')).toBeNull();
  });

  it('when idle: recent tasks first, search results as typed; a click starts the timer', async () => {
    const recent = [{ taskId: '8001', name: 'Meetings', path: ['Internal'], fromPlanner: false }];
    const found = [
      { taskId: '9502', name: 'Design pricing table', path: ['Planner', 'Acme Studio'], fromPlanner: true },
    ];
    const mock = mockConnector({ cached: sheet([]), refreshed: never, recent, found });
    const root = open(mock);
    await settle();
    expect(root.querySelector('.picker')?.textContent).toContain(en('popupRecentTasks'));
    expect(button(root, 'Start timer: Meetings — Internal')).toBeTruthy();
    await type(field(root, en('popupStartLabel')), 'pricing');
    await settle(220);
    await click(button(root, 'Start timer: Design pricing table — Planner › Acme Studio'));
    expect(mock.connector.startTimer).toHaveBeenCalledWith(found[0]);
    expect(root.querySelector('.timer.running')?.textContent).toContain('Design pricing table');
  });
});

describe('popup: formats and strings', () => {
  it('durations are h:mm, parsed from h:mm or minutes', () => {
    expect(hoursMinutes(3 * 3600 + 7 * 60 + 59)).toBe('3:07');
    expect(parseDuration('1:30')).toBe(5400);
    expect(parseDuration('45')).toBe(2700);
    expect(parseDuration('1:75')).toBeNull();
    expect(parseDuration('25:00')).toBeNull();
  });

  it('no literal user-visible English in popup components; every key exists in _locales', () => {
    const dir = join(process.cwd(), 'src/popup/');
    const messages = JSON.parse(readFileSync(join(process.cwd(), 'extension/_locales/en/messages.json'), 'utf8'));
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.tsx'))) {
      const source = readFileSync(dir + file, 'utf8');
      // JSX text between tags, and text attributes, with two letters in a row
      expect(source.match(/>[^<>{}\n;=()[\]]*[A-Za-z]{2}[^<>{}\n;=()[\]]*</g) ?? [], file).toEqual([]);
      expect(source.match(/\b(aria-label|title|placeholder|alt)="[^"]*[A-Za-z]{2}/g) ?? [], file).toEqual([]);
      for (const [, key] of source.matchAll(/\bt\('([A-Za-z]+)'/g))
        expect(messages, `${file}: ${key}`).toHaveProperty(key!);
    }
  });
});

describe('popup: idle time question (issue #8)', () => {
  it('asks only while a timer runs, and sends the chosen answer', async () => {
    const running = {
      plannerTaskId: '5001',
      taskId: '9501',
      title: 'Write homepage copy',
      breadcrumb: [],
      note: '',
      startedAtMs: Date.now() - 3_600_000,
      synced: true,
    };
    const idle = { idleStartMs: Date.now() - 40 * 60_000, idleEndMs: Date.now() - 60_000 };
    const mock = mockConnector({ state: { account: ACCOUNT, view: view({ running }), waitingStart: null, idle } });
    const root = open(mock);
    await settle();
    expect(root.querySelector('[role="alertdialog"]')?.textContent).toContain(en('idleTitle'));
    expect(root.textContent).toContain('39 min');
    await click(button(root, en('idleDiscard')));
    await settle();
    expect(mock.connector.resolveIdle).toHaveBeenCalledWith('discard');
    expect(root.querySelector('[role="alertdialog"]')).toBeNull();
  });

  it('shows no question when no timer runs', async () => {
    const mock = mockConnector({
      state: { account: ACCOUNT, view: view(), waitingStart: null, idle: { idleStartMs: 1, idleEndMs: 600_001 } },
    });
    const root = open(mock);
    await settle();
    expect(root.querySelector('[role="alertdialog"]')).toBeNull();
  });
});

describe('popup: the worker could not store (issue 14 items 2 and 3)', () => {
  it("Stop whose write failed shows the worker's words: the click was NOT recorded", async () => {
    const mock = mockConnector({ cached: sheet([]), refreshed: never });
    mock.world.state.view = view({
      running: {
        plannerTaskId: '5002',
        taskId: '9502',
        title: 'Design pricing table',
        breadcrumb: [],
        note: '',
        startedAtMs: Date.now() - 65_000,
        synced: true,
      },
    });
    const root = open(mock);
    await settle();
    mock.connector.stopTimer.mockResolvedValueOnce(null as never);
    mock.world.failure = en('errorClickNotRecorded');
    await click(button(root, en('popupStop')));
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(en('errorClickNotRecorded'));
  });

  it('no state because the data is a newer version\'s: says what to do, not "did not answer"', async () => {
    const mock = mockConnector({ failure: en('errorDatabaseNewer') });
    mock.connector.state.mockResolvedValue(null as never);
    const root = open(mock);
    await settle();
    expect(root.querySelector('[role="alert"]')?.textContent).toBe(en('errorDatabaseNewer'));
  });
});
