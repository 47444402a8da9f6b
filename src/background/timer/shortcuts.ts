// Keyboard shortcut (manifest "commands"): start/stop the timer for the Planner
// task open in the active tab. The tab's content script knows the task (title,
// breadcrumb), so it is asked to act as if its button was clicked.
import browser from 'webextension-polyfill';
import type { BackgroundPush } from '../../shared/protocol';
import { read } from '../storage/records';

export const TOGGLE_COMMAND = 'toggle-timer';

export async function onCommand(command: string, tabId: number | undefined): Promise<void> {
  if (command !== TOGGLE_COMMAND || tabId === undefined) return;
  // Only a tab where our content script said hello: other pages have nothing to toggle.
  const tab = (await read('tabs'))[String(tabId)];
  if (!tab?.plannerTaskId) return;
  const push: BackgroundPush = { type: 'background.toggle' };
  await browser.tabs.sendMessage(tabId, push).catch(() => undefined);
}
