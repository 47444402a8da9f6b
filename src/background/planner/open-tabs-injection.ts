// After an update or reload of the extension, Planner tabs that were open keep the old
// content script, orphaned (chrome.runtime and chrome.i18n are gone there), and Chrome
// injects manifest content scripts only on a full page load. So the new version injects
// its content script into them itself; the new copy removes the old button, and the old
// copy stops when it sees that (src/content/task-view-watcher.ts). Also on install: tabs
// opened before it get the button without a reload.
import browser from 'webextension-polyfill';
import { PLANNER_HOSTS, everyPageOf } from '../../shared/planner';
import { readSettings } from '../storage/settings';

/** Injects content.js into every open tab of a Planner host; returns how many took it */
export async function injectIntoOpenPlannerTabs(): Promise<number> {
  const scripting = browser.scripting;
  if (!scripting) return 0;
  const { plannerHosts } = await readSettings();
  // Querying by URL needs host access to it, which the manifest (and each granted extra host) gives; no `tabs` permission.
  const tabs = await browser.tabs.query({ url: [...PLANNER_HOSTS, ...plannerHosts].map(everyPageOf) }).catch(() => []);
  const results = await Promise.all(
    tabs.map((tab) =>
      tab.id === undefined || tab.discarded
        ? false
        : scripting.executeScript({ target: { tabId: tab.id }, files: ['content.js'] }).then(
            () => true,
            () => false, // a tab still loading, or an extra host whose access was withdrawn: its next load injects anyway
          ),
    ),
  );
  return results.filter(Boolean).length;
}
