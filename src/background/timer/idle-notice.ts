// The idle question outside the popup (issue 15, item 7): a browser notification and a
// "?" on the toolbar badge while it is open, so the user learns of it without opening
// the popup. The answer is given in the popup, or with the notification's buttons
// (Chrome; Firefox shows no buttons, a click on the notification opens the popup).
import browser from 'webextension-polyfill';
import { read } from '../storage/records';
import { t } from '../i18n';

export const IDLE_NOTIFICATION = 'timecamp-idle';

/** Is the idle question open for the timer that runs now? (the badge shows "?") */
export async function idleAsked(): Promise<boolean> {
  // idle-watch.ts keeps the open question (storage/records.ts: idlePrompt)
  const [prompt, timer] = await Promise.all([read('idlePrompt'), read('timer')]);
  return prompt !== null && timer?.runId === prompt.runId;
}

/** Buttons of the notification, in order: the main choice first */
export const NOTICE_CHOICES = ['discard', 'keep'] as const;

export async function notifyIdle(): Promise<void> {
  const prompt = await read('idlePrompt');
  if (!prompt) return;
  const minutes = String(Math.round((prompt.idleEndMs - prompt.idleStartMs) / 60_000));
  const since = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(prompt.idleStartMs);
  const options = {
    type: 'basic' as const,
    iconUrl: browser.runtime.getURL('icons/icon-128.png'),
    title: t('idleTitle'),
    message: t('idleText', minutes, since),
    requireInteraction: true,
  };
  try {
    await browser.notifications.create(IDLE_NOTIFICATION, {
      ...options,
      buttons: [{ title: t('idleDiscard') }, { title: t('idleKeep') }],
    } as never);
  } catch {
    // Firefox has no notification buttons: a click opens the popup, where all choices are
    await browser.notifications.create(IDLE_NOTIFICATION, options).catch(() => undefined);
  }
}

export async function clearIdleNotice(): Promise<void> {
  await browser.notifications.clear(IDLE_NOTIFICATION).catch(() => undefined);
}

/** The notification itself was clicked: the popup asks with every choice */
export async function openIdleQuestion(): Promise<void> {
  try {
    await browser.action.openPopup();
  } catch {
    await browser.tabs.create({ url: browser.runtime.getURL('popup.html') });
  }
}
