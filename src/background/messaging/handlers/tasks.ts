// Finding a TimeCamp task to start from the popup.
import { recentTasks, searchTasks } from '../../tasks/search';
import type { PopupHandlers } from './types';

export const taskHandlers = {
  'tasks.search': async (request) => searchTasks(request.query),
  'tasks.recent': async () => recentTasks(),
} satisfies Partial<PopupHandlers>;
