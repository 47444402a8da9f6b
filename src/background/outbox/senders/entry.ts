// A finished entry (a manual entry, or a run that was stopped before it was sent).
import type { Entry } from '../../api/types';
import { replace } from '../queue';
import { watchLate } from '../late-duplicates';
import { beforeSending, type ActionSender, type CreateEntry } from './attempt';
import { runRecorded } from './runs';

export const sendEntry: ActionSender<'createEntry'> = async (head, attempt) => {
  const { client } = attempt;
  const date = head.start.wall.slice(0, 10);
  const startTime = head.start.wall.slice(11);
  const endTime = head.end.wall.slice(11);
  if (head.maybeSent) {
    const existing = await client.listEntries({ from: date, to: date });
    const same = existing.find(
      (e: Entry) => e.startTime === startTime && e.endTime === endTime && e.taskId === head.taskId,
    );
    if (same) return finishEntry(head, same.id);
  }
  await beforeSending(head, attempt);
  const { entryId } = await client.createEntry({
    date,
    start: startTime,
    end: endTime,
    taskId: head.taskId,
    note: head.note,
  });
  if (head.maybeSent && head.timedOut)
    await watchLate({
      kind: 'entry',
      runId: head.runId,
      start: head.start.wall,
      end: head.end.wall,
      taskId: head.taskId,
      keepId: entryId,
    });
  await finishEntry(head, entryId);
};

async function finishEntry(head: CreateEntry, entryId: string): Promise<void> {
  await replace([head.seq], [], head.runId ? runRecorded(head.runId, entryId) : []);
}
