// The running timer from the popup: start, stop, note, and what to do with idle time.
import { buildView } from '../view';
import { read } from '../../storage/records';
import { setRunningNote, stampAt, startTimer, stopTimer } from '../../timer/timer-service';
import { resolveIdle } from '../../timer/idle-watch';
import { IDLE_NOTIFICATION, NOTICE_CHOICES, clearIdleNotice } from '../../timer/idle-notice';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

export const timerHandlers = {
  async 'timer.stop'(request) {
    const auth = await read('auth');
    if (auth) await stopTimer(auth.account.userId, request.clickedAtMs);
    return afterWrite();
  },
  async 'timer.note'(request) {
    const auth = await read('auth');
    if (auth) await setRunningNote(auth.account.userId, request.note);
    return afterWrite();
  },
  async 'timer.start'(request) {
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
  },
  async 'idle.resolve'(request) {
    const auth = await read('auth');
    if (auth) await resolveIdle(auth.account.userId, request.choice);
    await clearIdleNotice();
    return afterWrite();
  },
} satisfies Partial<PopupHandlers>;

/** A button of the idle notification: the same as that choice in the popup */
export async function answerIdleNotice(notificationId: string, index: number): Promise<void> {
  const choice = NOTICE_CHOICES[index];
  if (notificationId !== IDLE_NOTIFICATION || !choice) return;
  await timerHandlers['idle.resolve']({ type: 'idle.resolve', choice });
}
