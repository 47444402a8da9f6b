// Changes to an entry that exists: the running timer's note, an edit, a delete.
import { replace } from '../queue';
import type { ActionSender } from './attempt';
import { entryIdOfRun } from './runs';

export const sendNote: ActionSender<'note'> = async (head, { client }) => {
  const entryId = await entryIdOfRun(head.runId);
  await client.updateEntry({ id: entryId, note: head.note });
  return replace([head.seq]);
};

export const sendEntryUpdate: ActionSender<'updateEntry'> = async (head, { client }) => {
  const id = 'entryId' in head.target ? head.target.entryId : await entryIdOfRun(head.target.runId);
  await client.updateEntry({ id, ...head.patch });
  return replace([head.seq]);
};

export const sendEntryDelete: ActionSender<'deleteEntry'> = async (head, { client }) => {
  const id = 'entryId' in head.target ? head.target.entryId : await entryIdOfRun(head.target.runId);
  await client.deleteEntry(id);
  return replace([head.seq]);
};
