// Requests from the content script in a Planner tab.
import browser from 'webextension-polyfill';
import { buildView } from '../view';
import { registerTab } from '../broadcast';
import { changed, startTimerRefresh, startTotalRefresh } from '../../jobs';
import { read, write } from '../../storage/records';
import { readSettings } from '../../storage/settings';
import { clickToggle, stampAt, startTimer, targetOf } from '../../timer/timer-service';
import { attentionItems, retryAttention } from '../../outbox/queue';
import { clearProblem } from '../../tasks/problems';
import { afterWrite } from './after-write';
import type { ContentHandlers } from './types';

/** Ask for the token in extension-origin UI (never an input the Planner page can read) */
async function openConnectUi(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    // openPopup needs a focused window and a recent browser; a tab always works.
    await browser.tabs.create({ url: browser.runtime.getURL('popup.html?connect=1') });
  }
}

export const contentHandlers: ContentHandlers = {
  async 'content.hello'(request, sender) {
    await registerTab(sender.tabId, request.plannerTaskId, request.visible);
    if (request.visible) startTimerRefresh(true);
    if (request.visible && request.plannerTaskId) startTotalRefresh(request.plannerTaskId);
    return buildView();
  },
  async 'content.toggle'(request, sender) {
    const { noteIsTitle } = await readSettings(); // in memory after the first read
    if (await clickToggle(sender.tabId, request.task, request.clickedAtMs, noteIsTitle, request.intent))
      return afterWrite();
    // No working token: the click waits for Connect (token only in extension UI, never the page).
    await openConnectUi();
    return buildView();
  },
  async 'content.trackWithoutTask'(request) {
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
  },
  async 'content.dismissProblem'(request) {
    await clearProblem(request.plannerTaskId);
    await changed();
    return buildView();
  },
};
