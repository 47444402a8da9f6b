// What each validated request does. Every write goes through the timer service
// (and so the outbox), then `afterWrite` pushes the new view and drains.
import browser from 'webextension-polyfill';
import type { ContentRequest, PopupRequest, PopupState, TimerView } from '../shared/protocol';
import type { Sender } from './router';
import { buildView } from './view';
import { registerTab } from './broadcast';
import { changed, kickDrain, kickRefresh, kickTotal } from './lifecycle';
import { drainUnderway } from './outbox-drain';
import { read, write } from './stored';
import { readSettings } from './settings-store';
import { clickToggle, setRunningNote, startTimer, stampAt, stopTimer, targetOf } from './timer-service';
import { attentionItems, discardAttention, retryAttention } from './outbox';
import { cachedDay, createEntry, deleteEntry, refreshDay, undoDelete, updateEntry } from './timesheet';
import { recentTasks, searchTasks } from './task-search';
import { attentionList } from './attention-view';
import { idlePrompt, resolveIdle } from './idle-watch';
import { IDLE_NOTIFICATION, NOTICE_CHOICES, clearIdleNotice } from './idle-notice';
import { clearProblem } from './task-problems';
import { connect, connectWithSession, currentAccount, disconnect } from './auth';
import { syncNow } from './sync-now';
import { weekTotal } from './week-total';
import { currentTimeZone, wallClock } from '../shared/wall-clock';
import { t } from './i18n';
import { plannerTabDiagnostics } from './planner-tab';

/** A Start click older than this is not replayed after Connect: the user has moved on */
const WAITING_START_MAX_AGE_MS = 30 * 60_000;

async function afterWrite(): Promise<TimerView> {
  // Send first: pushing the view to every tab and the badge must not delay the request
  // (the clicked button already shows the new state; other tabs see it a few ms later).
  kickDrain();
  await drainUnderway();
  return changed();
}

/** Ask for the token in extension-origin UI (never an input the Planner page can read) */
async function openConnectUi(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    // openPopup needs a focused window and a recent browser; a tab always works.
    await browser.tabs.create({ url: browser.runtime.getURL('popup.html?connect=1') });
  }
}

export async function handleContent(
  request: ContentRequest,
  sender: Extract<Sender, { kind: 'content' }>,
): Promise<TimerView> {
  switch (request.type) {
    case 'content.hello':
      await registerTab(sender.tabId, request.plannerTaskId, request.visible);
      if (request.visible) kickRefresh(true);
      if (request.visible && request.plannerTaskId) kickTotal(request.plannerTaskId);
      return buildView();
    case 'content.toggle': {
      const { noteIsTitle } = await readSettings(); // in memory after the first read
      if (await clickToggle(sender.tabId, request.task, request.clickedAtMs, noteIsTitle, request.intent))
        return afterWrite();
      // No working token: the click waits for Connect (token only in extension UI, never the page).
      await openConnectUi();
      return buildView();
    }
    case 'content.trackWithoutTask': {
      const auth = await read('auth');
      if (!auth) return buildView();
      const id = request.task.plannerTaskId;
      await clearProblem(id);
      // The refused start (with its stop, if any) is replayed without a task, at its original time.
      const refused = (await attentionItems()).find(
        (item) => item.actions[0]?.kind === 'start' && item.actions[0].task.plannerTaskId === id,
      );
      if (refused) {
        // Without a task the title is what says what the time was: it becomes the note when there is none (issue 15)
        const note = (n: string) => n || request.task.title;
        await retryAttention(refused.seq, (a) =>
          a.kind === 'start' ? { ...a, task: { ...a.task, taskId: null, noTask: true }, note: note(a.note) } : a,
        );
        const start = refused.actions[0]!;
        if (start.kind === 'start' && !refused.actions.some((a) => a.kind === 'stop'))
          await write('timer', {
            runId: start.runId,
            task: { ...start.task, noTask: true },
            note: note(start.note),
            startedAt: start.at,
            entryId: null,
          });
      } else {
        await startTimer(
          auth.account.userId,
          { ...targetOf(request.task), noTask: true },
          request.task.title,
          stampAt(request.clickedAtMs),
        );
      }
      return afterWrite();
    }
    case 'content.dismissProblem':
      await clearProblem(request.plannerTaskId);
      await changed();
      return buildView();
  }
}

