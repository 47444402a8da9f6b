// A timer stop: only the timer this browser started is stopped.
import { isApiError } from '../../api/errors';
import { read } from '../../storage/records';
import { replace } from '../queue';
import type { ActionSender } from './attempt';
import { dropEmptyTwin, entryIdOfRun, runRecorded } from './runs';

export const sendStop: ActionSender<'stop'> = async (head, { client }) => {
  const entryId = await entryIdOfRun(head.runId);
  const started = (await read('runStarts'))[head.runId];
  const status = await client.timerStatus();
  // Ours: the entry we know, or the same start (second and task) under another id — a late
  // second start of this run. Not running (stopped elsewhere, or our earlier attempt landed),
  // or running another timer that replaced ours: nothing of ours is left to stop.
  const sameStart =
    status.running && started !== undefined && status.startedAt === started.wall && status.taskId === started.taskId;
  if (status.running && (status.entryId === entryId || sameStart)) {
    try {
      await client.stopTimer({ stoppedAt: head.at.wall });
    } catch (e) {
      // 400 "This action is not allowed." = it stopped between our two requests.
      if (!(isApiError(e) && e.kind === 'badRequest')) throw e;
    }
    if (status.entryId !== entryId && started) {
      // The late start closed our first entry at its own start: a zero-length leftover.
      await dropEmptyTwin(client, entryId, started.wall);
      return replace([head.seq], [], runRecorded(head.runId, status.entryId));
    }
  }
  await replace([head.seq]);
};
