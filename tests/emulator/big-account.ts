// Generated task trees for big accounts (issue 13, item 1): real accounts hold
// 10,000–50,000 tasks, and GET /tasks carries ~560 bytes a task (TESTING.md).
// The tree hangs under the seed's "Planner" root like the integration's
// imports: workspace → project → list → card, with external ids on cards.
import { PLANNER_ROOT_TASK_ID } from '../fixtures/planner-seed';
import type { Task } from './seed';

/** Ids far above the seed's (8000–9999) */
const FIRST_ID = 1_000_000;
const CARDS_PER_LIST = 40;
const LISTS_PER_PROJECT = 5;
const PROJECTS_PER_WORKSPACE = 5;

const WORDS = [
  'Design',
  'review',
  'of',
  'the',
  'quarterly',
  'roadmap',
  'billing',
  'export',
  'mobile',
  'onboarding',
  'copy',
  'migration',
  'search',
  'invoice',
  'dashboard',
  'release',
];
/** A deterministic card title of 5–8 words, distinct per index */
const title = (i: number) =>
  `${Array.from({ length: 5 + (i % 4) }, (_, k) => WORDS[(i * 7 + k * 3) % WORDS.length]).join(' ')} #${i}`;

/** `count` generated tasks (cards and the containers above them); ~590 bytes each in GET /tasks */
export function generatedTasks(count: number, assignedUserIds: string[]): Task[] {
  const tasks: Task[] = [];
  let id = FIRST_ID;
  let card = 0;
  const add = (t: Pick<Task, 'parentId' | 'name' | 'level' | 'externalTaskId'>): Task => {
    const task: Task = {
      id: String(id++),
      externalParentId: null,
      archived: false,
      assignedUserIds: [...assignedUserIds],
      note: null,
      color: '#4B5A74',
      billable: true,
      ...t,
    };
    tasks.push(task);
    return task;
  };
  for (let w = 0; tasks.length < count; w++) {
    const ws = add({
      parentId: PLANNER_ROOT_TASK_ID,
      name: `Generated workspace ${w}`,
      level: 2,
      externalTaskId: `workspace_g${w}`,
    });
    for (let p = 0; p < PROJECTS_PER_WORKSPACE && tasks.length < count; p++) {
      const project = add({ parentId: ws.id, name: `Project ${w}.${p}`, level: 3, externalTaskId: null });
      for (let l = 0; l < LISTS_PER_PROJECT && tasks.length < count; l++) {
        const list = add({ parentId: project.id, name: `List ${w}.${p}.${l}`, level: 4, externalTaskId: null });
        for (let c = 0; c < CARDS_PER_LIST && tasks.length < count; c++, card++) {
          add({ parentId: list.id, name: title(card), level: 5, externalTaskId: `task_g${card}` });
        }
      }
    }
  }
  return tasks;
}

/** Where generated card `n` sits, for tests that look it up by its breadcrumb */
export function generatedCard(n: number): { title: string; externalTaskId: string } {
  return { title: title(n), externalTaskId: `task_g${n}` };
}
