// Connect and Disconnect (the token itself is handled by account/auth.ts only).
import { changed, startTimerRefresh } from '../../jobs';
import { replayWaitingStart } from '../../timer/timer-service';
import { connect, connectWithSession, disconnect } from '../../account/auth';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

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
