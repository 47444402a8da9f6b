// Pushes the current view to every Planner tab with our content script and to
// open extension pages (popup), so a change made anywhere shows everywhere.
import browser from 'webextension-polyfill';
import type { BackgroundPush, TimerView } from '../../shared/protocol';
import { changeRecord, update, read, type KvChange, type OpenTabs } from '../storage/records';
import { pushOnAllPorts, pushOnPort } from './tab-ports';

/** Remember a Planner tab, so views can be pushed to it */
export async function registerTab(tabId: number, plannerTaskId: string | null, visible: boolean): Promise<void> {
  await update('tabs', (tabs) => ({ ...tabs, [tabId]: { plannerTaskId, visible, seenAtMs: Date.now() } }));
}

/** The same, inside the caller's transaction; nothing to write when `known` (the tabs as just read) has it */
export function tabRegistered(
  known: OpenTabs,
  tabId: number,
  plannerTaskId: string | null,
  visible: boolean,
): KvChange[] {
  const seen = known[String(tabId)];
  if (seen && seen.plannerTaskId === plannerTaskId && seen.visible === visible) return [];
  return [changeRecord('tabs', (tabs) => ({ ...tabs, [tabId]: { plannerTaskId, visible, seenAtMs: Date.now() } }))];
}

export async function forgetTab(tabId: number): Promise<void> {
  await update('tabs', (tabs) => {
    const { [String(tabId)]: _gone, ...rest } = tabs;
    return rest;
  });
}

export async function openTabIds(): Promise<number[]> {
  return Object.keys(await read('tabs')).map(Number);
}

export async function broadcast(view: TimerView, tabIds: number[]): Promise<void> {
  const push: BackgroundPush = { type: 'background.view', view };
  await Promise.all([
    ...tabIds.map((tabId) =>
      pushOnPort(tabId, push)
        ? undefined
        : // A closed tab or a navigated-away page has no receiver: forget it.
          browser.tabs.sendMessage(tabId, push).catch(() => forgetTab(tabId)),
    ),
    // Extension pages (the popup) listen on runtime; none open is not an error.
    browser.runtime.sendMessage(push).catch(() => undefined),
  ]);
}

/**
 * TimeCamp confirmed run `runId`'s start: the tabs draw it as synced now, while the worker
 * still records it and reads the view that says so (a storage round trip and a commit later).
 * On the tabs' ports only: a tab without one gets that view as before.
 */
export function announceConfirmed(runId: string): void {
  const push: BackgroundPush = { type: 'background.confirmed', runId };
  pushOnAllPorts(push);
}
