// A timer stop: only the timer this browser started is stopped.
import { isApiError } from '../../api/errors';
import type { TimeCampClient } from '../../api/client';
import { read } from '../../storage/records';
import { secondsOfDay } from '../../../shared/wall-clock';
import { replace } from '../queue';
import type { ActionSender } from './attempt';
import { dropEmptyTwin, entryIdOfRun, entryOnDayOf, runRecorded } from './runs';

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
  } else if (head.switchTo && entryId) {
    await endAtSwitch(client, entryId, head.at.wall);
  }
  await replace([head.seq]);
};

/**
 * A switch made here while TimeCamp still ran this timer, which it closed later because a
 * timer was started elsewhere: the run ends at the switch. Left at TimeCamp's later end, its
 * last stretch would be counted twice, beside the run switched to. (A plain stop keeps
 * TimeCamp's later end: no run of ours follows it.)
 */
async function endAtSwitch(client: TimeCampClient, entryId: string, at: string): Promise<void> {
  // Not among the switch's day's entries (it began on an earlier one): left as TimeCamp has it.
  const entry = await entryOnDayOf(client, entryId, at);
  if (!entry?.startTime || !entry.endTime) return;
  const time = at.slice(11);
  const start = secondsOfDay(entry.startTime);
  const end = secondsOfDay(time);
  if (secondsOfDay(entry.endTime) <= end || end < start) return;
  await client.updateEntry({ id: entryId, endTime: time, durationSec: end - start });
}
