// The popup's first render: everything it shows, from IndexedDB only.
import { buildView } from '../view';
import { startTimerRefresh } from '../../jobs';
import { read } from '../../storage/records';
import { idlePrompt } from '../../timer/idle-watch';
import { currentAccount } from '../../account/auth';
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
} satisfies Partial<PopupHandlers>;
