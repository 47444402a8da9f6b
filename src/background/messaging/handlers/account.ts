// Connect and Disconnect (the token itself is handled by account/auth.ts only).
import { changed, startTimerRefresh } from '../../jobs';
import { read, write } from '../../storage/records';
import { startTimer, targetOf } from '../../timer/timer-service';
import { connect, connectWithSession, disconnect } from '../../account/auth';
import { readSettings } from '../../storage/settings';
import { currentTimeZone, wallClock } from '../../../shared/wall-clock';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

/** A Start click older than this is not replayed after Connect: the user has moved on */
const WAITING_START_MAX_AGE_MS = 30 * 60_000;

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

export const accountHandlers = {
  async 'auth.connect'(request) {
    const result = await connect(request.token);
    if (result.ok) {
      await replayWaitingStart();
      await afterWrite();
      startTimerRefresh(true);
    }
    return result;
  },
  /** One-click connect with the TimeCamp login this browser already has (issue 15) */
  async 'auth.connectSession'() {
    const result = await connectWithSession();
    if (result.ok) {
      await replayWaitingStart();
      await afterWrite();
      startTimerRefresh(true);
    }
    return result;
  },
  async 'auth.disconnect'() {
    await disconnect();
    await changed();
    return { ok: true };
  },
} satisfies Partial<PopupHandlers>;
