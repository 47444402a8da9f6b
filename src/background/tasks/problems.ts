// Why a Planner task cannot be tracked as itself, remembered per task so every
// tab shows the same explanation until the user acts on it.
import type { TaskProblem, TaskProblemKind } from '../../shared/protocol';
import { changeRecord, update, type KvChange } from '../storage/records';
import { t } from '../i18n';

/** Thrown by task resolution and by refused starts; the drain turns it into a TaskProblem */
export class TaskProblemError extends Error {
  constructor(
    readonly kind: TaskProblemKind,
    message: string,
  ) {
    super(message);
  }
}

export function problemMessage(kind: TaskProblemKind, detail?: string): string {
  switch (kind) {
    case 'notImported':
      return t('problemNotImported');
    case 'notAssigned':
      return detail ?? t('problemNotAssigned');
    case 'archived':
      return t('problemArchived');
    case 'failed':
      return detail ?? t('problemFailed');
  }
}

const MAX_PROBLEMS = 50;

export async function setProblem(plannerTaskId: string, kind: TaskProblemKind, detail?: string): Promise<void> {
  const problem: TaskProblem = { plannerTaskId, kind, message: problemMessage(kind, detail).slice(0, 500) };
  await update('problems', (list) =>
    [...list.filter((p) => p.plannerTaskId !== plannerTaskId), problem].slice(-MAX_PROBLEMS),
  );
}

export function problemCleared(plannerTaskId: string): KvChange {
  return changeRecord('problems', (list) => list.filter((p) => p.plannerTaskId !== plannerTaskId));
}

export async function clearProblem(plannerTaskId: string): Promise<void> {
  await update('problems', (list) => list.filter((p) => p.plannerTaskId !== plannerTaskId));
}
