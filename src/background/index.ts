// Service worker entry (Chrome) / event page (Firefox). Listeners are
// registered synchronously at the top level so a worker woken by an event
// gets it; everything else is read from IndexedDB on demand.
import browser, { type Runtime } from 'webextension-polyfill';
import { PLANNER_ORIGINS } from './planner-origins';
import { createRouter } from './router';
import { handleContent, handleExtensionPage } from './handlers';
import { onAlarm, onWake, kickDrain } from './lifecycle';

const router = createRouter(
  {
    extensionId: browser.runtime.id,
    // Spelled from the URL itself: URL.origin of an extension scheme is "null" in some engines.
    extensionOrigin: browser.runtime.getURL('').replace(/\/+$/, ''),
    plannerOrigins: PLANNER_ORIGINS,
  },
  { content: handleContent, extensionPage: handleExtensionPage },
);

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => router(message, sender));
browser.alarms.onAlarm.addListener((alarm) => void onAlarm(alarm.name));
browser.runtime.onStartup.addListener(() => void onWake());
browser.runtime.onInstalled.addListener(() => void onWake());
// Back online: send what waited (a wait caused by the network ends now).
globalThis.addEventListener('online', () => kickDrain({ online: true }));

void onWake();
