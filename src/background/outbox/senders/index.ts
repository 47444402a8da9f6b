// One sender per kind of action.
import type { ViewState } from '../../messaging/view';
import type { QueuedAction } from '../queue';
import type { ActionSender, Attempt } from './attempt';
import { sendEntryDelete, sendEntryUpdate, sendNote } from './edits';
import { sendEntry } from './entry';
import { sendStart } from './start';
import { sendStop } from './stop';

const senders: { [K in QueuedAction['kind']]: ActionSender<K> } = {
  start: sendStart,
  stop: sendStop,
  note: sendNote,
  createEntry: sendEntry,
  updateEntry: sendEntryUpdate,
  deleteEntry: sendEntryDelete,
};

/** Sends the head of the queue; a confirmed start returns the view as it committed it */
export function send(head: QueuedAction, attempt: Attempt): Promise<ViewState | void> {
  return (senders[head.kind] as ActionSender<QueuedAction['kind']>)(head as never, attempt);
}
