// The running timer from the popup: start, stop, note, and what to do with idle time.
import { buildView } from '../view';
import { read } from '../../storage/records';
import { setRunningNote, stampAt, startTimer, stopTimer } from '../../timer/timer-service';
import { resolveIdle } from '../../timer/idle-watch';
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
      '',
      stampAt(request.clickedAtMs),
    );
    return afterWrite();
  },
  async 'idle.resolve'(request) {
    const auth = await read('auth');
    if (auth) await resolveIdle(auth.account.userId, request.choice);
    return afterWrite();
  },
} satisfies Partial<PopupHandlers>;
