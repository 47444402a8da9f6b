// One attempt at sending the head of the outbox: what every sender is handed.
import type { TimeCampClient } from '../../api/client';
import type { ViewState } from '../../messaging/view';
import { markStoredWithClick, save, type QueuedAction } from '../queue';

export interface Attempt {
  client: TimeCampClient;
  /** the whole queue, head first (a start looks for its stop, a run's notes are folded in) */
  queue: QueuedAction[];
  /** the seq of the action whose creating write went out in this attempt (a failure before it sent nothing) */
  writeLeft: number | null;
  /** TimeCamp confirmed this run's start: told at once, before it is recorded (DrainHooks.confirmed) */
  confirmed(runId: string): void;
}

/** Sends one kind of action; a confirmed start returns the view as it committed it */
export type ActionSender<K extends QueuedAction['kind']> = (
  action: Extract<QueuedAction, { kind: K }>,
  attempt: Attempt,
) => Promise<ViewState | void>;

export type Start = Extract<QueuedAction, { kind: 'start' }>;
export type Stop = Extract<QueuedAction, { kind: 'stop' }>;
export type CreateEntry = Extract<QueuedAction, { kind: 'createEntry' }>;

/** Mark a write as possibly sent before it goes out (a worker killed mid-request then checks first) */
export async function beforeSending<A extends QueuedAction>(
  action: A,
  attempt: Attempt,
  changed = false,
): Promise<void> {
  const markedAlready = markStoredWithClick(action) && !changed;
  if (!markedAlready && (!action.maybeSent || changed)) await save({ ...action, maybeSent: true });
  attempt.writeLeft = action.seq;
}
