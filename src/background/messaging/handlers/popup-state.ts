// The popup's first render: everything it shows, from IndexedDB only.
import { buildView } from '../view';
import { startTimerRefresh } from '../../jobs';
import { read } from '../../storage/records';
import { idlePrompt } from '../../timer/idle-watch';
import { currentAccount } from '../../account/auth';
import { plannerTabDiagnostics } from '../../planner/planner-tab';
import type { PopupHandlers } from './types';

export const popupStateHandlers = {
  async 'popup.state'() {
    // IndexedDB only, read in parallel: this answer is the popup's first render. Asking
    // TimeCamp what runs waits until it is read, so the two do not compete.
    const [account, view, waiting, idle] = await Promise.all([
      currentAccount(),
      buildView(),
      read('waitingStart'),
      idlePrompt(),
    ]);
    startTimerRefresh(true);
    return {
      account,
      view,
      waitingStart: waiting?.task ?? null,
      idle: idle && { idleStartMs: Math.round(idle.idleStartMs), idleEndMs: Math.round(idle.idleEndMs) },
    };
  },
  /** what the content script sees in the active Planner tab (the popup's "This Planner tab") */
  'popup.plannerTab': async (_request, sender) => plannerTabDiagnostics(sender.tabId),
} satisfies Partial<PopupHandlers>;
