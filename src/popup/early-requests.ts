// The two IndexedDB-only requests the first render needs (popup.state, day.cached
// for today), sent before anything else in popup.js evaluates: the worker's answer
// then overlaps with preact and zod starting up. Imported first by index.tsx; the
// connector takes each answer once and validates it like any other.
import type { PopupRequest } from '../shared/protocol';
import { localDate } from '../shared/wall-clock';
import { extensionApi } from './extension-api';

const send = (request: PopupRequest): Promise<unknown> => {
  try {
    return extensionApi()
      .runtime.sendMessage(request)
      .catch(() => null);
  } catch {
    return Promise.resolve(null);
  }
};

/** where popup.js starts running: the e2e test reports the popup's own share of the first render */
performance.mark('popup-script-start');
const today = localDate(Date.now());
const pending: { state?: Promise<unknown>; day?: { date: string; answer: Promise<unknown> } } = {
  state: send({ type: 'popup.state' }),
  day: { date: today, answer: send({ type: 'day.cached', date: today }) },
};

/** The early answer to popup.state, once; undefined afterwards */
export function takeEarlyState(): Promise<unknown> | undefined {
  const answer = pending.state;
  delete pending.state;
  return answer;
}

/** The early answer to day.cached for `date`, once; undefined afterwards or for another day */
export function takeEarlyDay(date: string): Promise<unknown> | undefined {
  const day = pending.day;
  if (!day || day.date !== date) return undefined;
  delete pending.day;
  return day.answer;
}
