// Senders and messages shared by the router tests: ours, valid ones of each type.
import { vi } from 'vitest';
import type { Runtime } from 'webextension-polyfill';
import { createRouter, type Handlers, type RouterConfig } from '../../../../src/background/messaging/router';

export const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const CONFIG: RouterConfig = {
  extensionId: EXT_ID,
  extensionOrigin: `chrome-extension://${EXT_ID}`,
  plannerOrigins: ['https://planner.timecamp.com'],
};

export const CONTENT_SENDER: Runtime.MessageSender = {
  id: EXT_ID,
  url: 'https://planner.timecamp.com/projects/101/board?taskId=5001',
  tab: { id: 7, index: 0, highlighted: true, active: true, pinned: false, incognito: false },
  frameId: 0,
};
export const POPUP_SENDER: Runtime.MessageSender = { id: EXT_ID, url: `chrome-extension://${EXT_ID}/popup.html` };

export const TASK = { plannerTaskId: '5001', title: 'Fix login', breadcrumb: ['Website', 'Sprint 1'] };
export const VALID_CONTENT = [
  { type: 'content.hello', plannerTaskId: '5001', visible: true },
  { type: 'content.hello', plannerTaskId: null, visible: false },
  { type: 'content.toggle', task: TASK, clickedAtMs: 1_770_000_000_000 },
  { type: 'content.trackWithoutTask', task: TASK, clickedAtMs: 1_770_000_000_000 },
  { type: 'content.dismissProblem', plannerTaskId: '5001' },
];
export const VALID_POPUP = [
  { type: 'popup.state' },
  { type: 'auth.connect', token: '5f3e9c1a7b2d4e6f8a0b1c2d3e' },
  { type: 'auth.disconnect' },
  { type: 'timer.stop', clickedAtMs: 1_770_000_000_000 },
  { type: 'timer.note', note: 'n' },
  { type: 'timer.start', task: { taskId: '9501', name: 'Fix login', path: [] }, clickedAtMs: 1_770_000_000_000 },
  { type: 'day.cached', date: '2026-03-29' },
  { type: 'day.refresh', date: '2026-03-29' },
  { type: 'entry.update', ref: { entryId: '77' }, date: '2026-03-29', change: { note: 'x' } },
  { type: 'entry.create', date: '2026-03-29', start: '10:00', end: '11:00', taskId: null, taskName: '', note: '' },
  { type: 'entry.delete', ref: { runId: 'r1' } },
  { type: 'entry.undoDelete', ref: { runId: 'r1' } },
  { type: 'attention.list' },
  { type: 'attention.retry', seq: 3 },
  { type: 'attention.discard', seq: 3 },
  { type: 'tasks.search', query: 'fix' },
  { type: 'tasks.recent' },
];

export function setup() {
  // Marker answers: the router hands a handler's answer back untouched, whatever it is.
  const handlers = {
    content: vi.fn<Handlers['content']>(async () => 'content-answer' as never),
    extensionPage: vi.fn<Handlers['extensionPage']>(async () => 'page-answer' as never),
  };
  const router = createRouter(CONFIG, handlers);
  return { router, handlers };
}
