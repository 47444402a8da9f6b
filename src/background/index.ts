// Service worker entry (Chrome) / event page (Firefox). Listeners are
// registered synchronously at the top level so a worker woken by an event
// gets it; everything else is read from IndexedDB on demand.
import browser, { type Runtime } from 'webextension-polyfill';
import { createRouter } from './messaging/router';
import { acceptPort } from './messaging/tab-ports';
import { handleContent, handleExtensionPage } from './messaging/handlers';
import { changed, onAlarm, onIdleState, onWake, startDrain } from './jobs';
import { applyIdleSettings } from './timer/idle-watch';
import { IDLE_NOTIFICATION, openIdleQuestion } from './timer/idle-notice';
import { answerIdleNotice } from './messaging/handlers/timer';
import { onCommand } from './timer/shortcuts';
import { applyPlannerHosts, plannerOrigins, updatePlannerOrigins } from './planner/planner-hosts';
import { forgetSettings } from './storage/settings';
import { injectIntoOpenPlannerTabs } from './planner/open-tabs-injection';

const router = createRouter(
  {
    extensionId: browser.runtime.id,
    // Spelled from the URL itself: URL.origin of an extension scheme is "null" in some engines.
    extensionOrigin: browser.runtime.getURL('').replace(/\/+$/, ''),
    // Updated in place by applyPlannerHosts (custom Planner hosts the user granted).
    plannerOrigins,
    refreshPlannerOrigins: async () => {
      await updatePlannerOrigins();
    },
  },
  { content: handleContent, extensionPage: handleExtensionPage },
);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router(message, sender));
browser.runtime.onConnect.addListener((port) => acceptPort(port, router));
browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
browser.runtime.onStartup.addListener(() => void onWake());
browser.runtime.onInstalled.addListener(() => {
  void onWake();
  // Install, update or reload: open Planner tabs get the new content script without a page reload.
  void injectIntoOpenPlannerTabs();
});
// Back online: send what waited (a wait caused by the network ends now).
globalThis.addEventListener('online', () => startDrain({ online: true }));

browser.commands.onCommand.addListener((command, tab) => void onCommand(command, tab?.id));
// The computer went idle or came back while a timer may run (issue #8).
browser.idle.onStateChanged.addListener((state) => void onIdleState(state));
// The idle question as a notification (issue 15): a button answers it, a click opens the popup.
browser.notifications.onButtonClicked.addListener((id, index) => void answerIdleNotice(id, index));
browser.notifications.onClicked.addListener((id) => void (id === IDLE_NOTIFICATION ? openIdleQuestion() : undefined));
browser.storage.onChanged.addListener((changes) => {
  if ('settings' in changes) {
    forgetSettings();
    void applyIdleSettings().then(() => changed());
    void applyPlannerHosts().catch(() => undefined);
  }
});
browser.permissions.onRemoved.addListener(() => void applyPlannerHosts().catch(() => undefined));

void onWake();
void applyIdleSettings();
void applyPlannerHosts().catch(() => undefined);
