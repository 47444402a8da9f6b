// The TimerView every UI draws from: built from IndexedDB only, so it is
// instant and correct right after the worker wakes.
import type { TimerView } from '../shared/protocol';
import { attentionCount, pendingCount } from './outbox';
import { read } from './stored';
import { knownTotals } from './task-totals';

export async function buildView(): Promise<TimerView> {
  const [auth, authRejected, timer, pending, attention, problems, tabs] = await Promise.all([
    read('auth'),
    read('authRejected'),
    read('timer'),
    pendingCount(),
    attentionCount(),
    read('problems'),
    read('tabs'),
  ]);
  const openTasks = [...new Set(Object.values(tabs).flatMap((t) => (t.plannerTaskId ? [t.plannerTaskId] : [])))].slice(0, 50);
  return {
    connected: auth !== null && !authRejected,
    running: timer && {
      plannerTaskId: timer.task.plannerTaskId,
      taskId: timer.task.taskId,
      title: timer.task.title.slice(0, 2000),
      breadcrumb: timer.task.breadcrumb.slice(0, 8).map((b) => b.slice(0, 500)),
      note: timer.note.slice(0, 2000),
      startedAtMs: Math.max(0, Math.round(timer.startedAt.ms)),
      synced: timer.entryId !== null,
    },
    pending,
    attention,
    problems,
    totals: await knownTotals(openTasks),
  };
}
