// A timer start: sent as a live timer, or with its stop (both queued) as one finished entry.
import type { Entry } from '../../api/types';
import type { TimeCampClient } from '../../api/client';
import { readViewStateIn, type ViewState } from '../../messaging/view';
import { update } from '../../storage/records';
import { resolveTaskId } from '../../tasks/resolver';
import { parseWallClock } from '../../../shared/wall-clock';
import type { OutboxAction, Stamp } from '../actions';
import { splitByDay } from '../day-split';
import { replace, replaceAndRead, type QueuedAction } from '../queue';
import { watchLate } from '../late-duplicates';
import { beforeSending, type ActionSender, type Attempt, type Start, type Stop } from './attempt';
import { entryFromRun, runRecorded } from './runs';

/** A start that waited this long may meet a timer started elsewhere meanwhile: check first */
const STALE_MS = 15_000;

export const sendStart: ActionSender<'start'> = async (head, attempt) => {
  const stop = attempt.queue.find((a): a is Stop => a.kind === 'stop' && a.runId === head.runId);
  // The stop of a switch whose new start still runs here: this run stays a live timer, which
  // the new start replaces on TimeCamp; as a finished entry it could not go on if that start
  // is refused (issue 15, drain.ts switchStart).
  const finished = stop && !switchGoesOn(stop, attempt.queue) ? stop : null;
  // A start that may already be on TimeCamp cannot simply become an entry: check first.
  if (finished && !head.maybeSent) return coalesce(head, finished, attempt);
  return startRun(head, attempt, stop ?? null, finished);
};

/** A switch's stop whose new start is queued without a stop of its own */
function switchGoesOn(stop: Stop, queue: QueuedAction[]): boolean {
  const to = stop.switchTo?.runId;
  return (
    to !== undefined &&
    queue.some((a) => a.kind === 'start' && a.runId === to) &&
    !queue.some((a) => a.kind === 'stop' && a.runId === to)
  );
}

/** A finished entry of ours: it started at this wall-clock second on this task */
async function landedEntry(client: TimeCampClient, startWall: string, taskId: string | null): Promise<Entry | null> {
  const date = startWall.slice(0, 10);
  const entries = await client.listEntries({ from: date, to: date });
  return entries.find((e) => e.startTime === startWall.slice(11) && e.taskId === taskId) ?? null;
}

/** `finished`: the stop that makes this run one finished entry (null: it goes out as a live timer) */
async function startRun(
  head: Start,
  attempt: Attempt,
  stop: Stop | null,
  finished: Stop | null,
): Promise<ViewState | void> {
  const { client } = attempt;
  const taskId = await resolveTaskId(client, head.task);
  const action: Start = { ...head, task: { ...head.task, taskId } };

  if (head.maybeSent || Date.now() - head.at.ms > STALE_MS) {
    const status = await client.timerStatus();
    if (status.running && status.startedAt === head.at.wall && status.taskId === taskId) {
      // Our earlier attempt landed; its answer was lost.
      attempt.confirmed(head.runId);
      return afterStart(action, status.entryId);
    }
    if (head.maybeSent) {
      // It may have landed and been closed since (stopped, or replaced by another start).
      const landed = await landedEntry(client, head.at.wall, taskId);
      if (landed) {
        await afterStart(action, landed.id); // its view is out of date at once: the timer goes next
        await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
        return;
      }
    }
    const otherStartMs = status.running ? parseWallClock(status.startedAt) : null;
    if (status.running && otherStartMs !== null && otherStartMs > head.at.ms && !(stop && stop.at.ms <= otherStartMs)) {
      // A timer started elsewhere after this click: it is the newer intent and keeps running;
      // our stretch becomes a finished entry up to where it began.
      const end: Stamp = { ms: otherStartMs, wall: status.startedAt, tz: head.at.tz };
      await replace([head.seq], splitByDay(entryFromRun(action, end)));
      await update('timer', (timer) => (timer?.runId === head.runId ? null : timer));
      return;
    }
  }
  // Not on TimeCamp: with its stop queued as well it is one finished entry.
  if (finished) return coalesce(action, finished, attempt);
  // The resolved task is saved with the mark, so a retry after a lost answer compares like with like.
  await beforeSending(action, attempt, taskId !== head.task.taskId);
  const started = await client.startTimer({ taskId, startedAt: head.at.wall });
  attempt.confirmed(head.runId); // the button the user looks at: before the transaction below
  if (head.maybeSent && head.timedOut)
    await watchLate({
      kind: 'timer',
      runId: head.runId,
      start: head.at.wall,
      end: null,
      taskId,
      keepId: started.entryId,
    });
  return afterStart(action, started.entryId);
}

/** Record the confirmed start (and queue its note); returns the view as committed */
async function afterStart(action: Start, entryId: string): Promise<ViewState> {
  const learned = runRecorded(action.runId, entryId, { wall: action.at.wall, taskId: action.task.taskId });
  // Third-party /timer takes no note: set it on the new entry (CONTRACT.md), as the next step.
  if (action.note) {
    const { at: _at, task: _task, kind: _kind, ...rest } = action;
    const note: OutboxAction = {
      ...rest,
      kind: 'note',
      note: action.note,
      attempts: 0,
      nextAttemptAtMs: 0,
      maybeSent: false,
      lastError: null,
      timedOut: false,
    };
    return replaceAndRead([], [note], learned, readViewStateIn);
  }
  return replaceAndRead([action.seq], [], learned, readViewStateIn);
}

/** A start and its stop both queued: one finished entry, notes of the run folded in */
async function coalesce(start: Start, stop: Stop, attempt: Attempt): Promise<void> {
  const taskId = await resolveTaskId(attempt.client, start.task);
  const notes = attempt.queue.filter(
    (a): a is Extract<QueuedAction, { kind: 'note' }> => a.kind === 'note' && a.runId === start.runId,
  );
  const note = notes.length ? notes[notes.length - 1]!.note : start.note;
  const entry = entryFromRun({ ...start, task: { ...start.task, taskId }, note }, stop.at);
  await replace([start.seq, stop.seq, ...notes.map((n) => n.seq)], splitByDay(entry));
}
