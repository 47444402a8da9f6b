// Connect and Disconnect (the token itself is handled by account/auth.ts only).
import { changed, startTimerRefresh } from '../../jobs';
import { replayWaitingStart } from '../../timer/timer-service';
import { connect, connectWithSession, disconnect } from '../../account/auth';
import { afterWrite } from './after-write';
import type { PopupHandlers } from './types';

/** After a Connect, by token or by login: the click that waited for it starts, and TimeCamp is asked what runs */
async function connected<T extends { ok: boolean }>(result: T): Promise<T> {
  if (result.ok) {
    await replayWaitingStart();
    await afterWrite();
    startTimerRefresh(true);
  }
  return result;
}

export const accountHandlers = {
  'auth.connect': async (request) => connected(await connect(request.token)),
  /** One-click connect with the TimeCamp login this browser already has (issue 15) */
  'auth.connectSession': async () => connected(await connectWithSession()),
  async 'auth.disconnect'() {
    await disconnect();
    await changed();
    return { ok: true };
  },
} satisfies Partial<PopupHandlers>;