export async function handleExtensionPage(
  request: PopupRequest,
  sender: Extract<Sender, { kind: 'extensionPage' }>,
): Promise<unknown> {
  switch (request.type) {
    case 'popup.state': {
      // IndexedDB only, read in parallel: this answer is the popup's first render. Asking
      // TimeCamp what runs waits until it is read, so the two do not compete.
      const [account, view, waiting, idle] = await Promise.all([
        currentAccount(),
        buildView(),
        read('waitingStart'),
        idlePrompt(),
      ]);
      kickRefresh(true);
      const state: PopupState = {
        account,
        view,
        waitingStart: waiting?.task ?? null,
        idle: idle && { idleStartMs: Math.round(idle.idleStartMs), idleEndMs: Math.round(idle.idleEndMs) },
      };
      return state;
    }
    case 'auth.connect': {
      const result = await connect(request.token);
      if (result.ok) {
        await replayWaitingStart();
        await afterWrite();
        kickRefresh(true);
      }
      return result;
    }
    case 'auth.connectSession': {
      const result = await connectWithSession();
      if (result.ok) {
        await replayWaitingStart();
        await afterWrite();
        kickRefresh(true);
      }
      return result;
    }
    case 'sync.now':
      return syncNow();
    case 'week.total':
      return weekTotal(request.date);
    case 'auth.disconnect':
      await disconnect();
      await changed();
      return { ok: true };
    case 'timer.stop': {
      const auth = await read('auth');
      if (auth) await stopTimer(auth.account.userId, request.clickedAtMs);
      return afterWrite();
    }
    case 'timer.note': {
      const auth = await read('auth');
      if (auth) await setRunningNote(auth.account.userId, request.note);
      return afterWrite();
    }
    case 'timer.start': {
      const auth = await read('auth');
      if (!auth) return buildView();
      const { taskId, name, path } = request.task;
      await startTimer(
        auth.account.userId,
        { plannerTaskId: null, taskId, title: name, breadcrumb: path },
        request.note ?? '',
        stampAt(request.clickedAtMs),
      );
      return afterWrite();
    }
    case 'day.cached':
      return cachedDay(request.date);
    case 'day.refresh':
      return refreshDay(request.date);
    case 'entry.update':
    case 'entry.create':
    case 'entry.delete': {
      const auth = await read('auth');
      if (!auth) return { ok: false, message: t('errorUnauthorized') };
      const userId = auth.account.userId;
      const result =
        request.type === 'entry.update'
          ? await updateEntry(userId, request.ref, request.date, request.change)
          : request.type === 'entry.create'
            ? await createEntry(userId, request)
            : await deleteEntry(userId, request.ref);
      if (result.ok) await afterWrite();
      return result;
    }
    case 'entry.undoDelete': {
      const result = await undoDelete(request.ref);
      await changed();
      return result;
    }
    case 'attention.list':
      return attentionList();
    case 'attention.retry': {
      await retryAttention(request.seq);
      await afterWrite();
      return { ok: true };
    }
    case 'attention.discard':
      await discardAttention(request.seq);
      await changed();
      return { ok: true };
    case 'tasks.search':
      return searchTasks(request.query);
    case 'tasks.recent':
      return recentTasks();
    case 'popup.plannerTab':
      return plannerTabDiagnostics(sender.tabId);
    case 'idle.resolve': {
      const auth = await read('auth');
      if (auth) await resolveIdle(auth.account.userId, request.choice);
      await clearIdleNotice();
      return afterWrite();
    }
  }
}

/** The first click without a token: after a successful Connect the start happens with no second click */
async function replayWaitingStart(): Promise<void> {
  const waiting = await read('waitingStart');
  const auth = await read('auth');
  await write('waitingStart', null);
  if (!waiting || !auth || Date.now() - waiting.clickedAtMs > WAITING_START_MAX_AGE_MS) return;
  // Started at the click: the user was working from then on. stampAt would clamp an old
  // click to "now", so the stamp is built from the click itself.
  const { noteIsTitle } = await readSettings();
  await startTimer(auth.account.userId, targetOf(waiting.task), noteIsTitle ? waiting.task.title : '', {
    ms: waiting.clickedAtMs,
    wall: wallClock(waiting.clickedAtMs),
    tz: currentTimeZone(),
  });
}

/** A button of the idle notification: the same as that choice in the popup */
export async function answerIdleNotice(notificationId: string, index: number): Promise<void> {
  const choice = NOTICE_CHOICES[index];
  if (notificationId !== IDLE_NOTIFICATION || !choice) return;
  await handleExtensionPage({ type: 'idle.resolve', choice }, { kind: 'extensionPage', tabId: null });
}
