// The popup's "This Planner tab": asks the content script in the active tab what it
// sees (the task, where its button is). The tab answers only when our script runs
// there; any other tab gives null. Data flows popup → worker → tab and back.
import browser from 'webextension-polyfill';
import { DiagnoseRequest, TabDiagnostics, parseMessage } from '../../shared/protocol';
import { read } from '../storage/records';

/** The Planner tab the popup is about: the active one; a popup opened in a tab of its own means the Planner tab seen last */
async function plannerTabId(popupTabId: number | null): Promise<number | null> {
  const [active] = await browser.tabs.query({ active: true, lastFocusedWindow: true }).catch(() => []);
  if (active?.id !== undefined && active.id !== popupTabId) return active.id;
  if (popupTabId === null) return null;
  const tabs = Object.entries(await read('tabs')).filter(([, tab]) => tab.visible);
  tabs.sort(([, a], [, b]) => b.seenAtMs - a.seenAtMs);
  return tabs.length ? Number(tabs[0]![0]) : null;
}

export async function plannerTabDiagnostics(popupTabId: number | null): Promise<TabDiagnostics | null> {
  const tabId = await plannerTabId(popupTabId);
  if (tabId === null) return null;
  const question: DiagnoseRequest = { type: 'background.diagnose' };
  const answer: unknown = await browser.tabs.sendMessage(tabId, question).catch(() => null);
  return parseMessage(TabDiagnostics, answer);
}
