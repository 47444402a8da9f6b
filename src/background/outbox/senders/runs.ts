// What the senders know about timer runs: the TimeCamp entry each became.
import type { TimeCampClient } from '../../api/client';
import type { Entry } from '../../api/types';
import { changeRecord, read, type KvChange } from '../../storage/records';
import { TaskProblemError } from '../../tasks/problems';
import { t } from '../../i18n';
import type { Stamp } from '../actions';
import type { CreateEntry, Start } from './attempt';

export async function entryIdOfRun(runId: string): Promise<string> {
  const entryId = (await read('runs'))[runId];
  if (!entryId) throw new TaskProblemError('failed', t('attentionUnknownRun'));
  return entryId;
}

/** Keep the maps small: only recent runs can still be edited or stopped from here. */
function recent<T>(map: Record<string, T>): Record<string, T> {
  const keys = Object.keys(map);
  const next = { ...map };
  for (const key of keys.slice(0, Math.max(0, keys.length - 500))) delete next[key];
  return next;
}

/** What a confirmed run teaches us (its entry id), written with the outbox change that confirms it */
export function runRecorded(
  runId: string,
  entryId: string,
  started?: { wall: string; taskId: string | null },
): KvChange[] {
  return [
    changeRecord('runs', (runs) => recent({ ...runs, [runId]: entryId })),
    ...(started ? [changeRecord('runStarts', (starts) => recent({ ...starts, [runId]: started }))] : []),
    changeRecord('timer', (timer) => (timer?.runId === runId ? { ...timer, entryId } : timer)),
  ];
}

/** Our entry `entryId` among TimeCamp's entries of the day `wall` falls on, if it is there */
export async function entryOnDayOf(client: TimeCampClient, entryId: string, wall: string): Promise<Entry | undefined> {
  const date = wall.slice(0, 10);
  return (await client.listEntries({ from: date, to: date })).find((e) => e.id === entryId);
}

/** Delete our entry `entryId` if it is the zero-length leftover of a doubled start */
export async function dropEmptyTwin(client: TimeCampClient, entryId: string, startWall: string): Promise<void> {
  const twin = await entryOnDayOf(client, entryId, startWall);
  if (twin && twin.durationSec === 0 && twin.startTime === startWall.slice(11)) await client.deleteEntry(twin.id);
}

/** A run from its start to `end`, as one finished entry (split by day before it is queued) */
export function entryFromRun(start: Start, end: Stamp): CreateEntry {
  return {
    kind: 'createEntry',
    userId: start.userId,
    createdAtMs: start.createdAtMs,
    runId: start.runId,
    start: start.at,
    end,
    taskId: start.task.taskId,
    note: start.note,
    attempts: 0,
    nextAttemptAtMs: 0,
    maybeSent: false,
    lastError: null,
    seq: start.seq,
  };
}
