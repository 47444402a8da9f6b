// Builds the TimeCamp task tree from the shared Planner seed, so the emulator
// and the Planner sandbox agree on every id and name. Import layout follows
// CONTRACT.md: root "Planner" (level 1) → workspaces (2) → projects (3) →
// lists (4) → cards (5, external_task_id `task_<cardId>`).
import { DEMO_USER, OTHER_USER, PLANNER_ROOT_NAME, PLANNER_ROOT_TASK_ID, PLANNER_SEED } from '../fixtures/planner-seed';

export interface SeedUser {
  userId: string;
  email: string;
  displayName: string;
  rootGroupId: string;
  token: string;
}

export const USERS: readonly SeedUser[] = [DEMO_USER, OTHER_USER];

export interface Task {
  id: string;
  /** "0" for top-level tasks, as TimeCamp does */
  parentId: string;
  name: string;
  externalTaskId: string | null;
  externalParentId: string | null;
  level: number;
  archived: boolean;
  /** users who may track time to this task; others can see it but get 403 */
  assignedUserIds: string[];
  note: string | null;
  color: string;
  billable: boolean;
}

const BOTH = [DEMO_USER.userId, OTHER_USER.userId];
const COLORS = ['#4B5A74', '#5DCB73', '#E8A33D', '#3D8FE8'];

/**
 * Workspaces get external ids, projects and lists don't: clients must cope
 * with null external ids anywhere above the card level.
 */
export function seedTasks(): Task[] {
  const tasks: Task[] = [];
  const add = (t: Omit<Task, 'color' | 'billable' | 'note' | 'assignedUserIds'> & Partial<Task>): Task => {
    const task: Task = {
      color: COLORS[t.level % COLORS.length] ?? '#4B5A74',
      billable: true,
      note: null,
      assignedUserIds: [...BOTH],
      ...t,
    };
    tasks.push(task);
    return task;
  };

  const root = add({
    id: PLANNER_ROOT_TASK_ID,
    parentId: '0',
    name: PLANNER_ROOT_NAME,
    externalTaskId: null,
    externalParentId: null,
    level: 1,
    archived: false,
  });
  for (const ws of PLANNER_SEED) {
    const wsTask = add({
      id: ws.timecampTaskId,
      parentId: root.id,
      name: ws.name,
      externalTaskId: `workspace_${ws.id}`,
      externalParentId: null,
      level: 2,
      archived: false,
    });
    for (const project of ws.projects) {
      const pTask = add({
        id: project.timecampTaskId,
        parentId: wsTask.id,
        name: project.name,
        externalTaskId: null,
        externalParentId: wsTask.externalTaskId,
        level: 3,
        archived: false,
      });
      for (const list of project.lists) {
        const lTask = add({
          id: list.timecampTaskId,
          parentId: pTask.id,
          name: list.name,
          externalTaskId: null,
          externalParentId: null,
          level: 4,
          archived: false,
        });
        for (const card of list.cards) {
          const tc = card.timecamp;
          if (tc.kind === 'notImported') continue;
          const imported = tc.kind === 'imported';
          add({
            id: tc.taskId,
            parentId: lTask.id,
            name: card.title,
            externalTaskId: imported ? `task_${card.id}` : null,
            externalParentId: null,
            level: 5,
            archived: imported && tc.archived === true,
            assignedUserIds: imported && tc.demoUserAssigned === false ? [OTHER_USER.userId] : [...BOTH],
          });
        }
      }
    }
  }

  // Non-Planner tasks: clients must not assume every task is a Planner import.
  add({
    id: '8000',
    parentId: '0',
    name: 'Internal',
    externalTaskId: null,
    externalParentId: null,
    level: 1,
    archived: false,
    billable: false,
  });
  add({
    id: '8001',
    parentId: '8000',
    name: 'Meetings',
    externalTaskId: null,
    externalParentId: null,
    level: 2,
    archived: false,
    billable: false,
    note: 'Stand-ups and planning',
  });
  // Another integration's id scheme that merely looks similar to Planner's.
  add({
    id: '8002',
    parentId: '8000',
    name: 'Support tickets',
    externalTaskId: 'asana_5001',
    externalParentId: null,
    level: 2,
    archived: false,
    billable: false,
  });
  return tasks;
}
